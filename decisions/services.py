"""Writes of decisions other than their changes of status: the officer's proposal, the letter."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.access import takes_part
from applications.models import Application, ApplicationStatus
from applications.selectors import requested_by_category
from assessments.selectors import recommendation_for
from core.models import User
from core.staff import check_staff_decision
from core.workflow import record_event

from .models import Decision, DecisionEvent, DecisionLine, DecisionStatus, Outcome
from .workflow import PROPOSE_GRANT


def recommended_amounts(application: Application) -> dict[str, int] | None:
    """The officer's recommendation per category from the assessment, when the assessments app
    offers one (`assessments.selectors.recommended_amounts(application)` → {category: kronor}
    or None); decisions does not depend on that app being there."""
    if not apps.is_installed("assessments"):
        return None
    try:
        selectors = importlib.import_module("assessments.selectors")
    except ImportError:
        return None
    recommended = getattr(selectors, "recommended_amounts", None)
    return recommended(application) if recommended is not None else None


def proposal_defaults(application: Application) -> dict[str, int]:
    """What the proposal's granted amounts start from: the recorded recommendation where there
    is one, the requested amount otherwise.

    A category the recommendation leaves empty is one the officer proposed nothing for: it
    starts at 0, as the round board's "move to decision" grants it and its decision list sums
    it, never at the requested amount. ICLD pays only what it has approved — DOMAIN.md, seed
    004: "ICLD ersätter inte kostnader för andra personer än de som godkänts av ICLD" — so an
    amount nobody wrote down is not granted by default."""
    requested = requested_by_category(application)
    recommended = recommended_amounts(application)
    if recommended is None:
        return dict(requested)
    return {c: int(recommended.get(c, 0)) for c in requested}


@transaction.atomic
def propose(
    *,
    application: Application,
    by: User,
    outcome: str,
    granted: Mapping[str, int] | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    conditions: str = "",
    reasons: str = "",
) -> Decision:
    """An officer proposes the decision on an application under review: per category what ICLD
    grants (the requested amount where `granted` leaves it out; nothing for a decline), the
    conditions and the period, or for a decline its reasons."""
    check_staff_decision(by, permission=PROPOSE_GRANT, own=takes_part(by, application))
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if application.status != ApplicationStatus.IN_REVIEW:
        raise ValidationError(_("A decision can be proposed only for an application under review."))
    if Decision.objects.filter(application=application, is_current=True).exists():
        raise ValidationError(
            _("This application has a decision already; withdraw the proposal to make a new one.")
        )
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose whether ICLD grants or declines."))
    reasons, conditions = reasons.strip(), conditions.strip()
    if outcome == Outcome.DECLINED and not reasons:
        raise ValidationError(_("A decline needs its reasons: they go into the letter."))
    period_start = period_start or application.period_start
    period_end = period_end or application.period_end
    if period_start and period_end and period_end < period_start:
        raise ValidationError(_("The period cannot end before it starts."))
    requested = requested_by_category(application)
    granted = dict(granted or {})
    lines = []
    for category, asked in requested.items():
        if outcome == Outcome.DECLINED:
            amount = 0
        else:
            amount = granted.get(category, asked)
            if amount is None:
                amount = asked
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise ValidationError(_("A granted amount is a whole number of kronor, 0 or more."))
        if asked or amount:
            lines.append((category, asked, amount))
    decision = Decision(
        application=application,
        outcome=outcome,
        period_start=period_start,
        period_end=period_end,
        conditions=conditions,
        reasons=reasons,
        proposed_by=by,
        status=DecisionStatus.PROPOSED,
    )
    decision.save()
    DecisionLine.objects.bulk_create(
        DecisionLine(decision=decision, category=c, requested_sek=r, granted_sek=g)
        for c, r, g in lines
    )
    record_event(DecisionEvent, decision, by=by, to=DecisionStatus.PROPOSED, from_status="")
    decision.save(update_fields=["status"])
    return decision


def propose_recommended(*, applications: list[Application], by: User) -> tuple[int, list[str]]:
    """Move each application under review with a recorded recommendation to decision: a
    proposal of the recommended outcome, granting what the officer proposed per category
    (nothing where they proposed nothing) and, for a decline, the recommendation's summary as
    its reasons. Each in its own transaction, so one refused leaves the others proposed.
    Returns how many were proposed and why each of the others was not."""
    proposed, refused = 0, []
    for application in sorted(applications, key=lambda a: a.pk):
        found = recommendation_for(application)
        if found is None:
            refused.append(_("%(case)s: no recommendation is recorded.") % {"case": application})
            continue
        outcome = Outcome.GRANTED if found.outcome == "grant" else Outcome.DECLINED
        try:
            propose(
                application=application,
                by=by,
                outcome=outcome,
                granted={c: found.amounts.get(c, 0) for c in requested_by_category(application)},
                reasons=found.summary if outcome == Outcome.DECLINED else "",
            )
        except ValidationError as error:
            refused.append(f"{application}: {' '.join(error.messages)}")
        else:
            proposed += 1
    return proposed, refused
