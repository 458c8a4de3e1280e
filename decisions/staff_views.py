"""The round board, under /admin/decisions/rounds/: for each round the counts by status and
officer, the drafts still open with what blocks them, the round's applications with batch
actions (start screening, assign an officer, move to decision) and the decision list's export
(made by the exports app's worker). Staff with the board's permission and a second factor."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from applications.models import ApplicationRound
from assessments.access import BOARD_PERMISSION
from assessments.services import start_screening
from casework.forms import AssignForm
from casework.services import assign_officer
from core.mfa import has_staff_power
from core.refusals import show_refusal

from . import board, services
from .forms import BatchForm


def _board_user(request: HttpRequest) -> None:
    if not has_staff_power(request.user, BOARD_PERMISSION):
        raise Http404


@never_cache
@require_http_methods(["GET"])
def rounds(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _board_user(request)
    context = admin.site.each_context(request) | {
        "title": _("Round boards"),
        "rounds": ApplicationRound.objects.order_by("-closes_on"),
    }
    return render(request, "decisions/rounds.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def round_board(request: HttpRequest, pk: int) -> HttpResponse:
    """A round's board; a POST applies a batch action to the applications ticked."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _board_user(request)
    round_ = get_object_or_404(ApplicationRound, pk=pk)
    assign_form = AssignForm(prefix="assign")
    status = 200
    if request.method == "POST":
        form = BatchForm(request.POST, round_=round_)
        if form.is_valid():
            try:
                done = _batch(request, form.cleaned_data["action"], form.cleaned_data["cases"])
            except PermissionDenied:
                form.add_error(None, _("You may not do this."))
            else:
                if done:
                    return redirect("decisions_staff:round_board", pk=round_.pk)
                assign_form = AssignForm(request.POST, prefix="assign")
                assign_form.is_valid()
        status = 400
    else:
        form = BatchForm(round_=round_)
    context = admin.site.each_context(request) | {
        "title": _("Round board %(round)s") % {"round": round_},
        "board": board.board(round_, today=timezone.localdate(), page=request.GET.get("page", 1)),
        "form": form,
        "assign_form": assign_form,
        "selected": {str(pk) for pk in request.POST.getlist("cases")},
    }
    return render(request, "decisions/round_board.html", context, status=status)


def _batch(request: HttpRequest, action: str, cases: list) -> bool:
    """Apply `action` to `cases`, saying what was done; False when its own form is wrong."""
    by = request.user
    if action == "start_screening":
        opened = start_screening(applications=cases, by=by)
        messages.success(
            request,
            ngettext("%(count)d screening started.", "%(count)d screenings started.", len(opened))
            % {"count": len(opened)},
        )
        if len(opened) < len(cases):
            messages.warning(
                request,
                _("The others are screened already or were not submitted."),
            )
        return True
    if action == "assign":
        assign_form = AssignForm(request.POST, prefix="assign")
        if not assign_form.is_valid():
            return False
        try:
            changed = assign_officer(
                applications=cases, officer=assign_form.cleaned_data["officer"], by=by
            )
        except ValidationError as error:
            show_refusal(request, error)
            return True
        messages.success(
            request,
            ngettext(
                "%(count)d case has a new case officer.",
                "%(count)d cases have a new case officer.",
                changed,
            )
            % {"count": changed},
        )
        return True
    proposed, refused = services.propose_recommended(applications=cases, by=by)
    messages.success(
        request,
        ngettext(
            "%(count)d application moved to decision.",
            "%(count)d applications moved to decision.",
            proposed,
        )
        % {"count": proposed},
    )
    for reason in refused:
        messages.warning(request, reason)
    return True
