"""Writes before the decision that are not state changes: starting a screening with the
rules' findings as its reasons, staff's verdict on each reason."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from applications.findings import (
    findings_for_many,
    what_the_budget_rules_read,
    what_the_rules_read,
)
from applications.models import Application, ApplicationStatus
from core.mfa import has_staff_power
from core.models import User

from .access import ASSESSOR_PERMISSION, ASSIGN_PERMISSION, SCREEN_PERMISSION
from .models import (
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    Criterion,
    Outcome,
    ProposedAmount,
    Recommendation,
    Score,
    Screening,
    ScreeningEvent,
    ScreeningReason,
    ScreeningStatus,
    Verdict,
)
from .workflow import RECOMMENDATION_WORKFLOW, SCREENING_WORKFLOW

# Screening happens between the submission and the decision.
SCREENED_STATUSES = [ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW]


def _with_what_the_rules_read(pks: list[int]):
    """The applications with what applications.findings needs prefetched (a fixed number of
    queries whatever their number)."""
    return (
        Application.objects.filter(pk__in=pks)
        .select_related(
            "organisation", "new_partner_country", "partnership__partner_organisation__country"
        )
        .prefetch_related(*what_the_rules_read())
        .annotate(**what_the_budget_rules_read())
        .order_by("pk")
    )


def _reasons(screening: Screening, findings) -> list[ScreeningReason]:
    reasons = []
    for finding in findings:
        with translation.override("sv"):
            message_sv = str(finding.message)
        with translation.override("en"):
            message_en = str(finding.message)
        reasons.append(
            ScreeningReason(
                screening=screening,
                code=finding.code,
                severity=finding.severity,
                message_sv=message_sv,
                message_en=message_en,
                from_rules=True,
            )
        )
    return reasons


@transaction.atomic
def start_screening(*, applications: Iterable[Application], by: User) -> list[Screening]:
    """Open a screening for each application that is submitted or in review and has none yet,
    its reasons pre-filled with the programme's rules' findings (errors and warnings, by their
    stable code). Returns the screenings opened; the others are left as they are."""
    if not has_staff_power(by, SCREEN_PERMISSION):
        raise PermissionDenied
    pks = sorted({a.pk for a in applications})
    # Locked in one order, so that two batches at once neither deadlock nor open two screenings.
    list(Application.objects.select_for_update().filter(pk__in=pks).order_by("pk").values("pk"))
    done = set(
        Screening.objects.filter(application_id__in=pks).values_list("application_id", flat=True)
    )
    todo = list(
        _with_what_the_rules_read([pk for pk in pks if pk not in done]).filter(
            status__in=SCREENED_STATUSES, deleted_at__isnull=True
        )
    )
    if not todo:
        return []
    findings = findings_for_many(todo)
    screenings = Screening.objects.bulk_create(
        [Screening(application=a, started_by=by) for a in todo]
    )
    reasons, events = [], []
    for application, screening in zip(todo, screenings, strict=True):
        reasons += _reasons(screening, findings[application.pk])
        events.append(
            ScreeningEvent(
                screening=screening, actor=by, from_status="", to_status=ScreeningStatus.OPEN
            )
        )
    ScreeningReason.objects.bulk_create(reasons)
    ScreeningEvent.objects.bulk_create(events)
    return screenings


def screen_again(application: Application, *, by: User, comment: str, **details) -> None:
    """Hooked after applications' "submit" (AppConfig.ready): an application screened
    admissible, returned and submitted anew is screened again, its reasons the rules' findings
    on what it says now; the review starts only once that screening is recorded."""
    screening = Screening.objects.filter(
        application_id=application.pk, status=ScreeningStatus.ADMISSIBLE
    ).first()
    if screening is None:
        return
    SCREENING_WORKFLOW.apply(screening, "screen_again", by=by)
    screening.reasons.all().delete()
    (fresh,) = _with_what_the_rules_read([application.pk])
    ScreeningReason.objects.bulk_create(
        _reasons(screening, findings_for_many([fresh])[application.pk])
    )


def _open_screening(screening: Screening, by: User) -> Screening:
    if not has_staff_power(by, SCREEN_PERMISSION):
        raise PermissionDenied
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    if screening.status != ScreeningStatus.OPEN:
        raise ValidationError(_("This screening has been recorded; it can no longer change."))
    return screening


@transaction.atomic
def judge_reasons(*, screening: Screening, by: User, verdicts: dict[int, tuple[str, str]]) -> None:
    """Staff's verdict on reasons: {reason pk: (confirmed|overridden, why)}. Overriding a
    reason needs a why; errors come back by reason pk."""
    screening = _open_screening(screening, by)
    reasons = {r.pk: r for r in screening.reasons.all()}
    errors = {}
    changed = []
    for pk, (verdict, comment) in verdicts.items():
        reason = reasons.get(pk)
        if reason is None:
            raise PermissionDenied
        comment = (comment or "").strip()
        if verdict not in (*Verdict.values, ""):
            errors[pk] = _("Choose confirm or override.")
            continue
        if verdict == Verdict.OVERRIDDEN and not comment:
            errors[pk] = _("Say why you override this reason.")
            continue
        reason.verdict, reason.comment, reason.decided_by = (
            verdict,
            comment,
            by if verdict else None,
        )
        changed.append(reason)
    if errors:
        raise ValidationError(errors)
    ScreeningReason.objects.bulk_update(changed, ["verdict", "comment", "decided_by"])


@transaction.atomic
def add_reason(*, screening: Screening, by: User, text: str) -> ScreeningReason:
    """A reason staff found themselves (confirmed: they add it because it holds)."""
    screening = _open_screening(screening, by)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the reason."))
    return ScreeningReason.objects.create(
        screening=screening,
        code=ScreeningReason.STAFF_CODE,
        message_sv=text,
        message_en=text,
        from_rules=False,
        verdict=Verdict.CONFIRMED,
        decided_by=by,
    )


@transaction.atomic
def recommend(
    *, application: Application, by: User, outcome: str, summary: str, amounts: dict[str, int]
):
    """The responsible officer's recommendation: the outcome, a summary and the proposed amount
    per budget category (whole kronor, none for a decline); recorded through the workflow."""
    if not has_staff_power(by, "assessments.change_recommendation"):
        raise PermissionDenied
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the recommended outcome.")
    clean = {}
    for category, amount in amounts.items():
        if amount in (None, ""):
            continue
        if not isinstance(amount, int) or amount < 0:
            errors[f"amount_{category}"] = _("Give a whole number of kronor, 0 or more.")
        else:
            clean[category] = amount
    if errors:
        raise ValidationError(errors)
    recommendation, _created = Recommendation.objects.update_or_create(
        application=application,
        defaults={"outcome": outcome, "summary": (summary or "").strip(), "officer": by},
    )
    ProposedAmount.objects.filter(recommendation=recommendation).delete()
    if outcome == Outcome.GRANT:
        ProposedAmount.objects.bulk_create(
            [
                ProposedAmount(recommendation=recommendation, category=c, amount_sek=a)
                for c, a in clean.items()
            ]
        )
    return RECOMMENDATION_WORKFLOW.apply(recommendation, "recommend", by=by)


@transaction.atomic
def assign_assessor(*, application: Application, assessor: User, by: User):
    """Staff make `assessor` one of the application's assessors (once); they must declare
    whether they have a conflict of interest before they see anything of it."""
    if not has_staff_power(by, ASSIGN_PERMISSION):
        raise PermissionDenied
    if not Screening.objects.filter(
        application=application, status=ScreeningStatus.ADMISSIBLE
    ).exists():
        raise ValidationError(_("Assessors are added once the screening found it admissible."))
    if not (assessor.is_active and assessor.is_staff and assessor.has_perm(ASSESSOR_PERMISSION)):
        raise ValidationError(_("Only a member of staff who may assess can be an assessor."))
    assessment, created = Assessment.objects.get_or_create(
        application=application, assessor=assessor, defaults={"assigned_by": by}
    )
    if created:
        AssessmentEvent.objects.create(
            assessment=assessment, actor=by, from_status="", to_status=AssessmentStatus.ASSIGNED
        )
    return assessment


@transaction.atomic
def save_scores(
    *,
    assessment,
    by: User,
    scores: dict[int, tuple[int | None, str]],
    summary: str | None = None,
) -> None:
    """The assessor's scores {criterion pk: (score, comment)}, each within its scale, and their
    overall comment; only after declaring no conflict and before submitting."""
    assessment = type(assessment).objects.select_for_update().get(pk=assessment.pk)
    if assessment.assessor_id != by.pk:
        raise PermissionDenied
    if assessment.status != AssessmentStatus.DECLARED:
        raise ValidationError(
            _("Scores can be changed only after declaring no conflict and before submitting.")
        )
    criteria = {
        c.pk: c
        for c in Criterion.objects.filter(component=assessment.application.component, active=True)
    }
    errors = {}
    for pk, (value, comment) in scores.items():
        criterion = criteria.get(pk)
        if criterion is None:
            raise PermissionDenied
        if value is not None and value not in criterion.scale:
            errors[f"score_{pk}"] = _("Give a score from %(low)d to %(high)d.") % {
                "low": criterion.scale_min,
                "high": criterion.scale_max,
            }
            continue
        Score.objects.update_or_create(
            assessment=assessment,
            criterion=criterion,
            defaults={"score": value, "comment": (comment or "").strip()},
        )
    if errors:
        raise ValidationError(errors)
    if summary is not None:
        assessment.summary = summary.strip()
        assessment.save(update_fields=["summary"])
