"""The state changes before the decision, on core's transition table (core/workflow.py):
a screening is recorded admissible or inadmissible (inadmissible declines the application
through applications' own table, with the reasons); an assessor declares no conflict of
interest (or jäv) and submits their scores; the officer records the recommendation."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.access import takes_part_in_case
from applications.models import ApplicationStatus
from applications.workflow import APPLICATION_WORKFLOW
from casework.models import CaseOfficer
from casework.services import post_message
from core.models import User
from core.workflow import Transition, TransitionTable

from .models import (
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    Criterion,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    Screening,
    ScreeningEvent,
    ScreeningStatus,
    Verdict,
)

SS = ScreeningStatus
A = AssessmentStatus
R = RecommendationStatus
SCREEN = "assessments.change_screening"
RECOMMEND = "assessments.change_recommendation"


def _undecided(screening: Screening) -> list:
    return [r for r in screening.reasons.all() if not r.verdict]


def _check_verdicts(screening: Screening, *, inadmissible: bool, **details) -> None:
    """Every reason decided, and a confirmed one exactly when the outcome is inadmissible
    (the `before` of both outcomes, `inadmissible` set by each)."""
    if _undecided(screening):
        raise ValidationError(_("Confirm or override every reason first."))
    confirmed = screening.reasons.filter(verdict=Verdict.CONFIRMED).exists()
    if confirmed and not inadmissible:
        raise ValidationError(
            _(
                "A confirmed reason makes the application inadmissible: override it, or record it as inadmissible."
            )
        )
    if inadmissible and not confirmed:
        raise ValidationError(
            _(
                "Confirm at least one reason: the letter must say why the application is inadmissible."
            )
        )


def _to_review(screening: Screening, by: User) -> None:
    application = screening.application
    if application.status == ApplicationStatus.SUBMITTED:
        APPLICATION_WORKFLOW.apply(application, "start_review", by=by)


def require_screening(application, *, by: User, comment: str, **details) -> None:
    """Hooked after applications' "start the review" (AppConfig.ready): the review, and with it
    the assessment, begins only once the application's screening is recorded (admissible; an
    inadmissible one passes through the review on its way to being declined). Raised here, in
    the transition's transaction, the refusal undoes the change of status."""
    recorded = (
        Screening.objects.filter(application_id=application.pk).exclude(status=SS.OPEN).exists()
    )
    if not recorded:
        raise ValidationError(
            _("Screen the application first: the review starts when its screening is recorded.")
        )


def _admitted(screening: Screening, *, by: User, comment: str, **details) -> None:
    """Admissible: the application goes on to be assessed (in review)."""
    _to_review(screening, by)


def letter_text(screening: Screening, language: str) -> str:
    """The letter to the coordinator: the application is inadmissible, and why."""
    confirmed = [r for r in screening.reasons.all() if r.verdict == Verdict.CONFIRMED]
    with translation.override(language):
        lines = [
            _(
                "ICLD has screened the application %(case)s and found it inadmissible, for these reasons:"
            )
            % {"case": screening.application},
            "",
            *[f"– {reason.message_in(language)}" for reason in confirmed],
        ]
    return "\n".join(lines)


def _declined(screening: Screening, *, by: User, comment: str, **details) -> None:
    """Inadmissible: the application is declined through applications' table (its decision
    e-mail tells the coordinator), with the letter listing the confirmed reasons as the comment;
    the letter is also written into the case's thread."""
    application = screening.application
    coordinator = application.submitted_by or application.created_by
    letter = letter_text(screening, getattr(coordinator, "language", "sv") or "sv")
    if comment:
        letter = f"{letter}\n\n{comment}"
    _to_review(screening, by)
    application.refresh_from_db()
    APPLICATION_WORKFLOW.apply(application, "decline", by=by, comment=letter)
    post_message(application=application, by=by, body=letter)


SCREENING_WORKFLOW = TransitionTable(
    [
        Transition(
            "admissible",
            frozenset({SS.OPEN}),
            SS.ADMISSIBLE,
            gettext_lazy("Record as admissible"),
            permission=SCREEN,
            before=partial(_check_verdicts, inadmissible=False),
            after=_admitted,
        ),
        Transition(
            "inadmissible",
            frozenset({SS.OPEN}),
            SS.INADMISSIBLE,
            gettext_lazy("Record as inadmissible"),
            permission=SCREEN,
            before=partial(_check_verdicts, inadmissible=True),
            after=_declined,
        ),
        # Made by the coordinator's resubmission only (services.screen_again), never by a
        # button: the application staff returned is screened again as it now reads.
        Transition(
            "screen_again",
            frozenset({SS.ADMISSIBLE}),
            SS.OPEN,
            gettext_lazy("Screen again: submitted anew"),
        ),
    ],
    model=Screening,
    event=ScreeningEvent,
    refusal=gettext_lazy("%(action)s is not possible for a screening that is %(status)s."),
    parties=takes_part_in_case,
    select_related=["application"],
)


# --- the recommendation -------------------------------------------------------------------------


def _responsible_officer(recommendation: Recommendation, *, by: User, comment: str, **details):
    """Only the case's responsible officer recommends (casework.CaseOfficer)."""
    officer = CaseOfficer.objects.filter(application_id=recommendation.application_id).first()
    if officer is None or officer.officer_id != by.pk:
        raise ValidationError(_("Only the case's responsible officer writes the recommendation."))
    if not recommendation.summary.strip():
        raise ValidationError({"summary": _("Write the summary of the assessment.")})


RECOMMENDATION_WORKFLOW = TransitionTable(
    [
        Transition(
            "recommend",
            frozenset({R.DRAFT, R.RECOMMENDED}),
            R.RECOMMENDED,
            gettext_lazy("Record the recommendation"),
            permission=RECOMMEND,
            before=_responsible_officer,
        ),
    ],
    model=Recommendation,
    event=RecommendationEvent,
    refusal=gettext_lazy("%(action)s is not possible for a recommendation that is %(status)s."),
    parties=takes_part_in_case,
    select_related=["application"],
)


# --- an assessor's assessment -------------------------------------------------------------------


def _is_assessor(user: User, assessment: Assessment) -> bool:
    return assessment.assessor_id == user.pk


def _all_scored(assessment: Assessment, *, by: User, comment: str, **details) -> None:
    criteria = Criterion.objects.filter(
        component=assessment.application.component, active=True
    ).count()
    scored = assessment.scores.filter(score__isnull=False).count()
    if scored < criteria:
        raise ValidationError(_("Score every criterion before you submit."))


ASSESSMENT_WORKFLOW = TransitionTable(
    [
        Transition(
            "declare_no_conflict",
            frozenset({A.ASSIGNED}),
            A.DECLARED,
            gettext_lazy("I have no conflict of interest"),
            may=_is_assessor,
        ),
        Transition(
            "declare_conflict",
            frozenset({A.ASSIGNED, A.DECLARED}),
            A.CONFLICT,
            gettext_lazy("I have a conflict of interest (jäv)"),
            may=_is_assessor,
        ),
        Transition(
            "submit",
            frozenset({A.DECLARED}),
            A.SUBMITTED,
            gettext_lazy("Submit the assessment"),
            may=_is_assessor,
            before=_all_scored,
        ),
    ],
    model=Assessment,
    event=AssessmentEvent,
    refusal=gettext_lazy("%(action)s is not possible for an assessment that is %(status)s."),
    select_related=["application"],
)
