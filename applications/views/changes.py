"""Participant changes on a granted case: proposing one, and withdrawing one ICLD has not
decided. Those who may edit the case (its coordinators and editor contributors) do this;
everyone else gets a 404 like for any case they cannot reach. ICLD decides in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.refusals import attempt

from .. import changes, workflow
from ..access import Action, get_case
from ..forms import ParticipantChangeForm
from ..models import TEAM_MEMBER_FIELDS, ApplicationStatus, ParticipantChange
from .wizard import case_queryset


@login_required
@never_cache
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.EDIT, queryset=case_queryset()).application
    if application.status != ApplicationStatus.APPROVED:
        messages.error(
            request, _("The team of a case can be changed only once ICLD has granted it.")
        )
        return redirect("applications:case", pk=application.pk)
    form = ParticipantChangeForm(request.POST or None, application=application)
    # Before anything is proposed: what the approved team already breaks, shown as inherited.
    findings = changes.team_after_change(
        component=application.component,
        team=list(form.fields["leaving"].queryset),
        leaving=None,
        joining=None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        findings = changes.team_after_change(
            component=application.component,
            team=list(form.fields["leaving"].queryset),
            leaving=data["leaving"],
            joining=form.instance,
        )
        try:
            workflow.propose_change(
                application=application,
                by=request.user,
                leaving=data["leaving"],
                reason=data["reason"],
                person={field: data[field] for field in TEAM_MEMBER_FIELDS},
            )
        except ValidationError as error:
            # The rules' findings are listed above the form already: name them, don't repeat.
            shown = {str(f.message) for f in findings.after}
            unshown = [message for message in error.messages if message not in shown]
            form.add_error(
                None,
                unshown or _("The team after the change would break the rules listed above."),
            )
        else:
            messages.success(
                request,
                _(
                    "Your proposal has been sent to ICLD. You will get an e-mail when it is decided."
                ),
            )
            return redirect("applications:case", pk=application.pk)
    return render(
        request,
        "applications/participant_change.html",
        {"application": application, "form": form, "findings": findings},
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, change_pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.EDIT).application
    change = get_object_or_404(ParticipantChange, application=application, pk=change_pk)
    attempt(
        request,
        lambda: workflow.withdraw_change(change=change, by=request.user),
        success=_("The proposed change is withdrawn."),
    )
    return redirect("applications:case", pk=application.pk)
