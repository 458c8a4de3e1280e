"""The coordinator's side of the agreement: its page (every version, who signed when), the
signature by the organisation's authorised signatory, the downloads, an amendment request."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from applications.access import Action, get_case, is_coordinator
from core.downloads import file_download
from core.forms import add_service_error

from . import services, workflow
from .forms import AmendmentForm, SignForm
from .models import Agreement, AgreementStatus
from .selectors import case_agreements, case_amendments
from .signing import SigningRefused, get_signer


def _case_page(request: HttpRequest, application, **context) -> HttpResponse:
    versions = list(case_agreements(application.pk))
    in_force = next((a for a in versions if a.status == AgreementStatus.IN_FORCE), None)
    response = render(
        request,
        "agreements/agreement.html",
        {
            "application": application,
            "versions": versions,
            "in_force": in_force,
            "to_sign": next((a for a in versions if a.status == AgreementStatus.DRAFTED), None),
            "may_sign": workflow.may_sign(request.user, versions[0]) if versions else False,
            "may_amend": in_force is not None
            and is_coordinator(request.user, application.organisation_id),
            "amendments": list(case_amendments(application.pk)),
            **context,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.VIEW).application
    return _case_page(request, application)


def _to_sign(request: HttpRequest, pk: int) -> Agreement:
    """The version waiting for the signatory: 404 for whoever does not see the case, 403 for
    whoever sees it but is not the organisation's authorised signatory."""
    application = get_case(request.user, pk, Action.VIEW).application
    agreement = get_object_or_404(
        Agreement.objects.select_related("application"),
        application=application,
        status=AgreementStatus.DRAFTED,
    )
    if not workflow.may_sign(request.user, agreement):
        raise PermissionDenied
    return agreement


@login_required
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _to_sign(request, pk)
    signer = get_signer()
    here = reverse("agreements:sign", args=[pk])
    step = signer.begin(request=request, return_to=here)
    if not step.ready:
        return redirect(step.redirect_to)
    form = SignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = signer.complete(request=request)
        except SigningRefused:
            return redirect(here)
        try:
            workflow.sign(agreement=agreement, by=request.user, evidence=evidence)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("You have signed the agreement. ICLD countersigns it next.")
            )
            return redirect("agreements:agreement", pk)
    return render(
        request,
        "agreements/sign.html",
        {"application": agreement.application, "agreement": agreement, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def download(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.VIEW).application
    agreement = get_object_or_404(Agreement, application=application, version=version)
    signed = "signerat-" if agreement.sealed else ""
    return file_download(
        agreement.file_for_download,
        filename=f"avtal-{signed}{application.case_number}-v{agreement.version}.pdf",
        content_type="application/pdf",
    )


@login_required
def request_amendment(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.SUBMIT).application
    agreement = Agreement.objects.filter(
        application=application, status=AgreementStatus.IN_FORCE
    ).first()
    if agreement is None:
        raise Http404
    amounts = dict(agreement.lines.values_list("category", "amount_sek"))
    form = AmendmentForm(request.POST if request.method == "POST" else None, amounts=amounts)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_amendment(
                agreement=agreement,
                by=request.user,
                kind=form.cleaned_data["kind"],
                motivation=form.cleaned_data["motivation"],
                new_period_end=form.cleaned_data["new_period_end"],
                new_amounts=form.new_amounts(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your request has been sent to ICLD."))
            return redirect("agreements:agreement", pk)
    return render(
        request,
        "agreements/amendment_form.html",
        {"application": application, "agreement": agreement, "form": form, "amounts": amounts},
        status=400 if form.errors else 200,
    )
