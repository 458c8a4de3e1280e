"""Tests' way into assessment: the real screening, recorded admissible (every reason the rules
find overridden), as staff do it. "Start the review" is refused without it (issue 19)."""

from __future__ import annotations

from applications.models import Application
from assessments.models import Screening, Verdict
from assessments.services import judge_reasons, start_screening
from assessments.workflow import SCREENING_WORKFLOW
from core.models import User
from tests.factories import as_staff


def screen_admissible(application: Application, *, by: User) -> Screening:
    """Screen the submitted `application` admissible: it is then in review."""
    by = as_staff(by)
    start_screening(applications=[application], by=by)
    screening = Screening.objects.get(application=application)
    judge_reasons(
        screening=screening,
        by=by,
        verdicts={r.pk: (Verdict.OVERRIDDEN, "Not in the way.") for r in screening.reasons.all()},
    )
    screening = SCREENING_WORKFLOW.apply(screening, "admissible", by=by)
    application.refresh_from_db()
    return screening


def screen_admissible_in_browser(page, application: Application) -> None:
    """As staff do it on the screening's page (Swedish): start it if it has not started,
    override every reason with why, record the application admissible."""
    page.goto(f"/admin/assessments/screening/{application.pk}/")
    start = page.get_by_role("button", name="Starta granskningen")
    if start.count():
        with page.expect_navigation():
            start.click()
    rows = page.locator("[data-code]")
    for index in range(rows.count()):
        row = rows.nth(index)
        row.locator("input[value=overridden]").check()
        row.locator("[name^=comment_]").fill("Inget hinder.")
    with page.expect_navigation():
        page.get_by_role("button", name="Registrera att ansökan kan prövas").click()
