"""Every route into assessment goes through the screening (issue 19, item 3): "start the
review" is refused until a screening is recorded, the admin's application page sends staff to
the screening instead, assessors are added only to an application screened admissible, and a
resubmitted application is screened again."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from applications.models import ApplicationStatus
from applications.workflow import APPLICATION_WORKFLOW, submit_application
from assessments.models import Screening, ScreeningStatus
from assessments.services import assign_assessor, start_screening
from tests.factories import as_staff, forberedelse_with_plan
from tests.screening import screen_admissible

pytestmark = pytest.mark.django_db


def test_the_review_cannot_start_without_a_screening(case, officer):
    application, _people = case
    with pytest.raises(ValidationError, match=r"screening|granskning"):
        APPLICATION_WORKFLOW.apply(application, "start_review", by=as_staff(officer))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not application.events.filter(to_status=ApplicationStatus.IN_REVIEW).exists()


def test_the_review_cannot_start_while_the_screening_is_open(case, officer):
    application, _people = case
    start_screening(applications=[application], by=as_staff(officer))
    with pytest.raises(ValidationError):
        APPLICATION_WORKFLOW.apply(application, "start_review", by=as_staff(officer))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_an_admissible_screening_starts_the_review(case, officer):
    application, _people = case
    screen_admissible(application, by=officer)
    assert application.status == ApplicationStatus.IN_REVIEW


def test_the_admin_page_sends_staff_to_the_screening_not_to_start_the_review(client, case, officer):
    application, _people = case
    client.force_login(officer)
    admin_url = f"/admin/applications/application/{application.pk}/change/"
    page = client.get(admin_url).content.decode()
    assert "transition/start_review/" not in page
    assert f"/admin/assessments/screening/{application.pk}/" in page
    response = client.post(
        f"/admin/applications/application/{application.pk}/transition/start_review/"
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_an_assessor_is_added_only_once_the_screening_found_it_admissible(
    case, officer, make_assessor
):
    application, _people = case
    assessor = as_staff(make_assessor())
    with pytest.raises(ValidationError):
        assign_assessor(application=application, assessor=assessor, by=as_staff(officer))
    assert not application.assessments.exists()
    screen_admissible(application, by=officer)
    assert assign_assessor(application=application, assessor=assessor, by=as_staff(officer))


def test_a_resubmitted_application_is_screened_again(reference_data, media, officer):
    application = forberedelse_with_plan(title="Unga röster i Kisumu")
    coordinator = application.created_by
    submit_application(application=application, by=coordinator)
    application.refresh_from_db()
    screen_admissible(application, by=officer)
    APPLICATION_WORKFLOW.apply(application, "return", by=as_staff(officer), comment="Mer.")
    application.refresh_from_db()
    submit_application(application=application, by=coordinator)

    screening = Screening.objects.get(application=application)
    assert screening.status == ScreeningStatus.OPEN
    assert all(reason.verdict == "" for reason in screening.reasons.all())
    assert [e.to_status for e in screening.events.order_by("pk")] == [
        "open",
        "admissible",
        "open",
    ]
    with pytest.raises(ValidationError):
        APPLICATION_WORKFLOW.apply(application, "start_review", by=as_staff(officer))
    screen_admissible(application, by=officer)
    assert application.status == ApplicationStatus.IN_REVIEW
