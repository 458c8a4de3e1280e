"""Staff return an application with a comment; the coordinator fixes and resubmits; staff
approve it, through a decision: the officer proposes, another decision-maker decides."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from applications.models import Application, ApplicationStatus
from applications.workflow import submit_application
from decisions.models import Decision
from decisions.workflow import decide
from tests.accessibility import assert_accessible
from tests.browser_login import SECRET, log_in
from tests.factories import UserFactory, make_staff, valid_forberedelse
from tests.screening import screen_admissible_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_return_the_coordinator_fixes_and_resubmits_and_staff_approve(
    page, browser, live_server, reference_data
):
    application = valid_forberedelse()
    coordinator_user = application.created_by
    EmailAddress.objects.create(
        user=coordinator_user, email=coordinator_user.email, verified=True, primary=True
    )
    submit_application(application=application, by=application.created_by)
    staff = UserFactory(email="handlaggare@icld.se", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)

    log_in(page, staff.email, totp=True, on_second_factor=assert_accessible)
    admin_url = f"/admin/applications/application/{application.pk}/change/"
    page.goto(admin_url)
    # The review starts with the screening (issue 19): the page links there, not to a start.
    page.get_by_role("link", name="Granskning (inte påbörjad)").click()
    screen_admissible_in_browser(page, application)
    assert Application.objects.get().status == ApplicationStatus.IN_REVIEW
    page.goto(admin_url)
    page.get_by_role("link", name="Återsänd för komplettering").click()
    page.fill("#id_comment", "Beskriv målgruppen tydligare.")
    page.get_by_role("button", name="Återsänd för komplettering").click()
    assert Application.objects.get().status == ApplicationStatus.RETURNED

    coordinator = page.context.browser.new_context(base_url=live_server.url).new_page()
    log_in(coordinator, application.created_by.email)
    coordinator.goto(f"/arenden/{application.pk}/")
    assert "Beskriv målgruppen tydligare." in coordinator.get_by_role("status").first.inner_text()
    assert_accessible(coordinator)
    coordinator.goto(f"/arenden/{application.pk}/steg/content/")
    coordinator.fill("#id_target_group", "Unga 15–25 år i Kisumu och Stockholm")
    with coordinator.expect_navigation():  # the page checks the session first
        coordinator.get_by_role("button", name="Spara utkast").click()
    coordinator.goto(f"/arenden/{application.pk}/granska/")
    coordinator.locator("#id_declaration").check()  # on behalf of the organisation
    with coordinator.expect_navigation():  # the page checks the session first
        coordinator.get_by_role("button", name="Skicka in ansökan").click()
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED

    # Submitted anew, it is screened again before the review goes on.
    screen_admissible_in_browser(page, application)
    assert Application.objects.get().status == ApplicationStatus.IN_REVIEW
    transition = f"/admin/applications/application/{application.pk}/transition/"
    assert page.goto(transition + "start_review/").status == 404
    # Approval is no longer a transition of its own: it goes through the decision.
    assert page.goto(transition + "approve/").status == 404
    page.goto(admin_url)
    page.get_by_role("link", name="Föreslå ett beslut").click()
    assert_accessible(page)
    page.get_by_label("Beviljad").check()
    page.get_by_role("button", name="Föreslå").click()
    decision = Decision.objects.get()
    decide(decision=decision, by=make_staff())  # four eyes: someone else decides
    approved = Application.objects.get()
    assert approved.status == ApplicationStatus.APPROVED
    assert approved.partnership.components.get().granted
