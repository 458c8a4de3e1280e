import datetime

from django.db.models import QuerySet

from partnerships.models import SwedishOrganisation

from .models import Application, ApplicationRound, ApplicationStatus


def rounds_overview(today: datetime.date) -> dict[str, list[ApplicationRound]]:
    """Open, coming and recently closed rounds: what the rounds page and home page show."""
    rounds = list(ApplicationRound.objects.all())
    return {
        "open": [r for r in rounds if r.is_open(today)],
        "coming": [r for r in rounds if r.opens_on > today],
        "closed": sorted(
            (r for r in rounds if r.closes_on < today), key=lambda r: r.closes_on, reverse=True
        )[:4],
    }


def organisations_of(user) -> QuerySet[SwedishOrganisation]:
    """The organisations a user belongs to, approved or not: a pending member may draft."""
    return SwedishOrganisation.objects.filter(memberships__user=user).order_by("name").distinct()


def dashboard_cases(user) -> QuerySet[Application]:
    return (
        Application.objects.visible_to(user)
        .select_related(
            "organisation",
            "round",
            "new_partner_country",
            "partnership__partner_organisation__country",
        )
        .order_by("-updated_at")
    )


def deleted_drafts(user) -> QuerySet[Application]:
    """The drafts a user deleted or could delete, still to be brought back (newest first)."""
    return (
        Application.objects.visible_to(user, deleted=True)
        .select_related("organisation")
        .order_by("-deleted_at")
    )


def decision_comment(application: Application) -> str:
    """ICLD's comment on a returned or declined application: the one its status came with."""
    if application.status not in {ApplicationStatus.RETURNED, ApplicationStatus.DECLINED}:
        return ""
    events = [e for e in application.events.all() if e.to_status == application.status]
    return events[-1].comment if events else ""
