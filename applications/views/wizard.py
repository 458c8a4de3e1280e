"""The application wizard: one page per step, each saved as a draft on "save" and "next".

Invalid input re-renders the step with the user's input and the errors; nothing already saved
is lost. Steps of an application that can no longer be edited show the case page instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy, ngettext

from core.refusals import show_refusal
from core.wizard import NOT_SAVED, Step, Wizard, post_step, render_step, run_step

from .. import services
from ..access import Action, CaseAccess, get_case
from ..answers import answers_of
from ..findings import findings_for
from ..forms import (
    BudgetFormSet,
    ContentStepForm,
    DeclarationForm,
    NewApplicationForm,
    PartnershipStepForm,
    PlanningStepForm,
    TeamFormSet,
    ValidRows,
    VisitFormSet,
    VisitPlanForm,
)
from ..models import Application, Party
from ..progress import step_of
from ..rules import VISIT_CODES
from ..selectors import budget_overview, organisations_of
from .team_findings import team_context


def _single(form_class) -> Callable[..., dict]:
    return lambda application, data=None: {"form": form_class(data, instance=application)}


def _visits(application, data=None) -> dict:
    # The team, once it exists, is offered on every visit to tick who travels.
    team = list(application.participants.order_by("party", "pk"))
    return {
        "formset": VisitFormSet(
            data,
            instance=application,
            prefix="visits",
            queryset=application.visits.prefetch_related("travellers"),
            form_kwargs={"team": team},
        ),
        "plan_form": VisitPlanForm(data, instance=application),
    }


def _visit_findings(forms: dict) -> dict:
    """What the rules find in the visit plan as saved, the reason they may ask for included."""
    application = forms["plan_form"].instance
    findings = [f for f in findings_for(application) if f.code in VISIT_CODES]
    return {"visit_findings": findings}


def _budget(application, data=None) -> dict:
    return {"formset": BudgetFormSet(data, instance=application, prefix="budget")}


def _budget_overview(forms: dict) -> dict:
    """The visits' computed lines and the total with the own lines as typed (so a re-rendered
    step adds up what the coordinator sees)."""
    formset = forms["formset"]
    own = [
        form.instance
        for form in formset.forms
        if (form.instance.pk or form.has_changed())
        and not getattr(form, "cleaned_data", {}).get("DELETE")
    ]
    return {"budget": budget_overview(formset.instance, own)}


def _team(application, data=None, add: str | None = None) -> dict:
    formsets = {}
    for party in Party:
        formset = TeamFormSet(data, instance=application, party=party)
        # An empty row to start with, and one more when "add a person" was pressed.
        if data is None and (add == party.value or not len(formset.get_queryset())):
            formset.extra = 1
        formsets[party.value] = formset
    return formsets


def _team_findings(forms: dict) -> dict:
    return team_context(forms["swedish"].instance, forms)


STEPS = Wizard(
    (
        Step(
            "partnership", gettext_lazy("Partnership and component"), _single(PartnershipStepForm)
        ),
        Step("content", gettext_lazy("Content"), _single(ContentStepForm)),
        Step("planning", gettext_lazy("Planning tool"), _single(PlanningStepForm)),
        Step("visits", gettext_lazy("Visit plan"), _visits, extra_context=_visit_findings),
        Step("budget", gettext_lazy("Budget"), _budget, extra_context=_budget_overview),
        Step("attachments", gettext_lazy("Attachments"), url_name="applications:attachments"),
        Step("team", gettext_lazy("Team"), _team, extra_context=_team_findings),
        Step("review", gettext_lazy("Review and submit"), url_name="applications:review"),
    ),
    step_url_name="applications:step",
)
STEP_BY_SLUG = STEPS.by_slug


def wizard_context(application: Application, current: str) -> dict:
    return {"application": application} | STEPS.context(application, current)


def case_queryset():
    return Application.objects.select_related(
        "organisation", "round", "new_partner_country", "partnership__partner_organisation__country"
    )


@login_required
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    spec = STEPS.form_step(step)
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    case = get_case(request.user, pk, action, queryset=case_queryset())
    application = case.application
    if not case.can_edit:
        return redirect("applications:case", pk=application.pk)
    forms = None
    if request.method != "POST" and spec.slug == "team":
        forms = _team(application, add=request.GET.get("add"))
    context = {
        "application": application,
        "return_to_review": request.GET.get("return", request.POST.get("return")) == "review",
    }
    if request.method == "POST" and spec.slug == "team" and "save" in request.POST:
        response = _save_team_draft(request, application, spec, context)
        if response is not None:
            return response
    return run_step(
        request,
        STEPS,
        application,
        spec,
        save=lambda forms: services.save_step(
            application=application, forms=forms, by=request.user
        ),
        template=f"applications/step_{step}.html",
        context=context,
        refused_url=reverse("applications:case", args=[application.pk]),
        forms=forms,
        after_save=lambda saved: _after_save(request, application, step),
    )


def first_step_url(choice: dict) -> str:
    """The first step of an application not yet stored, with what the new-application form
    chose (organisation, component, language) in its address."""
    query = {
        "organisation": choice["organisation"].pk,
        "component": choice["component"],
        "language": choice["language"],
    }
    return f"{reverse('applications:new_step')}?{urlencode(query)}"


@login_required
def first_step(request: HttpRequest) -> HttpResponse:
    """Step 1 of a new application, before anything is stored: its first save creates the draft
    with what was typed, so opening the wizard and leaving creates nothing (issue 18: "Drafts:
    created on first save, not on a click"). The choice of the new-application form comes in
    the address and is checked again here: only an organisation the user belongs to."""
    choice = NewApplicationForm(request.GET or None, organisations=organisations_of(request.user))
    if not choice.is_valid():
        if not choice.is_bound:
            return redirect("applications:new")
        return render(request, "applications/new_application.html", {"form": choice})
    draft = services.new_draft(**choice.cleaned_data, by=request.user)
    spec = STEPS.steps[0]
    # The page's one-time key, kept when the page comes back with errors.
    key = _start_key(request.POST.get("start_key")) or uuid.uuid4()
    context = {"application": draft, "current_step": spec, "new_draft": True, "start_key": key}
    if request.method == "POST":
        forms = post_step(
            request,
            spec,
            draft,
            save=lambda forms: services.create_draft(
                draft=draft, forms=forms, by=request.user, key=key
            ),
            refused_url=reverse("applications:new"),
            after_save=lambda application: _after_save(request, application, spec.slug),
        )
        if isinstance(forms, HttpResponse):
            return forms
        context["error_summary_title"] = NOT_SAVED
    else:
        forms = spec.build(draft)
    # No stepper yet: the other steps have no address until the draft exists.
    _previous, following = STEPS.neighbours(spec.slug)
    context["next_url"] = following is not None
    return render(request, f"applications/step_{spec.slug}.html", context | forms)


def _start_key(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _save_team_draft(
    request: HttpRequest, application: Application, spec: Step, context: dict
) -> HttpResponse | None:
    """On the team step, "Save draft" keeps every row that is complete enough and shows the
    others again with their messages; "Save and continue" still needs every row right.
    None: the step is saved (or refused) the usual way."""
    formsets = _team(application, request.POST)
    if all(formset.is_valid() for formset in formsets.values()) or any(
        formset.non_form_errors() for formset in formsets.values()
    ):
        return None
    rows = [ValidRows(formset) for formset in formsets.values()]
    try:
        services.save_step(application=application, forms=rows, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("applications:case", pk=application.pk)
    data = QueryDict(mutable=True)
    for row in rows:
        for key, values in row.waiting_data(request.POST).items():
            data.setlist(key, values)
    forms = _team(application, data)
    for formset in forms.values():
        formset.is_valid()
    saved = sum(row.saved for row in rows)
    title = NOT_SAVED
    if saved:
        title = ngettext(
            "%(count)d person was saved. These rows are not saved yet:",
            "%(count)d people were saved. These rows are not saved yet:",
            saved,
        ) % {"count": saved}
    return render_step(
        request,
        STEPS,
        application,
        spec,
        template="applications/step_team.html",
        context=context | {"error_summary_title": title},
        forms=forms,
    )


def _after_save(request: HttpRequest, application: Application, slug: str) -> str:
    changing = request.POST.get("return") == "review"  # came from check-your-answers
    for party in Party:
        if f"add_{party.value}" in request.POST:
            also = "&return=review" if changing else ""
            return f"{STEPS.url(slug, application)}?add={party.value}{also}#{party.value}-rows"
    if changing:
        return f"{reverse('applications:review', args=[application.pk])}#answers-{slug}"
    return STEPS.after_save(request, application, slug)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, get_case(request.user, pk, Action.VIEW, queryset=review_queryset()))


def review_queryset():
    return case_queryset().prefetch_related(
        "participants", "visits", "budget_lines", "attachments", "democratic_areas"
    )


def review_page(
    request: HttpRequest, case: CaseAccess, form: DeclarationForm | None = None
) -> HttpResponse:
    """Check your answers: every answer by step with a link to change it (and come back here),
    what the rules find linked to the step that fixes it, and the declaration to submit."""
    application = case.application
    findings = findings_for(application)
    steps = [(step, STEPS.url(step, application)) for step in STEPS]
    answers = answers_of(application)
    can_submit = case.can_submit and application.is_editable
    context = wizard_context(application, "review") | {
        "sections": [(step, url, answers[step.slug]) for step, url in steps[:-1]],
        "errors": _with_steps(application, [f for f in findings if f.is_error]),
        "warnings": _with_steps(application, [f for f in findings if not f.is_error]),
        "can_submit": can_submit,
        "can_edit": case.can_edit,
        "form": form
        or (DeclarationForm(organisation=application.organisation) if can_submit else None),
    }
    return render(request, "applications/step_review.html", context)


def _with_steps(application: Application, findings: list) -> list[tuple]:
    """(finding, the step that fixes it, its address); no step for the few findings that no
    single step fixes."""
    out = []
    for finding in findings:
        step = STEPS.get(step_of(finding) or "")
        out.append((finding, step, STEPS.url(step, application) if step else None))
    return out
