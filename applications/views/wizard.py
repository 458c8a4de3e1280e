"""The application wizard: one page per step, each saved as a draft on "save" and "next".

Invalid input re-renders the step with the user's input and the errors; nothing already saved
is lost. Steps of an application that can no longer be edited show the case page instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import Action, get_case
from ..findings import findings_for
from ..forms import (
    BudgetFormSet,
    ContentStepForm,
    PartnershipStepForm,
    PlanningStepForm,
    TeamFormSet,
    VisitFormSet,
)
from ..models import Application, Party


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    build: Callable[..., dict] | None = None  # application, data -> {name: form or formset}
    url_name: str = "applications:step"
    extra_context: Callable[[dict], dict] | None = None  # forms -> more template context

    def url(self, application: Application) -> str:
        if self.url_name == "applications:step":
            return reverse(self.url_name, args=[application.pk, self.slug])
        return reverse(self.url_name, args=[application.pk])


def _single(form_class) -> Callable[..., dict]:
    return lambda application, data=None: {"form": form_class(data, instance=application)}


def _visits(application, data=None) -> dict:
    return {"formset": VisitFormSet(data, instance=application, prefix="visits")}


def _budget(application, data=None) -> dict:
    return {"formset": BudgetFormSet(data, instance=application, prefix="budget")}


def _budget_total(forms: dict) -> dict:
    return {"total": sum(form.instance.amount_sek or 0 for form in forms["formset"].forms)}


def _team(application, data=None, add: str | None = None) -> dict:
    formsets = {}
    for party in Party:
        formset = TeamFormSet(data, instance=application, party=party)
        # An empty row to start with, and one more when "add a person" was pressed.
        if data is None and (add == party.value or not len(formset.get_queryset())):
            formset.extra = 1
        formsets[party.value] = formset
    return formsets


STEPS = [
    Step("partnership", gettext_lazy("Partnership and component"), _single(PartnershipStepForm)),
    Step("content", gettext_lazy("Content"), _single(ContentStepForm)),
    Step("planning", gettext_lazy("Planning tool"), _single(PlanningStepForm)),
    Step("visits", gettext_lazy("Visit plan"), _visits),
    Step("budget", gettext_lazy("Budget"), _budget, extra_context=_budget_total),
    Step("attachments", gettext_lazy("Attachments"), url_name="applications:attachments"),
    Step("team", gettext_lazy("Team"), _team),
    Step("review", gettext_lazy("Review and submit"), url_name="applications:review"),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def neighbours(slug: str) -> tuple[Step | None, Step | None]:
    index = [s.slug for s in STEPS].index(slug)
    previous = STEPS[index - 1] if index > 0 else None
    following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return previous, following


def wizard_context(application: Application, current: str) -> dict:
    previous, following = neighbours(current)
    return {
        "application": application,
        "steps": [(step, step.url(application)) for step in STEPS],
        "current_step": STEP_BY_SLUG[current],
        "previous_url": previous.url(application) if previous else None,
        "next_url": following.url(application) if following else None,
    }


def case_queryset():
    return Application.objects.select_related(
        "organisation", "round", "new_partner_country", "partnership__partner_organisation__country"
    )


@login_required
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    spec = STEP_BY_SLUG.get(step)
    if spec is None or spec.build is None:
        raise Http404
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    application = get_case(request.user, pk, action, queryset=case_queryset())
    if not (application.is_editable and Action.EDIT in application.allowed_actions):
        return redirect("applications:case", pk=application.pk)

    if request.method == "POST":
        forms = spec.build(application, request.POST)
        if all(form.is_valid() for form in forms.values()):
            with transaction.atomic():
                for form in forms.values():
                    form.save()
                application.save(update_fields=["updated_at"])
            return redirect(_after_save(request, application, step))
        messages.error(request, _("Some fields need attention; nothing on this page was saved."))
    elif spec.slug == "team":
        forms = _team(application, add=request.GET.get("add"))
    else:
        forms = spec.build(application)
    context = wizard_context(application, step) | forms
    if spec.extra_context:
        context |= spec.extra_context(forms)
    return render(request, f"applications/step_{step}.html", context)


def _after_save(request: HttpRequest, application: Application, slug: str) -> str:
    previous, following = neighbours(slug)
    if "next" in request.POST and following:
        return following.url(application)
    if "previous" in request.POST and previous:
        return previous.url(application)
    for party in Party:
        if f"add_{party.value}" in request.POST:
            return f"{STEP_BY_SLUG[slug].url(application)}?add={party.value}#{party.value}-rows"
    messages.success(request, _("Saved."))
    return STEP_BY_SLUG[slug].url(application)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.VIEW, queryset=case_queryset())
    findings = findings_for(application)
    context = wizard_context(application, "review") | {
        "errors": [f for f in findings if f.severity == "error"],
        "warnings": [f for f in findings if f.severity == "warning"],
        "can_submit": Action.SUBMIT in application.allowed_actions and application.is_editable,
    }
    return render(request, "applications/step_review.html", context)
