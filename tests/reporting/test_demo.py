import pytest

from applications.demo import DEMO_COORDINATOR_EMAIL, seed_applications
from partnerships.demo import seed_demo
from reporting.demo import seed_reports
from reporting.models import Report

pytestmark = pytest.mark.django_db


def test_demo_reports_are_approved_submitted_drafts_and_overdue_and_not_repeated():
    seed_demo(partnerships=60, seed=7)
    seed_applications(seed=7)
    added = seed_reports()
    assert added["reports"] == Report.objects.count() > 3
    assert {"approved", "submitted", "draft"} <= set(
        Report.objects.values_list("status", flat=True)
    )
    from django.utils import timezone

    assert Report.objects.filter(status="draft", due_date__lt=timezone.localdate()).exists()
    assert seed_reports() == {"reports": 0}


def test_the_demo_coordinator_has_an_empty_report_of_their_own_to_write():
    seed_demo(partnerships=60, seed=7)
    seed_applications(seed=7)
    seed_reports()

    own = Report.objects.filter(
        application__organisation__memberships__user__email=DEMO_COORDINATOR_EMAIL
    )
    assert own.exists()
    assert all(r.status == "draft" and not r.activities for r in own)
