"""My cases (Mina ärenden), joining an organisation, starting, viewing, submitting a case."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.refusals import attempt, show_refusal
from partnerships.models import Component, Membership

from .. import services, workflow
from ..access import Action, get_case, is_coordinator, may_delete
from ..changes import team_overview
from ..findings import findings_for
from ..forms import DeclarationForm, MembershipRequestForm, NewApplicationForm
from ..models import DELETED_DRAFT_DAYS
from ..panels import CASE_PANELS, DASHBOARD_PANELS
from ..participant_forms import form_history
from ..progress import COMPLETED, task_list
from ..selectors import (
    coordinated_partnerships,
    dashboard_cases,
    decision_comment,
    deleted_drafts,
    organisations_of,
    pathways,
)
from .wizard import STEPS, case_queryset, first_step_url, review_page, review_queryset


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    cases = list(dashboard_cases(request.user))
    memberships = Membership.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "applications/dashboard.html",
        {
            # A withdrawn case is no longer going on: it is listed with the earlier ones
            # (and can still be edited and sent again from its page).
            "current": [c for c in cases if not c.is_decided and not c.is_withdrawn],
            "earlier": [c for c in cases if c.is_decided or c.is_withdrawn],
            "memberships": memberships,
            "deleted": [(c, purge_date(c.deleted_at)) for c in deleted_drafts(request.user)],
            "pathways": pathways(
                list(coordinated_partnerships(request.user)), timezone.localdate()
            ),
            "panels": DASHBOARD_PANELS.fill(request.user, None),
        },
    )


@login_required
def join_organisation(request: HttpRequest) -> HttpResponse:
    form = MembershipRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.request_membership(
            user=request.user, organisation=form.cleaned_data["organisation"]
        )
        messages.success(
            request,
            _(
                "Thank you. ICLD will approve your membership; until then you can draft applications."
            ),
        )
        return redirect("applications:dashboard")
    return render(request, "applications/join_organisation.html", {"form": form})


@login_required
def new_application(request: HttpRequest) -> HttpResponse:
    organisations = organisations_of(request.user)
    if not organisations.exists():
        messages.info(request, _("First tell us which organisation you work for."))
        return redirect("applications:join_organisation")
    form = NewApplicationForm(
        request.POST or None,
        organisations=organisations,
        initial={"language": request.LANGUAGE_CODE, "component": request.GET.get("component")},
    )
    if request.method == "POST" and form.is_valid():
        # Nothing is stored yet: the draft is created by the first step's first save.
        return redirect(first_step_url(form.cleaned_data))
    return render(request, "applications/new_application.html", {"form": form})


@login_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(
        request.user,
        pk,
        Action.VIEW,
        queryset=case_queryset().prefetch_related(
            "participants",
            "visits",
            "budget_lines",
            "democratic_areas",
            "attachments",
            "events__actor",
            "receipts",
        ),
    )
    application = case.application
    findings = findings_for(application) if application.is_editable else []
    can_edit = case.can_edit
    steps = [(step, STEPS.url(step, application)) for step in STEPS]
    tasks = task_list(application, findings, steps) if can_edit else []
    response = render(
        request,
        "applications/case.html",
        {
            "application": application,
            "steps": steps,
            "tasks": tasks,
            "sections": len(tasks) - 1,  # the last is checking and submitting
            "sections_done": sum(task.status == COMPLETED for task in tasks),
            "errors": [f for f in findings if f.severity == "error"],
            "warnings": [f for f in findings if f.severity == "warning"],
            "decision_comment": decision_comment(application),
            "case": case,
            "team": team_overview(application),
            "form_versions": form_history(application),
            "panels": CASE_PANELS.fill(request.user, application),
            "can_edit": can_edit,
            "can_submit": case.can_submit,
            "can_delete": application.can_be_deleted and may_delete(request.user, application),
            "components": Component.choices,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request.user, pk, Action.SUBMIT, queryset=review_queryset())
    application = case.application
    form = DeclarationForm(request.POST, organisation=application.organisation)
    if not form.is_valid():
        return review_page(request, case, form)
    try:
        application = workflow.submit_application(
            application=application, by=request.user, declaration=form.statement
        )
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("applications:review", pk=application.pk)
    messages.success(
        request,
        _(
            "Your application has been submitted with case number %(number)s. A receipt is on its way by e-mail."
        )
        % {"number": application.case_number},
    )
    return redirect("applications:case", pk=application.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.SUBMIT).application
    attempt(
        request,
        lambda: workflow.withdraw_application(application=application, by=request.user),
        success=_("The application is withdrawn. You can edit and submit it again."),
    )
    return redirect("applications:case", pk=application.pk)


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_case(request.user, pk, Action.VIEW).application
    component = request.POST.get("component")
    if (
        component not in Component.values
        # The copy takes the team's personal data along: an approved coordinator of the
        # organisation only, never a contributor or a member still waiting for approval.
        or not is_coordinator(request.user, source.organisation_id)
    ):
        messages.error(request, _("Choose a component for the new application."))
        return redirect("applications:case", pk=source.pk)
    draft = services.copy_application(source=source, component=component, by=request.user)
    messages.success(request, _("A new draft has been started from the earlier application."))
    return redirect(STEPS.url(STEPS.steps[0], draft))


@login_required
def delete_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then delete the draft (POST); it can be brought back for 30 days."""
    application = get_case(request.user, pk, Action.VIEW).application
    if not (application.can_be_deleted and may_delete(request.user, application)):
        raise Http404
    if request.method == "POST":
        services.delete_draft(application=application, by=request.user)
        messages.success(
            request,
            _("The draft is deleted. Until %(date)s you can bring it back under “Deleted drafts”.")
            % {"date": date_format(purge_date(timezone.now()), "j F Y")},
        )
        return redirect("applications:dashboard")
    return render(request, "applications/delete_draft.html", {"application": application})


@login_required
@require_POST
def restore_draft(request: HttpRequest, pk: int) -> HttpResponse:
    application = deleted_drafts(request.user).filter(pk=pk).first()
    if application is None or not may_delete(request.user, application):
        raise Http404
    services.restore_draft(application=application, by=request.user)
    messages.success(request, _("The draft is back."))
    return redirect("applications:case", pk=application.pk)


def purge_date(deleted_at: datetime.datetime) -> datetime.date:
    return timezone.localdate(deleted_at) + datetime.timedelta(days=DELETED_DRAFT_DAYS)
