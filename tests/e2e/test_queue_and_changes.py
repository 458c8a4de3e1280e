"""Issue 19's last pages in the browser: the work queue with a participant change, a report and
a payment to approve (issue 20, item 8); a returned application submitted again, whose admin and
screening pages show what changed since it was returned. axe on each (staff's pages are in
Swedish), at 1280 and 390 px; screenshots under the test's folder."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from casework.services import assign_officer
from tests.accessibility import assert_accessible
from tests.applications.test_since_returned import resubmitted, returned  # noqa: F401
from tests.browser_login import PASSWORD, SECRET, log_in
from tests.casework.test_item_officers import requested_payment, submitted_report
from tests.factories import ParticipantChangeFactory, as_staff, make_officer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff(reference_data):
    """The officer of the case, with an authenticator app (the returned case's fixtures)."""
    user = make_officer(email="handlaggare@icld.se", first_name="Hanna", last_name="Handläggare")
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.filter(user=user).update(verified=True)
    Authenticator.objects.filter(user=user).delete()  # make_staff's, of a secret of its own
    TOTP.activate(user, SECRET)
    return as_staff(user)


def look(page, tmp_path, name: str, *, within: str | None = None) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        # The application's admin page has Django's inlines, whose scrolling tables the axe
        # matrix (tests/e2e/test_axe_matrix.py) covers: only what this test is about.
        assert_accessible(page, within=within)
        page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)


def test_the_queue_and_what_changed_since_it_was_returned(
    browser,
    live_server,
    resubmitted,  # noqa: F811
    staff,
    tmp_path,
):
    application, _official = resubmitted
    assign_officer(applications=[application], officer=staff, by=staff)
    granted = application.__class__.objects.create(
        organisation=application.organisation,
        created_by=application.created_by,
        component="forberedelse",
        status="approved",
        case_number="KP-2026-0900",
        title="Beviljad",
    )
    assign_officer(applications=[granted], officer=staff, by=staff)
    ParticipantChangeFactory(application=granted)
    submitted_report(granted)
    requested_payment(granted, staff)
    print("screenshots in", tmp_path)
    # Staff's pages are outside the language-prefixed portal: always in Swedish (LocaleMiddleware
    # with prefix_default_language=False); the English labels are tested in
    # tests/applications/test_since_returned.py.
    for language in ("sv",):
        context = browser.new_context(
            base_url=live_server.url, locale=f"{language}-SE", reduced_motion="reduce"
        )
        page = context.new_page()
        log_in(page, staff.email, totp=True)
        page.goto("/admin/casework/")
        assert page.locator("#queue-payments tbody tr").count() == 1
        assert page.locator("html").get_attribute("lang") == language
        look(page, tmp_path, f"{language}-queue")
        page.goto(f"/admin/applications/application/{application.pk}/change/")
        assert page.locator("#since-returned ins").first.is_visible()
        look(page, tmp_path, f"{language}-admin-case", within="#since-returned")
        page.goto(f"/admin/assessments/screening/{application.pk}/")
        assert page.locator("#since-returned").is_visible()
        look(page, tmp_path, f"{language}-screening")
        context.close()
