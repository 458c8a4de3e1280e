"""The reports follow the period: countersigning moves the period's start to that day and an
approved extension moves its end, and the reports still to be written cover the new period and
fall due by it (a due date staff changed stays)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from agreements import services, workflow
from reporting.models import Report, ReportKind
from tests.agreements.helpers import evidence, grant, signatory_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(officer, decider, in_review):
    in_review.period_start = datetime.date(2027, 1, 1)
    in_review.period_end = datetime.date(2027, 12, 31)
    in_review.save()
    return grant(in_review, officer, decider)


def test_countersigning_moves_the_final_reports_period_and_due_date(drafted, decider):
    report = Report.objects.get(application=drafted.application, kind=ReportKind.FINAL)
    assert (report.period_start, report.due_date) == (
        datetime.date(2027, 1, 1),
        datetime.date(2028, 2, 29),
    )
    workflow.sign(agreement=drafted, by=signatory_of(drafted.application), evidence=evidence())
    workflow.countersign(agreement=drafted, by=decider)

    today = timezone.localdate()
    report.refresh_from_db()
    drafted.refresh_from_db()
    assert report.period_start == today == drafted.period_start
    assert report.period_end == drafted.period_end == drafted.application.period_end
    assert report.due_date > report.period_end


def test_a_due_date_staff_changed_stays(drafted, decider):
    Report.objects.filter(application=drafted.application).update(
        due_date=datetime.date(2028, 6, 1), due_date_changed_at=timezone.now()
    )
    workflow.sign(agreement=drafted, by=signatory_of(drafted.application), evidence=evidence())
    workflow.countersign(agreement=drafted, by=decider)
    assert Report.objects.get().due_date == datetime.date(2028, 6, 1)


def test_an_approved_extension_moves_the_final_report(drafted, decider):
    from agreements import documents

    signatory = signatory_of(drafted.application)
    workflow.sign(agreement=drafted, by=signatory, evidence=evidence())
    workflow.countersign(agreement=drafted, by=decider)
    documents.seal_and_enforce(agreement_id=drafted.pk)
    drafted.refresh_from_db()
    new_end = drafted.period_end + datetime.timedelta(days=90)
    amendment = services.request_amendment(
        agreement=drafted,
        by=signatory,
        kind="extension",
        motivation="Valet flyttade besöket.",
        new_period_end=new_end,
    )
    workflow.AMENDMENT_WORKFLOW.apply(amendment, "approve", by=decider)
    report = Report.objects.get(kind=ReportKind.FINAL)
    assert report.period_end == new_end
    assert report.due_date > new_end
