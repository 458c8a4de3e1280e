"""Who may do what before the decision. Officers (the case officers' group) see every case,
screen it, assign assessors and recommend; an assessor sees only the applications they are
assigned to, and none on which they declared a conflict of interest (jäv): that is a 404,
for an officer too. Coordinators see nothing of this (no staff power). Every power needs the
permission and a session that passed the second factor (core.mfa.has_staff_power)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from applications.access import takes_part
from applications.models import Application
from core.mfa import has_staff_power

from .models import Assessment, AssessmentStatus

SCREEN_PERMISSION = "assessments.change_screening"
OFFICER_PERMISSION = "assessments.change_recommendation"
ASSIGN_PERMISSION = "assessments.add_assessment"
ASSESSOR_PERMISSION = "assessments.change_score"
BOARD_PERMISSION = "assessments.view_recommendation"


def is_officer(user, permission: str = OFFICER_PERMISSION) -> bool:
    return has_staff_power(user, permission)


def assessment_of(user, application: Application) -> Assessment | None:
    if not user.is_authenticated:
        return None
    return Assessment.objects.filter(application=application, assessor=user).first()


def has_conflict(user, application: Application) -> bool:
    return Assessment.objects.filter(
        application=application, assessor=user, status=AssessmentStatus.CONFLICT
    ).exists()


def staff_case(user, pk: int, permission: str = OFFICER_PERMISSION) -> Application:
    """The application `pk` for an officer's page: 404 without the power, for a case they take
    part in on the applicant's side, and for one on which they declared jäv."""
    if not has_staff_power(user, permission):
        raise Http404
    application = get_object_or_404(
        Application.objects.live().select_related("organisation", "round"), pk=pk
    )
    if has_conflict(user, application) or takes_part(user, application):
        raise Http404
    return application


def assessor_case(user, pk: int) -> tuple[Application, Assessment]:
    """The application `pk` and `user`'s assessment of it: 404 unless they are assigned to it
    and have not declared a conflict of interest."""
    if not has_staff_power(user, ASSESSOR_PERMISSION):
        raise Http404
    assessment = (
        Assessment.objects.select_related("application__organisation", "application__round")
        .filter(application_id=pk, assessor=user, application__deleted_at__isnull=True)
        .exclude(status=AssessmentStatus.CONFLICT)
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment.application, assessment
