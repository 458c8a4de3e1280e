"""The report pages: a case's reports, one report, its steps (drafts saved on every step, like
the application wizard), the review with what is missing, submitting, attachments, the PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from applications.access import Action, CaseAccess, get_case
from core.downloads import file_download, upload_download
from core.refusals import show_refusal
from core.wizard import Step, Wizard, run_step

from . import rules, services, workflow
from .forms import AttachmentForm, ContentForm, CostsForm, ParticipantsForm, VisitFormSet
from .models import Report, ReportAttachment, ReportStatus
from .selectors import case_reports as case_reports_of
from .selectors import (
    claimable_participants,
    grant_comparison,
    report_facts,
    report_page_queryset,
    report_queryset,
)


@dataclass(frozen=True)
class ReportAccess:
    """A report and what the user may do with it, from its case's `CaseAccess`."""

    report: Report
    case: CaseAccess

    @property
    def can_edit(self) -> bool:
        return self.report.is_editable and self.case.may(Action.EDIT)

    @property
    def can_submit(self) -> bool:
        return self.report.is_editable and self.case.may(Action.SUBMIT)


def get_report(user, pk: int, action: Action, queryset=None) -> ReportAccess:
    """The report `pk` if `user` may do `action` with its case; otherwise 404."""
    report = (queryset if queryset is not None else report_queryset()).filter(pk=pk).first()
    if report is None:
        raise Http404
    # get_case decides, with the case's own row; the report keeps the one it was loaded with.
    return ReportAccess(report, get_case(user, report.application_id, action))


def _single(form_class) -> Callable[..., dict]:
    return lambda report, data=None: {"form": form_class(data, instance=report)}


def _visits(report: Report, data=None) -> dict:
    formset = VisitFormSet(
        data,
        instance=report,
        prefix="visits",
        queryset=report.visits.prefetch_related("travellers"),
        form_kwargs={
            "application_id": report.application_id,
            "claimable": list(claimable_participants(report.application_id)),
        },
    )
    if data is None and not report.visits.exists():
        formset.extra = 1
    return {"formset": formset}


def _costs(report: Report, data=None) -> dict:
    return {"form": CostsForm(data, report=report)}


STEPS = Wizard(
    (
        Step("content", gettext_lazy("Activities and results"), _single(ContentForm)),
        Step("participants", gettext_lazy("Participants"), _single(ParticipantsForm)),
        Step("visits", gettext_lazy("Visits made"), _visits),
        Step(
            "costs",
            gettext_lazy("Costs"),
            _costs,
            extra_context=lambda forms: {"comparison": grant_comparison(forms["form"].report)},
        ),
        Step("attachments", gettext_lazy("Attachments"), url_name="reporting:attachments"),
        Step("review", gettext_lazy("Review and submit"), url_name="reporting:review"),
    ),
    step_url_name="reporting:step",
)


def _context(report: Report) -> dict:
    return {
        "report": report,
        "application": report.application,
        "threshold": round(rules.DEVIATION_THRESHOLD * 100),
    }


def _wizard_context(report: Report, current: str) -> dict:
    return _context(report) | STEPS.context(report, current)


@login_required
def case_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """A granted case's reports. Only read: they are created when the case is granted
    (services.reports_on_grant) and by the daily sweep, never by a visit."""
    application = get_case(request.user, pk, Action.VIEW).application
    return render(
        request,
        "reporting/case_reports.html",
        {
            "application": application,
            "reports": case_reports_of(application),
        },
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_report(request.user, pk, Action.VIEW, queryset=report_page_queryset())
    report = access.report
    events = list(report.events.all())
    # ICLD's comment is shown while the report is back with the coordinator.
    returned = [e for e in events if e.to_status == ReportStatus.RETURNED]
    if report.status != ReportStatus.RETURNED:
        returned = []
    response = render(
        request,
        "reporting/report.html",
        {
            "report": report,
            "access": access,
            "application": report.application,
            "events": events,
            "return_comment": returned[-1].comment if returned else "",
            "comparison": grant_comparison(report),
            "first_step_url": STEPS.url(STEPS.steps[0], report),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    spec = STEPS.form_step(step)
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    access = get_report(request.user, pk, action)
    report = access.report
    if not access.can_edit:
        return redirect("reporting:report", pk=report.pk)
    return run_step(
        request,
        STEPS,
        report,
        spec,
        save=lambda forms: services.save_step(report=report, forms=forms, by=request.user),
        template=f"reporting/step_{step}.html",
        context=_context(report),
        refused_url=reverse("reporting:report", args=[report.pk]),
    )


@login_required
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    access = get_report(request.user, pk, action)
    report = access.report
    if not access.can_edit:
        return redirect("reporting:report", pk=report.pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(
                report=report, uploaded_file=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file has been added."))
            return redirect("reporting:attachments", pk=report.pk)
    return render(
        request,
        "reporting/step_attachments.html",
        _wizard_context(report, "attachments")
        | {"form": form, "attachments": list(report.attachments.all())},
    )


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    report = get_report(request.user, pk, Action.VIEW).report
    attachment = get_object_or_404(ReportAttachment, report=report, pk=attachment_pk)
    return upload_download(attachment)


@login_required
@require_POST
def delete_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    report = get_report(request.user, pk, Action.EDIT).report
    attachment = get_object_or_404(ReportAttachment, report=report, pk=attachment_pk)
    try:
        services.delete_attachment(attachment=attachment, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    return redirect("reporting:attachments", pk=report.pk)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_report(request.user, pk, Action.VIEW)
    report = access.report
    findings = rules.check_report(report_facts(report)) if report.is_editable else []
    return render(
        request,
        "reporting/step_review.html",
        _wizard_context(report, "review")
        | {
            "access": access,
            "errors": [f for f in findings if f.is_error],
            "warnings": [f for f in findings if not f.is_error],
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report(request.user, pk, Action.SUBMIT).report
    try:
        workflow.submit_report(report=report, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("reporting:review", pk=report.pk)
    messages.success(request, _("Your report has been submitted. ICLD will review it."))
    return redirect("reporting:report", pk=report.pk)


@login_required
def pdf(request: HttpRequest, pk: int) -> FileResponse:
    report = get_report(request.user, pk, Action.VIEW).report
    return file_download(
        report.pdf,
        filename=f"{report.application.case_number or report.application_id}-"
        f"{report.kind}-{report.project_year}.pdf",
        content_type="application/pdf",
    )
