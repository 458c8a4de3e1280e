"""The coordinator proposes a change of participants, staff approve it in the admin, and the
coordinator sees version 2 of the participant form with who left, who joined and who approved."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from applications.models import ParticipantChange, ParticipantChangeStatus
from tests.accessibility import assert_accessible
from tests.e2e.test_review_journey import SECRET, log_in
from tests.factories import UserFactory, granted_case_with_people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_proposed_change_approved_by_staff_shows_as_version_2_on_the_case_page(
    page, live_server, reference_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    application, people = granted_case_with_people()
    coordinator = people["coordinator"]
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    leaving = application.participants.get(party="swedish", political_side="majority")
    staff = UserFactory(
        email="handlaggare@icld.se",
        first_name="Hanna",
        last_name="Handläggare",
        is_staff=True,
        is_superuser=True,
    )
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)
    case_url = reverse("applications:case", args=[application.pk])
    propose_url = reverse("applications:propose_change", args=[application.pk])

    applicant = page.context.browser.new_context(base_url=live_server.url).new_page()
    log_in(applicant, coordinator.email)
    applicant.goto(case_url)
    applicant.locator(f'a[href="{propose_url}"]').click()
    applicant.wait_for_url(f"**{propose_url}")
    assert_accessible(applicant)

    # Sent empty: the page comes back with the errors, still accessible.
    with applicant.expect_navigation():  # the page checks the session first
        applicant.locator("main form[novalidate] button[type=submit]").click()
    assert applicant.locator(".invalid-feedback").count() > 0
    assert_accessible(applicant)

    applicant.select_option("#id_leaving", str(leaving.pk))
    applicant.fill("#id_reason", "Lämnar kommunstyrelsen efter valet.")
    applicant.select_option("#id_party", "swedish")
    applicant.fill("#id_name", "Nina Nykomling")
    applicant.fill("#id_organisation", "Testköpings kommun")
    applicant.fill("#id_position", "Kommunstyrelsens ordförande")
    applicant.select_option("#id_category", "politician")
    applicant.select_option("#id_political_side", "majority")
    applicant.select_option("#id_gender", "woman")
    applicant.fill("#id_motivation", "Ordförande i kommunstyrelsen sedan valet.")
    applicant.check("#id_code_of_conduct")
    with applicant.expect_navigation():  # the page checks the session first
        applicant.locator("main form[novalidate] button[type=submit]").click()
    applicant.wait_for_url(f"**{case_url}")
    change = ParticipantChange.objects.get()
    assert change.status == ParticipantChangeStatus.PENDING
    assert "Nina Nykomling" in applicant.locator('[data-team="pending"]').inner_text()
    assert_accessible(applicant)

    log_in(page, staff.email, totp=True)
    page.goto(reverse("admin:applications_participantchange_changelist") + "?status__exact=pending")
    page.get_by_role("link", name=str(change)).click()
    assert "Nina Nykomling" in page.locator('[data-team="after"]').inner_text()
    page.goto(
        reverse("admin:applications_participantchange_transition", args=[change.pk, "approve"])
    )
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("#content form input[type=submit]").click()
    change.refresh_from_db()
    assert change.status == ParticipantChangeStatus.APPROVED

    applicant.goto(case_url)
    second = applicant.locator('[data-version="2"]')
    assert second.locator('[data-change="left"]').inner_text() == leaving.name
    assert second.locator('[data-change="joined"]').inner_text() == "Nina Nykomling"
    assert "Hanna Handläggare" in second.locator('[data-change="approved"]').inner_text()
    assert "Nina Nykomling" in applicant.locator('[data-team="approved"]').inner_text()
    assert leaving.name in applicant.locator('[data-team="left"]').inner_text()
    assert_accessible(applicant)
