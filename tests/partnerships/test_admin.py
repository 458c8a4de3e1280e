import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import (
    ComponentHistory,
    Country,
    County,
    Membership,
    MembershipStatus,
    PartnerOrganisation,
    PartnerSeeking,
    Partnership,
    SubjectCategory,
)
from tests.factories import (
    MembershipFactory,
    PartnerOrganisationFactory,
    PartnerSeekingFactory,
    PartnershipFactory,
    SubjectCategoryFactory,
)

pytestmark = pytest.mark.django_db

# model -> factory making one more row of it (reference models are already full)
GROWING = {
    Partnership: lambda: PartnershipFactory(categories=[SubjectCategoryFactory()]),
    PartnerOrganisation: PartnerOrganisationFactory,
    Membership: MembershipFactory,
    PartnerSeeking: PartnerSeekingFactory,
    SubjectCategory: SubjectCategoryFactory,
}


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("model", list(GROWING), ids=lambda m: m.__name__)
def test_a_list_page_issues_the_same_queries_for_5_and_50_rows(staff_client, model):
    make = GROWING[model]
    while model.objects.count() < 5:
        make()
    staff_client.get(changelist(model))  # warm per-process caches (content types, session)
    with_5 = queries_for(staff_client, changelist(model))
    while model.objects.count() < 50:
        make()
    assert queries_for(staff_client, changelist(model)) == with_5


@pytest.mark.parametrize("model", [Country, County], ids=lambda m: m.__name__)
def test_reference_list_pages_load_with_filters_and_search(staff_client, reference_data, model):
    url = changelist(model)
    assert staff_client.get(url, {"q": "a"}).status_code == 200


def test_the_swedish_organisation_list_filters_by_county_and_searches_codes(
    staff_client, reference_data
):
    url = reverse("admin:partnerships_swedishorganisation_changelist")
    response = staff_client.get(url, {"q": "0180"})
    assert "Stockholms kommun" in response.text
    assert "Göteborgs kommun" not in response.text
    county = County.objects.get(code="14")
    response = staff_client.get(url, {"county__id__exact": county.pk})
    assert "Göteborgs kommun" in response.text
    assert "Stockholms kommun" not in response.text


def test_staff_change_a_countrys_status_in_the_list(staff_client, reference_data):
    kenya = Country.objects.get(code="KE")
    countries = list(Country.objects.order_by("name_sv"))
    data = {
        "form-TOTAL_FORMS": len(countries),
        "form-INITIAL_FORMS": len(countries),
        "_save": "Spara",
    }
    for i, country in enumerate(countries):
        data[f"form-{i}-id"] = country.pk
        data[f"form-{i}-cluster"] = country.cluster
        data[f"form-{i}-status"] = "former" if country == kenya else country.status
    response = staff_client.post(changelist(Country), data)
    assert response.status_code == 302
    kenya.refresh_from_db()
    assert kenya.status == "former"


def test_a_referenced_country_cannot_be_deleted_and_the_admin_says_why(
    staff_client, reference_data
):
    kenya = Country.objects.get(code="KE")
    PartnerOrganisationFactory(country=kenya, name="Kisumu County Government")
    url = reverse("admin:partnerships_country_delete", args=[kenya.pk])
    response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Kisumu County Government" in response.text
    assert Country.objects.filter(pk=kenya.pk).exists()


def test_the_partnership_page_shows_its_components_inline(staff_client):
    partnership = PartnershipFactory()
    ComponentHistory.objects.create(
        partnership=partnership,
        component="forberedelse",
        start_year=2022,
        end_year=2023,
        granted=True,
    )
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "components-0-component" in response.text


def test_staff_approve_pending_memberships(staff_client):
    pending = MembershipFactory()
    response = staff_client.post(
        changelist(Membership),
        {"action": "approve", "_selected_action": [pending.pk]},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.APPROVED
    assert pending.decided_by.username == "staff"


def test_outsiders_cannot_open_the_admin(client):
    response = client.get(changelist(Partnership))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
