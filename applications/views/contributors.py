"""Contributors (medverkande): the coordinator's page to invite, revoke and remove, and the
invitee's page to accept an invitation.

Only those who may manage the case (its organisation's coordinators) see the contributors
page; everyone else gets a 404 like for any case they cannot reach.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.core.ratelimit import consume_or_429
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.refusals import attempt

from .. import invitations, workflow
from ..access import Action, get_case
from ..models import (
    AddressRequest,
    AddressRequestStatus,
    Application,
    Contributor,
    ContributorRole,
    Invitation,
)
from .wizard import case_queryset


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=invitations.EMAIL_MAX_LENGTH,
        help_text=gettext_lazy("The invitation link is sent here and works once, for 14 days."),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=ContributorRole.choices,
        initial=ContributorRole.READER,
        widget=forms.RadioSelect,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ContributorRole.choices)


def _managed_case(request: HttpRequest, pk: int) -> Application:
    return get_case(request.user, pk, Action.MANAGE, queryset=case_queryset()).application


def _render_page(
    request: HttpRequest, application: Application, form: InvitationForm
) -> HttpResponse:
    return render(
        request,
        "applications/contributors.html",
        {
            "application": application,
            "form": form,
            "contributors": application.contributors.select_related("user").order_by("added_at"),
            "invitations": invitations.pending_invitations(application),
            "address_requests": AddressRequest.objects.filter(
                invitation__application=application, status=AddressRequestStatus.PENDING
            )
            .select_related("invitation", "requested_by")
            .order_by("created_at"),
            "roles": ContributorRole.choices,
        },
    )


def _run(request: HttpRequest, service: Callable, success: str, **kwargs) -> None:
    """Call a service and tell the user how it went."""
    attempt(request, lambda: service(by=request.user, **kwargs), success=success)


@login_required
@never_cache
def contributors(request: HttpRequest, pk: int) -> HttpResponse:
    application = _managed_case(request, pk)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = invitations.invite_contributor(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("applications:contributors", pk=application.pk)
    return _render_page(request, application, form)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    application = _managed_case(request, pk)
    invitation = get_object_or_404(Invitation, application=application, pk=invitation_pk)
    _run(
        request,
        invitations.revoke_invitation,
        _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
        invitation=invitation,
    )
    return redirect("applications:contributors", pk=application.pk)


@login_required
@require_POST
def remove_contributor(request: HttpRequest, pk: int, contributor_pk: int) -> HttpResponse:
    application = _managed_case(request, pk)
    contributor = get_object_or_404(
        Contributor.objects.select_related("user"), application=application, pk=contributor_pk
    )
    _run(
        request,
        invitations.remove_contributor,
        _("%(name)s no longer takes part in the case.") % {"name": contributor.user},
        contributor=contributor,
    )
    return redirect("applications:contributors", pk=application.pk)


@login_required
@require_POST
def change_role(request: HttpRequest, pk: int, contributor_pk: int) -> HttpResponse:
    application = _managed_case(request, pk)
    contributor = get_object_or_404(Contributor, application=application, pk=contributor_pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        _run(
            request,
            invitations.change_contributor_role,
            _("The role has been changed."),
            contributor=contributor,
            role=form.cleaned_data["role"],
        )
    else:
        messages.error(request, _("Choose whether the person may read or also edit."))
    return redirect("applications:contributors", pk=application.pk)


@login_required
@never_cache
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Show what the invitation is for and accept it with a button (a link alone never does)."""
    # Limits POSTs (the setting ACCOUNT_RATE_LIMITS["accept_invitation"]); showing is free.
    limited = consume_or_429(request, action="accept_invitation")
    if limited is not None:
        return limited
    invitation = invitations.find_invitation(token)
    problem = (
        invitations.INVALID_LINK
        if invitation is None
        else invitations.invitation_problem(invitation)
    )
    wrong_address = problem is None and invitations.address_problem(invitation, request.user)
    if wrong_address:
        # The case is not shown to whoever holds a forwarded link: only the way to ask the
        # coordinator to confirm the address they use, or that they asked.
        return render(
            request,
            "applications/contributors_ask.html",
            {
                "problem": wrong_address,
                "token": token,
                "waiting": invitation.address_requests.filter(
                    requested_by=request.user, status=AddressRequestStatus.PENDING
                ).first(),
            },
            status=403,
        )
    if problem is None and request.method == "POST":
        try:
            contributor = invitations.accept_invitation(token=token, user=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, _("Welcome! You now take part in this case."))
            return redirect("applications:case", pk=contributor.application_id)
    if problem is not None:
        return render(
            request,
            "applications/contributors_invitation_invalid.html",
            {"problem": problem},
            status=404 if invitation is None else 410,
        )
    return render(
        request,
        "applications/contributors_accept.html",
        {"invitation": invitation, "application": invitation.application},
    )


@login_required
@require_POST
def ask_to_join(request: HttpRequest, token: str) -> HttpResponse:
    """Ask the coordinator to confirm the address one is signed in with for an invitation sent
    to another; nothing of the case is shown until they do."""
    limited = consume_or_429(request, action="accept_invitation")
    if limited is not None:
        return limited
    try:
        workflow.ask_to_join(token=token, user=request.user)
    except ValidationError as error:
        return render(
            request,
            "applications/contributors_invitation_invalid.html",
            {"problem": " ".join(error.messages)},
            status=410,
        )
    messages.success(
        request,
        _(
            "Your request has been sent to the coordinator. You get access to the case when "
            "they confirm the address %(email)s."
        )
        % {"email": request.user.email},
    )
    return redirect("applications:dashboard")


DECISIONS = {"confirm": workflow.confirm_address, "refuse": workflow.refuse_address}


@login_required
@require_POST
def decide_address_request(
    request: HttpRequest, pk: int, request_pk: int, decision: str
) -> HttpResponse:
    application = _managed_case(request, pk)
    if decision not in DECISIONS:
        raise Http404
    address_request = get_object_or_404(
        AddressRequest, invitation__application=application, pk=request_pk
    )
    done = {
        "confirm": _("%(email)s now takes part in the case."),
        "refuse": _("The request of %(email)s has been refused."),
    }[decision] % {"email": address_request.email}
    _run(request, DECISIONS[decision], done, address_request=address_request)
    return redirect("applications:contributors", pk=application.pk)
