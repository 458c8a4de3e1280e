"""How a person signs an agreement: one interface, `Signer`, so the way of signing can change
without touching the agreement's workflow.

Today's implementation, `PasswordSigner`, is an acceptance in the portal: the organisation's
authorised signatory gives their password again (allauth's reauthentication, the one the
portal uses for e-mail and second-factor changes) and confirms. A qualified e-signature — BankID
through a Swedish provider (e.g. Signicat, Scrive, Criipto) — replaces it later by a second
class with the same two steps: `begin` sends the person to the provider (a redirect), `complete`
checks the provider's answer and returns the same `Evidence`. The workflow
(agreements/workflow.py) records the evidence and never asks how it was obtained; the portal's
seal (agreements/seal.py) is applied to the PDF in either case.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlencode

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

if TYPE_CHECKING:
    import datetime


@dataclass(frozen=True)
class Evidence:
    """What a signer proves: who, when, by which method (and the provider's reference)."""

    method: str
    signed_at: datetime.datetime
    reference: str = ""
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """What `begin` asks for: nothing more (`redirect_to` empty) or a page to go through first."""

    redirect_to: str = ""

    @property
    def ready(self) -> bool:
        return not self.redirect_to


class SigningRefused(Exception):
    """The signer's step was not done (no fresh password, a provider's refusal)."""


class Signer(Protocol):
    method: str

    def begin(self, *, request: HttpRequest, return_to: str) -> Step:
        """Start a signature by `request.user`; `return_to` is the page that completes it."""

    def complete(self, *, request: HttpRequest) -> Evidence:
        """Check that `request.user` did the signer's step; the evidence, or SigningRefused."""


class PasswordSigner:
    """Acceptance in the portal after the password is given again.

    The login itself never counts: only a reauthentication by password (allauth records it in
    the session) within AGREEMENT_SIGNING_REAUTH_SECONDS, so the signatory types the password
    for this act."""

    method = "password"

    def _fresh(self, request: HttpRequest) -> dict | None:
        records = [
            r
            for r in get_authentication_records(request, request.user)
            if r.get("reauthenticated") and r.get("method") == "password"
        ]
        if not records:
            return None
        latest = records[-1]
        if time.time() - latest["at"] >= settings.AGREEMENT_SIGNING_REAUTH_SECONDS:
            return None
        return latest

    def begin(self, *, request: HttpRequest, return_to: str) -> Step:
        if self._fresh(request) is not None:
            return Step()
        query = urlencode({REDIRECT_FIELD_NAME: return_to})
        return Step(redirect_to=f"{reverse('account_reauthenticate')}?{query}")

    def complete(self, *, request: HttpRequest) -> Evidence:
        record = self._fresh(request)
        if record is None:
            raise SigningRefused
        return Evidence(
            method=self.method,
            signed_at=timezone.now(),
            details={"password_given_at": int(record["at"])},
        )


def get_signer() -> Signer:
    """The portal's signer (one now; a provider's class is chosen here when it exists)."""
    return PasswordSigner()
