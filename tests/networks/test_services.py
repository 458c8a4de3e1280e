"""The services and the ranking's input read from the database."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from networks import selectors, services, workflow
from networks.models import NetworkStatus, RegistrationStatus
from partnerships.models import Country, SubjectCategory
from tests.factories import (
    InterestRegistrationFactory,
    MembershipFactory,
    NetworkFactory,
    PartnerOrganisationFactory,
    PartnerSeekingFactory,
    PartnershipFactory,
    SubjectCategoryFactory,
    make_coordinator,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages in English: assertions hold whatever the Swedish catalogue says."""
    with translation.override("en"):
        yield


def gender() -> SubjectCategory:
    return SubjectCategory.objects.get(slug="gender-equality")


def kenya() -> Country:
    return Country.objects.get(code="KE")


def test_further_parties_of_a_partnership_count_as_existing_partnerships():
    registration = InterestRegistrationFactory()
    as_further_swede = PartnershipFactory(partner_organisation__country=kenya())
    as_further_swede.additional_swedish_organisations.add(registration.organisation)
    with_further_partner = PartnershipFactory(swedish_organisation=registration.organisation)
    further_partner = PartnerOrganisationFactory(country=kenya())
    with_further_partner.additional_partner_organisations.add(further_partner)
    PartnershipFactory()  # someone else's

    organisation = registration.organisation_id
    assert selectors.existing_partnerships(organisation) == {
        (organisation, as_further_swede.partner_organisation_id),
        (organisation, with_further_partner.partner_organisation_id),
        (organisation, further_partner.pk),
    }


def test_a_known_organisations_themes_are_those_of_its_partnerships():
    partner = PartnershipFactory(
        partner_organisation__country=kenya(), categories=[gender()]
    ).partner_organisation
    registration = InterestRegistrationFactory()
    _seeker, candidates, _existing, _names = selectors.ranking_input(registration)
    [known] = [c for c in candidates if c.key == f"organisation:{partner.pk}"]
    assert known.themes == {"gender-equality"}
    assert known.country_status == "cluster"


def test_a_listing_of_a_known_organisation_is_checked_against_its_partnerships():
    existing = PartnershipFactory(
        partner_organisation__name="Gulu City", partner_organisation__country=kenya()
    )
    seeking = PartnerSeekingFactory(organisation_name="gulu city", country=kenya(), published=True)
    seeking.themes.set([gender()])
    registration = InterestRegistrationFactory(organisation=existing.swedish_organisation)
    assert selectors.suggestions_for(registration) == []
    others = selectors.suggestions_for(InterestRegistrationFactory())
    assert f"seeking:{seeking.pk}" in {s.candidate.key for s in others}


def test_suggestions_take_the_same_number_of_queries_for_5_and_50_candidates():
    registration = InterestRegistrationFactory(preferred_countries=[kenya()])

    def grow(count: int) -> None:
        for _ in range(count):
            PartnershipFactory(partner_organisation__country=kenya(), categories=[gender()])
            PartnerSeekingFactory(country=kenya(), published=True).themes.set([gender()])

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            selectors.suggestions_for(registration)
        return len(context.captured_queries)

    grow(5)
    few = queries()
    grow(45)
    assert queries() == few


def registration_data(network, **overrides) -> dict:
    return {
        "network": network,
        "organisation": MembershipFactory().organisation,
        "contact_name": "Eva",
        "contact_email": "eva@kommun.example.se",
        "themes": [gender()],
        "wants_to_develop": "Jämställdhet.",
        "political_support_sought": True,
        "language": "sv",
    } | overrides


def test_the_service_refuses_a_network_that_closed_meanwhile():
    network = NetworkFactory()
    data = registration_data(network)
    network.status = NetworkStatus.CLOSED
    network.save()
    with pytest.raises(ValidationError, match="does not take interest registrations"):
        services.register_interest(**data)


@pytest.mark.parametrize(
    "overrides",
    [
        {"political_support_sought": False},
        {"themes": []},
        {"contact_email": "not an address"},
        {"contact_name": "x" * 300},
        {"preferred_cluster": "mars"},
    ],
)
def test_the_service_checks_what_a_form_would(overrides):
    with pytest.raises(ValidationError):
        services.register_interest(**registration_data(NetworkFactory(), **overrides))


def test_matching_twice_gives_one_partnership():
    seeking = PartnerSeekingFactory(country=kenya(), published=True)
    seeking.themes.set([gender()])
    registration = InterestRegistrationFactory()
    staff = make_staff()
    workflow.accept_match(
        registration=registration, candidate_key=f"seeking:{seeking.pk}", by=staff
    )
    with pytest.raises(ValidationError):
        workflow.accept_match(
            registration=registration, candidate_key=f"seeking:{seeking.pk}", by=staff
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.MATCHED


def test_a_second_registration_cannot_take_a_listing_already_matched():
    seeking = PartnerSeekingFactory(country=kenya(), published=True)
    seeking.themes.set([gender()])
    first, second = InterestRegistrationFactory(), InterestRegistrationFactory()
    staff = make_staff()
    workflow.accept_match(registration=first, candidate_key=f"seeking:{seeking.pk}", by=staff)
    with pytest.raises(ValidationError, match="no longer suggested"):
        workflow.accept_match(registration=second, candidate_key=f"seeking:{seeking.pk}", by=staff)


def test_only_an_approved_coordinator_can_express_interest():
    seeking = PartnerSeekingFactory(published=True)
    pending = MembershipFactory()
    with pytest.raises(ValidationError, match="approved coordinator"):
        services.express_interest(
            seeking=seeking, organisation=pending.organisation, by=pending.user
        )
    outsider = make_coordinator()
    with pytest.raises(ValidationError):
        services.express_interest(seeking=seeking, organisation=pending.organisation, by=outsider)


def test_a_declaration_from_a_country_outside_the_clusters_is_refused():
    moldova = Country.objects.get(code="MD")
    with pytest.raises(ValidationError):
        services.declare_partner_interest(
            organisation_name="Chișinău",
            organisation_type="municipality",
            country=moldova,
            description="Seeks a partner.",
            contact_name="Ion",
            contact_email="ion@example.md",
            themes=[SubjectCategoryFactory(slug="gender-equality")],
        )
