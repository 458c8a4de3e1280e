"""Participant changes on a granted case, read and checked: what the programme's rules say of
the team after a change, and the team as the case page shows it. The changes' transitions
(propose, withdraw, approve, reject) are in applications/workflow.py."""

from __future__ import annotations

from dataclasses import dataclass

from .models import (
    Application,
    ApplicationStatus,
    Participant,
    ParticipantChange,
)
from .rules import Finding, ParticipantLike, check_team

# --- the programme's rules on the team after a change ------------------------------------------


@dataclass(frozen=True)
class TeamAfterChange:
    """The team's findings before and after a change, and what the change itself brings.

    A change is judged on what it makes worse (issue 18 #9): an error the approved team already
    has is inherited, not the proposer's, and does not stop the change — unless the change takes
    it further (one politician short becomes two short)."""

    before: list[Finding]
    after: list[Finding]

    def _caused(self, finding: Finding) -> bool:
        earlier = next((f for f in self.before if f == finding), None)
        return earlier is None or finding.distance > earlier.distance

    @property
    def new_errors(self) -> list[Finding]:
        """Errors the change would cause or make worse: these stop it."""
        return [f for f in self.after if f.is_error and self._caused(f)]

    @property
    def inherited_errors(self) -> list[Finding]:
        """Errors the team has already and that the change does not make worse."""
        return [f for f in self.after if f.is_error and not self._caused(f)]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.after if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.after if not f.is_error]


def team_after_change(
    *,
    component: str,
    team: list[Participant],
    leaving: Participant | None,
    joining: ParticipantLike | None,
) -> TeamAfterChange:
    """The rules of `component` over `team` as it is and as it would be after the change
    (`joining` None: before a change is proposed, what the approved team already breaks)."""
    after = [p for p in team if leaving is None or p.pk != leaving.pk]
    after += [joining] if joining is not None else []
    return TeamAfterChange(before=check_team(component, team), after=check_team(component, after))


def findings_for_change(change: ParticipantChange) -> TeamAfterChange:
    """What the rules say of a change against the case's team as it is now."""
    return team_after_change(
        component=change.application.component,
        team=list(change.application.participants.all()),
        leaving=change.leaving,
        joining=change,
    )


# --- the case page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamOverview:
    """A case's people as the case page shows them: approved, waiting for approval (people of
    an undecided application and people proposed in a change), and those who left."""

    approved: list[Participant]
    pending: list[Participant]
    left: list[Participant]
    changes: list[ParticipantChange]
    case_approver: object | None

    @property
    def pending_changes(self) -> list[ParticipantChange]:
        return [c for c in self.changes if c.is_pending]


def team_overview(application: Application) -> TeamOverview:
    """Everyone who is or was on the case's team, and its changes.

    Only a granted case has approved people, people who left and changes: it takes two queries
    (three without the case's events prefetched). Any other case shows its team as it is, from
    `application.participants` (no query when the page prefetched it).
    """
    # People approved with the application were approved by whoever approved the case.
    approval = [e for e in application.events.all() if e.to_status == ApplicationStatus.APPROVED]
    if application.status != ApplicationStatus.APPROVED:
        people, changes = list(application.participants.all()), []
    else:
        people = list(
            Participant.with_left.filter(application=application)
            .select_related("approved_by", "joined_through__decided_by", "left_through__decided_by")
            .order_by("party", "pk")
        )
        changes = list(
            application.participant_changes.select_related("leaving", "proposed_by", "decided_by")
        )
    return TeamOverview(
        approved=[p for p in people if p.approved_at and not p.left_at],
        pending=[p for p in people if not p.approved_at and not p.left_at],
        left=[p for p in people if p.left_at],
        changes=changes,
        case_approver=approval[-1].actor if approval else None,
    )
