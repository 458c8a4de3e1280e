"""Contributors (medverkande): inviting people onto a case by e-mail, accepting, revoking.

An invitation link works once and for 14 days. Only the SHA-256 of its token is stored, so a
copy of the database does not hold working links. The invitation is accepted only by an
account on which the invited address is verified: a
forwarded link gives a stranger nothing. Someone signed in with another address may ask to join
on the link; the coordinator sees both addresses and confirms or refuses (workflow.py), and
only a confirmation gives access.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth.models import BaseUserManager
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from core.forms import check_length
from core.links import absolute_url
from core.models import User
from core.notify import notify

from .access import Action, allowed_actions
from .models import Application, Contributor, ContributorRole, Invitation

logger = logging.getLogger(__name__)

INVITATION_VALIDITY = datetime.timedelta(days=14)
# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours.
MAX_TOKEN_LENGTH = 100
EMAIL_MAX_LENGTH = 254
INVALID_LINK = _("This invitation link is not valid. Check that you copied all of it.")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode(errors="replace")).hexdigest()


def pending_invitations(application: Application) -> QuerySet[Invitation]:
    """Invitations that can still be accepted."""
    return Invitation.objects.filter(
        application=application,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def find_invitation(token: str, *, lock: bool = False) -> Invitation | None:
    """The invitation of a link's token, whatever its state; None for an unknown token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    invitations = Invitation.objects.select_related("application__organisation", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    return invitations.filter(token_hash=hash_token(token)).first()


def find_invitation_by_pk(pk: int, *, lock: bool = False) -> Invitation:
    invitations = Invitation.objects.select_related("application")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    return invitations.get(pk=pk)


def invitation_problem(invitation: Invitation) -> str | None:
    """Why the invitation can no longer be accepted, as a translated sentence; None if it can."""
    if invitation.accepted_at is not None:
        return _("This invitation has already been accepted. An invitation link works once.")
    if invitation.revoked_at is not None:
        return _("This invitation has been withdrawn by the coordinator.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Invitations are valid for 14 days.")
    return None


WRONG_ADDRESS = _(
    "This invitation was sent to another e-mail address than the ones verified on your account. "
    "Sign in with the invited address, or ask the coordinator to confirm the address you use."
)


def address_problem(invitation: Invitation, user) -> str | None:
    """Why `user` may not accept the invitation, or None: only the invited, verified address."""
    if EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        return None
    return WRONG_ADDRESS


def _require(by: User, application: Application, action: Action) -> None:
    # Views have already checked with get_case; this keeps the service safe on its own.
    if action not in allowed_actions(by, application):
        raise PermissionDenied


def _clean_email(email: str) -> str:
    email = BaseUserManager.normalize_email((email or "").strip())
    check_length(
        email,
        field="email",
        max_length=EMAIL_MAX_LENGTH,
        message=_("An e-mail address has at most %(max)d characters."),
    )
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    return email


def _clean_role(role: str) -> str:
    if role not in ContributorRole.values:
        raise ValidationError({"role": _("Choose whether the person may read or also edit.")})
    return role


@transaction.atomic
def invite_contributor(
    *, application: Application, email: str, role: str, by: User
) -> tuple[Invitation, str]:
    """Invite `email` onto the case as reader or editor; returns the invitation and its token.

    A pending invitation to the same address on the same case is replaced by the new one.
    """
    _require(by, application, Action.MANAGE)
    email = _clean_email(email)
    role = _clean_role(role)
    # Lock the case so two coordinators inviting the same address at once give one invitation.
    application = Application.objects.select_for_update().get(pk=application.pk)
    already = Contributor.objects.filter(application=application).filter(
        Q(user__email__iexact=email)
        | Q(user__emailaddress__email__iexact=email, user__emailaddress__verified=True)
    )
    if already.exists():
        raise ValidationError({"email": _("This person already takes part in the case.")})

    now = timezone.now()
    replaced = list(pending_invitations(application).filter(email__iexact=email))
    for old in replaced:
        old.revoked_at = now
    # Through simple-history's helper: a plain update() would leave no history.
    bulk_update_with_history(replaced, Invitation, ["revoked_at"], default_user=by)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        application=application,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=now + INVITATION_VALIDITY,
    )
    # The link and the message are in the case's language, as is all mail about the case.
    url = absolute_url("applications:accept_invitation", token, language=application.language)
    _notify_invitation(invitation=invitation, url=url)
    logger.info(
        "invitation created: application=%s invitation=%s by=%s",
        application.pk,
        invitation.pk,
        by.pk,
    )
    return invitation, token


def _notify_invitation(*, invitation: Invitation, url: str) -> None:
    notify(
        recipient=invitation.email,
        template="applications/email/invitation",
        context={
            "application": invitation.application,
            "invitation": invitation,
            "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.email,
            "url": url,
        },
        language=invitation.application.language,
    )


@transaction.atomic
def accept_invitation(*, token: str, user) -> Contributor:
    """Make `user` a contributor of the invitation's case. Works once, within 14 days."""
    # The row lock makes a double click or two tabs give one contributor: the second waits
    # here and then finds the invitation accepted.
    invitation = find_invitation(token, lock=True)
    if invitation is None:
        raise ValidationError(INVALID_LINK)
    problem = invitation_problem(invitation) or address_problem(invitation, user)
    if problem is not None:
        raise ValidationError(problem)
    return use_invitation(invitation=invitation, user=user)


def use_invitation(*, invitation: Invitation, user) -> Contributor:
    """`user` joins the case on the invitation, which is then used up: by the invited address
    (accept_invitation) or by another one the coordinator confirmed (workflow.confirm_address).
    The caller holds the invitation's row lock and has checked that it can still be used."""
    contributor, created = Contributor.objects.get_or_create(
        application_id=invitation.application_id, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == ContributorRole.EDITOR:
        # Someone who could read and is now invited to edit gets the wider role, never less.
        contributor.role = ContributorRole.EDITOR
        contributor.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    logger.info(
        "invitation accepted: application=%s invitation=%s user=%s",
        invitation.application_id,
        invitation.pk,
        user.pk,
    )
    return contributor


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw an invitation that has not been accepted; revoking twice changes nothing."""
    _require(by, invitation.application, Action.MANAGE)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("The invitation has already been accepted; remove the contributor instead.")
        )
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        logger.info(
            "invitation revoked: application=%s invitation=%s by=%s",
            invitation.application_id,
            invitation.pk,
            by.pk,
        )
    return invitation


@transaction.atomic
def remove_contributor(*, contributor: Contributor, by: User) -> None:
    """Take a contributor off the case; they lose access at once."""
    _require(by, contributor.application, Action.MANAGE)
    Contributor.objects.filter(pk=contributor.pk).delete()
    logger.info(
        "contributor removed: application=%s user=%s by=%s",
        contributor.application_id,
        contributor.user_id,
        by.pk,
    )


@transaction.atomic
def change_contributor_role(*, contributor: Contributor, role: str, by: User) -> Contributor:
    _require(by, contributor.application, Action.MANAGE)
    role = _clean_role(role)
    contributor = Contributor.objects.select_for_update().get(pk=contributor.pk)
    if contributor.role != role:
        contributor.role = role
        contributor.save(update_fields=["role"])
        logger.info(
            "contributor role changed: application=%s user=%s role=%s by=%s",
            contributor.application_id,
            contributor.user_id,
            role,
            by.pk,
        )
    return contributor
