"""Fixtures of the security suite: clients with an address of their own, and accounts that
can log in through allauth's pages."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.http import int_to_base36

from applications import invitations
from applications.models import (
    Application,
    Attachment,
    Contributor,
    Invitation,
    ParticipantChange,
    ParticipantFormVersion,
    SubmissionReceipt,
)
from tests.factories import (
    AttachmentFactory,
    ParticipantChangeFactory,
    PartnershipFactory,
    UserFactory,
    case_with_people,
    pdf_bytes,
)

PASSWORD = "Kvarnen vid ån 1987"


@pytest.fixture
def client(client):
    """Django's test client, calling from an address of its own.

    allauth counts failed logins, sign-ups and resets per address in the shared cache (the
    throwaway Redis): a fresh address keeps one test's attempts out of the next test's count.
    """
    client.defaults["REMOTE_ADDR"] = (
        f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"
    )
    return client


@pytest.fixture
def make_account(db):
    """Accounts with a verified address (allauth's login requires it), a known password and
    an address no other test uses (allauth also counts failures per address typed)."""

    def make(**fields):
        email = f"konto-{uuid.uuid4().hex[:12]}@kommun.example"
        user = UserFactory(username=email, email=email, password=PASSWORD, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def account(make_account):
    return make_account()


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files of the test in a folder of their own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@dataclass
class CaseWorld:
    """A case with everything its URLs point at, and everyone who might knock on its door."""

    application: Application
    people: dict[str, object]  # persona name -> user; "anonymous" is not in it
    attachment: Attachment
    reader_contributor: Contributor
    invitation_to_revoke: Invitation
    invitation_token: str  # the link of another pending invitation
    participant_form: ParticipantFormVersion
    participant_change: ParticipantChange
    receipt: SubmissionReceipt
    partnership: object = None  # one of the case's organisation (the pathway planner)

    def url_values(self) -> dict[str, object]:
        """A value for every URL parameter the portal's patterns use, by parameter name.

        Real ids of this case where a parameter names one; the others (admin object ids,
        allauth's keys) only need to resolve, since what they are used for is refused or
        allowed before any lookup happens."""
        return {
            "pk": self.application.pk,
            "step": "content",
            "contributor_pk": self.reader_contributor.pk,
            "invitation_pk": self.invitation_to_revoke.pk,
            "attachment_pk": self.attachment.pk,
            "token": self.invitation_token,
            "slug": "nyhet",
            "object_id": self.application.pk,
            "content_type_id": ContentType.objects.get_for_model(Application).pk,
            "id": self.people["coordinator"].pk,
            "app_label": "applications",
            "uidb36": int_to_base36(self.people["coordinator"].pk),
            "key": "set-by-the-e-mail-link",
            "url": "no-such-admin-page/",
            "name": "submit",
            "version": self.participant_form.version,
            "number": self.receipt.number,
            "change_pk": self.participant_change.pk,
            "partnership_pk": self.partnership.pk,
            "decision": "approve",
            "request_pk": 0,  # no request to join with another address on this case
        }


@pytest.fixture
def case_world(media) -> CaseWorld:
    application, people = case_with_people()
    people["staff"] = UserFactory(is_staff=True, is_superuser=True)
    # Staff as they work in production: with a second factor, so /admin/ lets them in.
    Authenticator.objects.create(user=people["staff"], type=Authenticator.Type.TOTP, data={})
    people["staff_without_second_factor"] = UserFactory(is_staff=True, is_superuser=True)
    coordinator = people["coordinator"]
    to_revoke, _ = invitations.invite_contributor(
        application=application, email="revoke-me@kommun.example", role="reader", by=coordinator
    )
    _, token = invitations.invite_contributor(
        application=application, email="accept-me@kommun.example", role="reader", by=coordinator
    )
    return CaseWorld(
        application=application,
        people=people,
        attachment=AttachmentFactory(application=application, uploaded_by=coordinator),
        reader_contributor=Contributor.objects.get(application=application, user=people["reader"]),
        invitation_to_revoke=to_revoke,
        invitation_token=token,
        participant_form=ParticipantFormVersion.objects.create(
            application=application,
            version=1,
            language="sv",
            file=ContentFile(pdf_bytes("Deltagarformular"), name="v1.pdf"),
        ),
        participant_change=ParticipantChangeFactory(
            application=application, proposed_by=coordinator
        ),
        receipt=SubmissionReceipt.objects.create(
            application=application,
            number=1,
            submitted_at=timezone.now(),
            submitted_by=coordinator,
            language="sv",
            file=ContentFile(pdf_bytes("Kvitto"), name="r1.pdf"),
        ),
        partnership=PartnershipFactory(swedish_organisation=application.organisation),
    )
