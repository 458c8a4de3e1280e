"""ICLD's pages before the decision, under /admin/assessments/: the screening of an
application, an assessor's own assessment (declaration of jäv, then scores), the officer's
page with the assessors, every score and the recommendation. Staff only (permission and second
factor); anything else is a 404, and so is a case on which the reader declared jäv."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from applications.resubmission import since_returned
from applications.selectors import requested_by_category
from core.mfa import has_staff_power
from core.refusals import show_refusal

from . import selectors, services
from .access import (
    ASSESSOR_PERMISSION,
    ASSIGN_PERMISSION,
    OFFICER_PERMISSION,
    SCREEN_PERMISSION,
    assessor_case,
    is_officer,
    staff_case,
)
from .forms import AssessorForm, RecommendationForm, ScoresForm, ScreeningForm
from .models import AssessmentStatus, Outcome
from .workflow import ASSESSMENT_WORKFLOW, SCREENING_WORKFLOW


def _login_first(view):
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _add_errors(form, error: ValidationError, field_for=None) -> None:
    if hasattr(error, "error_dict"):
        for key, messages_ in error.message_dict.items():
            name = field_for(key) if field_for else key
            for message in messages_:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@_login_first
@never_cache
@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    """Sakgranskning: is the application admissible? The rules' findings are its reasons;
    staff confirm or override each (an override says why) and record the outcome."""
    application = staff_case(request.user, pk, SCREEN_PERMISSION)
    found = selectors.screening_of(application)
    reasons = list(found.reasons.all()) if found else []
    form = ScreeningForm(request.POST or None, reasons=reasons)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if found is None:
            if action == "start":
                services.start_screening(applications=[application], by=request.user)
                messages.success(request, _("The screening has started."))
            return redirect("assessments_staff:screening", pk=application.pk)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.judge_reasons(
                        screening=found, by=request.user, verdicts=form.verdicts()
                    )
                    if form.cleaned_data["new_reason"].strip():
                        services.add_reason(
                            screening=found, by=request.user, text=form.cleaned_data["new_reason"]
                        )
                    if action in ("admissible", "inadmissible"):
                        SCREENING_WORKFLOW.apply(
                            found, action, by=request.user, comment=form.cleaned_data["note"]
                        )
            except ValidationError as error:
                _add_errors(form, error, field_for=lambda key: f"comment_{key}")
            except PermissionDenied:
                raise
            else:
                messages.success(
                    request,
                    {
                        "admissible": _("The application is admissible and goes on to assessment."),
                        "inadmissible": _(
                            "The application is inadmissible: it is declined and the coordinator has the letter."
                        ),
                    }.get(action, _("The screening has been saved.")),
                )
                return redirect("assessments_staff:screening", pk=application.pk)
        status = 400
    context = admin.site.each_context(request) | {
        "title": _("Screening of %(case)s") % {"case": application},
        "application": application,
        "screening": found,
        "form": form,
        "transitions": SCREENING_WORKFLOW.staff_transitions(found.status) if found else [],
        "resubmission": since_returned(application),
    }
    return render(request, "assessments/screening.html", context, status=status)


@_login_first
@never_cache
@require_http_methods(["GET"])
def mine(request: HttpRequest) -> HttpResponse:
    """The applications the signed-in assessor is to assess (none they declared jäv on)."""
    if not has_staff_power(request.user, ASSESSOR_PERMISSION):
        raise Http404
    context = admin.site.each_context(request) | {
        "title": _("My assessments"),
        "assessments": selectors.my_assessments(request.user),
    }
    return render(request, "assessments/mine.html", context)


DECLARATIONS = ("declare_no_conflict", "declare_conflict")


@_login_first
@never_cache
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    """An assessor's assessment of one application: first the declaration (no conflict of
    interest, or jäv: then the application is gone for them), then a score and a comment per
    criterion, saved as they go and submitted once every criterion has a score. The others'
    scores show once theirs is submitted."""
    application, assessment = assessor_case(request.user, pk)
    criteria = selectors.rubric(application.component)
    own = {s.criterion_id: s for s in assessment.scores.all()}
    action = request.POST.get("action", "") if request.method == "POST" else ""
    scoring = assessment.status == AssessmentStatus.DECLARED
    form = ScoresForm(
        request.POST if scoring and action in ("save", "submit") else None,
        criteria=criteria,
        scores=own,
        initial={"summary": assessment.summary},
    )
    status = 200
    if request.method == "POST":
        if action in DECLARATIONS:
            try:
                ASSESSMENT_WORKFLOW.apply(assessment, action, by=request.user)
            except ValidationError as error:
                show_refusal(request, error)
                return redirect("assessments_staff:assess", pk=application.pk)
            if action == "declare_conflict":
                messages.success(
                    request,
                    _(
                        "You have declared a conflict of interest: the application is no longer shown to you."
                    ),
                )
                return redirect("assessments_staff:mine")
            messages.success(request, _("You have declared no conflict of interest."))
            return redirect("assessments_staff:assess", pk=application.pk)
        if not scoring or action not in ("save", "submit"):
            return redirect("assessments_staff:assess", pk=application.pk)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.save_scores(
                        assessment=assessment,
                        by=request.user,
                        scores=form.scores(),
                        summary=form.cleaned_data["summary"],
                    )
                    if action == "submit":
                        ASSESSMENT_WORKFLOW.apply(assessment, "submit", by=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your assessment has been submitted.")
                    if action == "submit"
                    else _("Your scores have been saved."),
                )
                return redirect("assessments_staff:assess", pk=application.pk)
        status = 400
    context = admin.site.each_context(request) | {
        "title": _("Assessment of %(case)s") % {"case": application},
        "application": application,
        "assessment": assessment,
        "form": form,
        "criteria": criteria,
        "own_rows": [(c, own.get(c.pk)) for c in criteria],
        "others": _score_table(request.user, application, criteria, leave_out=request.user)
        if assessment.status == AssessmentStatus.SUBMITTED
        else [],
    }
    return render(request, "assessments/assess.html", context, status=status)


@_login_first
@never_cache
@require_http_methods(["GET", "POST"])
def case(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's page of an application's assessment: its assessors (staff add them), every
    score, and the recommendation the responsible officer writes (the decision reads it)."""
    application = staff_case(request.user, pk, OFFICER_PERMISSION)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    requested = requested_by_category(application)
    recommendation = selectors.recommendation_of(application)
    # A new recommendation starts from what was requested, written out: an empty amount is
    # one the officer proposes nothing for.
    initial = {f"amount_{category}": asked for category, asked in requested.items() if asked}
    if recommendation is not None:
        initial = {"outcome": recommendation.outcome, "summary": recommendation.summary} | {
            f"amount_{a.category}": a.amount_sek for a in recommendation.amounts.all()
        }
    form = RecommendationForm(
        request.POST if action == "recommend" else None, requested=requested, initial=initial
    )
    may_assign = is_officer(request.user, ASSIGN_PERMISSION)
    assessor_form = (
        AssessorForm(request.POST if action == "assign" else None, assessors=selectors.may_assess())
        if may_assign
        else None
    )
    status = 200
    if action == "assign" and assessor_form is not None:
        if assessor_form.is_valid():
            try:
                services.assign_assessor(
                    application=application,
                    assessor=assessor_form.cleaned_data["assessor"],
                    by=request.user,
                )
            except ValidationError as error:
                _add_errors(assessor_form, error, field_for=lambda key: "assessor")
            else:
                messages.success(request, _("The assessor has been added."))
                return redirect("assessments_staff:case", pk=application.pk)
        status = 400
    elif action == "recommend":
        if form.is_valid():
            try:
                services.recommend(
                    application=application,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    summary=form.cleaned_data["summary"],
                    amounts=form.amounts(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The recommendation has been recorded."))
                return redirect("assessments_staff:case", pk=application.pk)
        status = 400
    elif request.method == "POST":
        return redirect("assessments_staff:case", pk=application.pk)
    criteria = selectors.rubric(application.component)
    context = admin.site.each_context(request) | {
        "title": _("Assessment and recommendation: %(case)s") % {"case": application},
        "application": application,
        "assessments": selectors.assessments_of(application),
        "score_table": _score_table(request.user, application, criteria),
        "criteria": criteria,
        "recommendation": recommendation,
        "requested_total": sum(requested.values()),
        "form": form,
        "assessor_form": assessor_form,
        "grant": Outcome.GRANT,
    }
    return render(request, "assessments/case.html", context, status=status)


def _score_table(user, application, criteria, *, leave_out=None) -> list[tuple]:
    """[(assessor, [score or None per criterion])] of the scores `user` may see
    (selectors.visible_scores decides which), `leave_out`'s own left out."""
    by_assessor: dict[int, tuple] = {}
    for score in selectors.visible_scores(user, application):
        assessor = score.assessment.assessor
        if leave_out is not None and assessor.pk == leave_out.pk:
            continue
        by_assessor.setdefault(assessor.pk, (assessor, {}))[1][score.criterion_id] = score
    return [
        (assessor, [found.get(c.pk) for c in criteria]) for assessor, found in by_assessor.values()
    ]
