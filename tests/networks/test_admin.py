"""Staff's side: registrations with ranked suggestions, accepting a match, the private
decision file, declining, and the list pages' query counts."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from core.models import OutgoingEmail
from networks.models import InterestRegistration, Network, PartnerInterest, RegistrationStatus
from partnerships.models import Country, PartnerOrganisation, PartnerSeeking, Partnership
from tests.factories import (
    InterestRegistrationFactory,
    NetworkFactory,
    PartnerInterestFactory,
    PartnerOrganisationFactory,
    PartnerSeekingFactory,
    PartnershipFactory,
    SubjectCategoryFactory,
    UserFactory,
    make_coordinator,
    make_staff,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


NO_LONGER_SUGGESTED = "This partner is no longer suggested for the registration."


def in_swedish(message: str, **params) -> str:
    """`message` as the admin shows it: the admin is not language-prefixed, so it is Swedish
    (once the catalogue has the string), and escaped in HTML."""
    with translation.override("sv"):
        return escape(gettext(message) % params if params else gettext(message))


def change_url(registration: InterestRegistration) -> str:
    return reverse("admin:networks_interestregistration_change", args=[registration.pk])


def match_url(registration: InterestRegistration) -> str:
    return reverse("admin:networks_interestregistration_match", args=[registration.pk])


def decision_url(registration: InterestRegistration) -> str:
    return reverse("admin:networks_interestregistration_decision", args=[registration.pk])


def kenya() -> Country:
    return Country.objects.get(code="KE")


def gender_listing(**fields) -> PartnerSeeking:
    seeking = PartnerSeekingFactory(
        organisation_name="Kisumu County Government", country=kenya(), published=True, **fields
    )
    seeking.themes.set([SubjectCategoryFactory(slug="gender-equality")])
    return seeking


# --- Lists -------------------------------------------------------------------------------------

GROWING = {
    Network: lambda: NetworkFactory(partnerships=[PartnershipFactory()]),
    InterestRegistration: InterestRegistrationFactory,
    PartnerInterest: PartnerInterestFactory,
}


@pytest.mark.parametrize("model", list(GROWING), ids=lambda m: m.__name__)
def test_a_list_page_issues_the_same_queries_for_5_and_50_rows(staff_client, model):
    url = reverse(f"admin:networks_{model._meta.model_name}_changelist")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(url).status_code == 200
        return len(context.captured_queries)

    while model.objects.count() < 5:
        GROWING[model]()
    few = queries()
    while model.objects.count() < 50:
        GROWING[model]()
    assert queries() == few


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("interestregistration", "?status__exact=new"),
        ("interestregistration", "?preferred_cluster__exact=east_africa"),
        ("interestregistration", "?q=Eva"),
        ("partnerinterest", "?contacted_at__isempty=1"),
        ("partnerinterest", "?q=unga"),
        ("network", "?status__exact=open_for_interest&q=gender"),
    ],
)
def test_the_lists_filter_and_search(staff_client, name, params):
    InterestRegistrationFactory()
    PartnerInterestFactory()
    response = staff_client.get(reverse(f"admin:networks_{name}_changelist") + params)
    assert response.status_code == 200
    assert "?e=1" not in response.get("Location", "")


def test_staff_edit_a_network_with_its_partnerships(staff_client):
    network = NetworkFactory(partnerships=[PartnershipFactory()])
    url = reverse("admin:networks_network_change", args=[network.pk])
    assert staff_client.get(url).status_code == 200


# --- Suggestions and matching ------------------------------------------------------------------


def test_the_change_page_shows_ranked_suggestions_with_reasons(staff_client):
    seeking = gender_listing()
    PartnerOrganisationFactory(name="Bogotá", country=Country.objects.get(code="CO"))
    registration = InterestRegistrationFactory(preferred_countries=[kenya()])
    response = staff_client.get(change_url(registration))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kisumu County Government" in text
    assert f'value="seeking:{seeking.pk}"' in text
    assert in_swedish("Has declared that it seeks a Swedish partner") in text
    assert in_swedish("In a preferred country: %(about)s", about="Kenya") in text
    assert "Bogotá" not in text  # fits in nothing
    assert match_url(registration) in text


def test_accepting_a_listing_creates_organisation_and_partnership_in_the_network(staff_client):
    seeking = gender_listing(city="Kisumu")
    registration = InterestRegistrationFactory()
    response = staff_client.post(match_url(registration), {"candidate": f"seeking:{seeking.pk}"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.MATCHED
    partnership = registration.partnership
    assert partnership.swedish_organisation == registration.organisation
    partner = partnership.partner_organisation
    assert (partner.name, partner.country, partner.city) == (
        "Kisumu County Government",
        kenya(),
        "Kisumu",
    )
    assert list(registration.network.partnerships.all()) == [partnership]
    assert [c.slug for c in partnership.categories.all()] == ["gender-equality"]
    seeking.refresh_from_db()
    assert not seeking.published  # it has found its Swedish partner
    assert registration.partner_seeking == seeking
    told = OutgoingEmail.objects.get(recipient=registration.contact_email)
    assert "Kisumu County Government" in told.body


def test_a_listing_of_an_organisation_icld_knows_reuses_it(staff_client):
    known = PartnerOrganisationFactory(name="KISUMU county government", country=kenya())
    seeking = gender_listing()
    registration = InterestRegistrationFactory()
    staff_client.post(match_url(registration), {"candidate": f"seeking:{seeking.pk}"})
    registration.refresh_from_db()
    assert registration.partnership.partner_organisation == known
    assert PartnerOrganisation.objects.count() == 1


def test_accepting_a_known_organisation_creates_the_partnership(staff_client):
    partner = PartnershipFactory(
        partner_organisation__country=kenya(),
        categories=[SubjectCategoryFactory(slug="gender-equality")],
    ).partner_organisation
    registration = InterestRegistrationFactory()
    staff_client.post(match_url(registration), {"candidate": f"organisation:{partner.pk}"})
    registration.refresh_from_db()
    assert registration.partnership.partner_organisation == partner


def test_a_pair_that_already_has_a_partnership_is_neither_suggested_nor_accepted(staff_client):
    existing = PartnershipFactory(
        partner_organisation__country=kenya(),
        categories=[SubjectCategoryFactory(slug="gender-equality")],
    )
    registration = InterestRegistrationFactory(organisation=existing.swedish_organisation)
    key = f"organisation:{existing.partner_organisation_id}"
    assert key not in staff_client.get(change_url(registration)).content.decode()
    response = staff_client.post(match_url(registration), {"candidate": key}, follow=True)
    assert in_swedish(NO_LONGER_SUGGESTED) in response.content.decode()
    assert Partnership.objects.count() == 1
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.NEW


@pytest.mark.parametrize(
    "candidate", ["", "seeking:999999", "nonsense", "organisation:x", "x" * 5000]
)
def test_an_unknown_candidate_is_refused_with_a_message(staff_client, candidate):
    gender_listing()
    registration = InterestRegistrationFactory()
    response = staff_client.post(match_url(registration), {"candidate": candidate}, follow=True)
    assert response.status_code == 200
    assert in_swedish(NO_LONGER_SUGGESTED) in response.content.decode()
    assert Partnership.objects.count() == 0


def test_a_decided_registration_is_not_matched_again(staff_client):
    seeking = gender_listing()
    registration = InterestRegistrationFactory(status=RegistrationStatus.DECLINED)
    response = staff_client.post(
        match_url(registration), {"candidate": f"seeking:{seeking.pk}"}, follow=True
    )
    assert in_swedish("This registration has already been decided.") in response.content.decode()
    assert Partnership.objects.count() == 0


def test_matching_only_answers_post(staff_client):
    registration = InterestRegistrationFactory()
    assert staff_client.get(match_url(registration)).status_code == 405


def test_the_decline_action_declines_new_registrations(staff_client):
    new, matched_before = InterestRegistrationFactory(), InterestRegistrationFactory()
    InterestRegistration.objects.filter(pk=matched_before.pk).update(
        status=RegistrationStatus.DECLINED
    )
    staff_client.post(
        reverse("admin:networks_interestregistration_changelist"),
        {"action": "decline", "_selected_action": [new.pk, matched_before.pk]},
    )
    new.refresh_from_db()
    assert new.status == RegistrationStatus.DECLINED
    assert new.decided_by.username == "staff"


def test_the_mark_contacted_action_stamps_interests(staff_client):
    interest = PartnerInterestFactory()
    staff_client.post(
        reverse("admin:networks_partnerinterest_changelist"),
        {"action": "mark_contacted", "_selected_action": [interest.pk]},
    )
    interest.refresh_from_db()
    assert interest.contacted_at is not None


# --- Access --------------------------------------------------------------------------------------


@pytest.fixture
def registration_with_decision(media_root) -> InterestRegistration:
    registration = InterestRegistrationFactory(
        decision_name="Beslut KS.pdf", decision_content_type="application/pdf"
    )
    registration.decision.save("ignored", ContentFile(pdf_bytes()))
    return registration


def test_staff_download_the_decision_under_its_name(staff_client, registration_with_decision):
    response = staff_client.get(decision_url(registration_with_decision))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Beslut KS.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    page = staff_client.get(change_url(registration_with_decision)).content.decode()
    assert decision_url(registration_with_decision) in page


@pytest.mark.parametrize("who", ["anonymous", "coordinator", "registrant"])
def test_nobody_but_staff_gets_the_decision_or_the_admin(client, registration_with_decision, who):
    if who == "coordinator":
        client.force_login(make_coordinator(registration_with_decision.organisation))
    elif who == "registrant":
        user = UserFactory()
        InterestRegistration.objects.filter(pk=registration_with_decision.pk).update(
            created_by=user
        )
        client.force_login(user)
    for url in [
        decision_url(registration_with_decision),
        change_url(registration_with_decision),
        match_url(registration_with_decision),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    response = client.get(f"{settings.MEDIA_URL}{registration_with_decision.decision.name}")
    assert response.status_code == 404


def test_staff_without_the_view_permission_get_no_decision(client, registration_with_decision):
    staff = make_staff()
    staff.is_superuser = False
    staff.save(update_fields=["is_superuser"])
    client.force_login(staff)
    assert client.get(decision_url(registration_with_decision)).status_code == 404
    assert client.get(change_url(registration_with_decision)).status_code == 403


def test_a_missing_decision_file_is_404(staff_client):
    registration = InterestRegistrationFactory()
    assert staff_client.get(decision_url(registration)).status_code == 404


def test_registrations_are_not_added_in_the_admin(staff_client):
    url = reverse("admin:networks_interestregistration_add")
    assert staff_client.get(url).status_code == 403
