"""The decision's changes of status on core's transition table: an officer's proposal is decided
by a decision-maker (or withdrawn by staff so a new one can be made). Deciding moves the
application to granted or declined through the applications' own table, in the same
transaction; the letter is rendered after commit (tasks.py).

Apps above this one attach to a decision with ``DECISION_WORKFLOW.also_after("decide", fn)``
(payments makes its plan there); `fn(decision, by=, comment=)` runs inside the transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.access import takes_part_in_case
from applications.workflow import APPLICATION_WORKFLOW
from core.models import User
from core.workflow import Transition, TransitionTable

from .models import Decision, DecisionEvent, DecisionStatus, Outcome
from .tasks import render_decision_letter

D = DecisionStatus
DECIDE_GRANT = "decisions.decide_grant"
PROPOSE_GRANT = "decisions.add_decision"


def _four_eyes(decision: Decision, *, by: User, comment: str, **details) -> None:
    """The one who proposed does not also decide: a second person at ICLD does."""
    if decision.proposed_by_id == by.pk:
        raise ValidationError(
            _("You proposed this decision, so another decision-maker at ICLD decides it.")
        )
    if decision.outcome == Outcome.DECLINED and not decision.reasons.strip():
        raise ValidationError(_("A decline needs its reasons: they go into the letter."))
    decision.decided_by = by
    decision.decided_at = timezone.now()


def _decided(decision: Decision, *, by: User, comment: str, **details) -> None:
    """The application follows the decision through its own table (the event, the
    coordinator's notice, the history of the partnership, reports of a granted case)."""
    name = "approve" if decision.outcome == Outcome.GRANTED else "decline"
    note = comment or (decision.reasons if decision.outcome == Outcome.DECLINED else "")
    APPLICATION_WORKFLOW.apply(decision.application, name, by=by, comment=note)


def _send_letter(decision: Decision, *, by: User, comment: str, **details) -> None:
    render_decision_letter.delay(decision.pk)


def _withdrawn(decision: Decision, *, by: User, comment: str, **details) -> None:
    decision.is_current = False


DECISION_WORKFLOW = TransitionTable(
    [
        Transition(
            "decide",
            frozenset({D.PROPOSED}),
            D.DECIDED,
            gettext_lazy("Decide"),
            permission=DECIDE_GRANT,
            before=_four_eyes,
            after=_decided,
            on_commit=_send_letter,
        ),
        Transition(
            "withdraw",
            frozenset({D.PROPOSED}),
            D.WITHDRAWN,
            gettext_lazy("Withdraw the proposal"),
            permission=PROPOSE_GRANT,
            needs_comment=True,
            before=_withdrawn,
        ),
    ],
    model=Decision,
    event=DecisionEvent,
    refusal=gettext_lazy("%(action)s is not possible for a decision that is %(status)s."),
    parties=takes_part_in_case,
    select_related=["application", "application__organisation", "proposed_by"],
)


def decide(*, decision: Decision, by: User, comment: str = "") -> Decision:
    """A decision-maker (not the proposer, nobody taking part in the case) decides."""
    return DECISION_WORKFLOW.apply(decision, "decide", by=by, comment=comment)


def withdraw(*, decision: Decision, by: User, comment: str) -> Decision:
    """Staff take a proposal back, saying why; a new one can then be proposed."""
    return DECISION_WORKFLOW.apply(decision, "withdraw", by=by, comment=comment)
