"""Reads of agreements for the case page, the agreement page and the admin."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Agreement, AgreementStatus, Amendment


def case_agreements(application_id: int) -> QuerySet[Agreement]:
    """Every version of a case's agreement, newest first, with who signed and its amendment."""
    return (
        Agreement.objects.filter(application_id=application_id)
        .select_related("signed_by", "countersigned_by", "amendment")
        .prefetch_related("lines")
        .order_by("-version")
    )


def current_agreement(application_id: int) -> Agreement | None:
    """The version in force, or the one waiting to be signed if none is yet."""
    versions = list(case_agreements(application_id))
    for agreement in versions:
        if agreement.status == AgreementStatus.IN_FORCE:
            return agreement
    return versions[0] if versions else None


def case_amendments(application_id: int) -> QuerySet[Amendment]:
    return (
        Amendment.objects.filter(agreement__application_id=application_id)
        .select_related("agreement", "requested_by")
        .prefetch_related(Prefetch("events"))
        .order_by("-pk")
    )


def case_panel(user, application) -> dict | None:
    """The case page's agreement panel (applications.panels): a granted case's agreement."""
    if application.status != "approved":
        return None
    agreement = current_agreement(application.pk)
    amendments = list(case_amendments(application.pk)) if agreement is not None else []
    return {"agreement": agreement, "amendments": amendments}
