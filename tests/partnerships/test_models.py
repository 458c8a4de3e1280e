import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from partnerships.models import Country, SwedishOrganisation, SwedishOrganisationType
from partnerships.validators import validate_organisation_number
from tests.factories import (
    CountryFactory,
    CountyFactory,
    MembershipFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    SwedishOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_sweden_cannot_be_a_cooperation_country_so_partners_are_abroad():
    with pytest.raises(IntegrityError):
        Country.objects.create(code="SE", name_sv="Sverige", name_en="Sweden", status="cluster")


def test_the_admin_form_explains_why_sweden_is_refused():
    country = Country(code="SE", name_sv="Sverige", name_en="Sweden", status="cluster")
    with pytest.raises(ValidationError, match="Sverige kan inte vara ett samarbetsland"):
        country.full_clean()


def test_a_country_code_is_two_capital_letters():
    with pytest.raises(ValidationError):
        Country(code="ke", name_sv="Kenya", name_en="Kenya", status="cluster").full_clean()


@pytest.mark.parametrize(
    ("type", "code", "valid"),
    [
        (SwedishOrganisationType.MUNICIPALITY, "9999", True),
        (SwedishOrganisationType.MUNICIPALITY, "180", False),
        (SwedishOrganisationType.MUNICIPALITY, "", False),
        (SwedishOrganisationType.REGION, "99", True),
        (SwedishOrganisationType.REGION, "0180", False),
        (SwedishOrganisationType.MUNICIPAL_FEDERATION, "", True),
        (SwedishOrganisationType.MUNICIPAL_FEDERATION, "0180", False),
    ],
)
def test_the_official_code_fits_the_organisation_type(type, code, valid):
    org = SwedishOrganisation(name="Test", type=type, code=code, county=CountyFactory())
    if valid:
        org.full_clean()
    else:
        with pytest.raises(ValidationError):
            org.full_clean()


def test_official_codes_are_unique(reference_data):
    with pytest.raises(IntegrityError):
        SwedishOrganisation.objects.create(
            name="Dubblett",
            type=SwedishOrganisationType.MUNICIPALITY,
            code="0180",
            county=CountyFactory(),
        )


@pytest.mark.parametrize("number", ["212000-0142", "2120000142", "556036-0793"])
def test_valid_organisation_numbers_pass(number):
    validate_organisation_number(number)


@pytest.mark.parametrize(
    "number",
    ["212000-0143", "21200001", "abcdef-ghij", "19800101-1234", "800101-1234", ""],
)
def test_invalid_organisation_numbers_and_personal_identity_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_organisation_number(number)


def test_organisation_numbers_are_unique_when_given():
    SwedishOrganisationFactory(organisation_number="212000-0142")
    SwedishOrganisationFactory(organisation_number="")
    SwedishOrganisationFactory(organisation_number="")
    with pytest.raises(IntegrityError):
        SwedishOrganisationFactory(organisation_number="212000-0142")


def test_a_partnership_cannot_end_before_it_starts():
    partnership = PartnershipFactory.build(
        swedish_organisation=SwedishOrganisationFactory(),
        partner_organisation=PartnerOrganisationFactory(),
        start_year=2020,
        end_year=2019,
    )
    with pytest.raises(ValidationError, match="Slutåret kan inte vara före startåret"):
        partnership.full_clean()


def test_an_ended_partnership_needs_an_end_year():
    partnership = PartnershipFactory.build(
        swedish_organisation=SwedishOrganisationFactory(),
        partner_organisation=PartnerOrganisationFactory(),
        status="ended",
    )
    with pytest.raises(ValidationError, match="Ett avslutat partnerskap har ett slutår"):
        partnership.full_clean()


def test_the_partnership_country_is_the_partners():
    partnership = PartnershipFactory(partner_organisation__country=CountryFactory(code="UG"))
    assert partnership.country.code == "UG"


def test_a_user_joins_an_organisation_once():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        MembershipFactory(user=membership.user, organisation=membership.organisation)
