"""The case page's team, split into approved, waiting and left, with its participant changes,
for `fragment_team.html`."""

from django import template

from ..access import Action
from ..changes import TeamOverview, team_overview
from ..models import Application, ApplicationStatus

register = template.Library()


@register.simple_tag
def case_team(application: Application) -> TeamOverview:
    return team_overview(application)


@register.simple_tag
def can_change_team(application: Application) -> bool:
    """Whether the viewer may propose and withdraw changes: `get_case` set their actions."""
    return application.status == ApplicationStatus.APPROVED and Action.EDIT in getattr(
        application, "allowed_actions", set()
    )
