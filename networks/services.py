"""Writes on networks and partner seeking other than a registration's decision (matched or
declined: workflow.py): each one transaction, rows locked where two people could race, e-mail
written to the outbox in the same transaction. Services raise ValidationError; they never see
a request."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.forms import check_length
from core.links import absolute_url
from core.models import User
from core.notify import notify
from core.uploads import CONTENT_TYPES, DOCX, ODT, PDF, check_upload, display_name
from partnerships.models import (
    Country,
    CountryStatus,
    MembershipStatus,
    PartnerSeeking,
    SubjectCategory,
    SwedishOrganisation,
)

from .models import (
    InterestRegistration,
    Network,
    NetworkStatus,
    PartnerInterest,
)

logger = logging.getLogger(__name__)

DECISION_TYPES = {PDF, DOCX, ODT}
DECISION_EXTENSIONS = {ext for ext, kind in CONTENT_TYPES.items() if kind in DECISION_TYPES}


def _staff_language() -> str:
    return settings.LANGUAGE_CODE


def check_decision(uploaded_file: UploadedFile) -> str:
    """The content type of an acceptable decision (PDF, Word or OpenDocument text, judged by
    its content); ValidationError otherwise."""
    extension = PurePosixPath(display_name(uploaded_file.name)).suffix.lower()
    if extension not in DECISION_EXTENSIONS:
        raise ValidationError(
            _("Upload the decision as a PDF, Word (.docx) or OpenDocument text (.odt) file.")
        )
    content_type, _extension = check_upload(uploaded_file)
    return content_type


@transaction.atomic
def register_interest(
    *,
    network: Network,
    organisation: SwedishOrganisation,
    contact_name: str,
    contact_email: str,
    themes: Iterable[SubjectCategory],
    preferred_countries: Iterable[Country] = (),
    preferred_cluster: str = "",
    wants_to_develop: str,
    political_support_sought: bool,
    decision: UploadedFile | None = None,
    language: str,
    by: User | None = None,
) -> InterestRegistration:
    """Record an intresseanmälan, send the contact a receipt and tell ICLD."""
    # Locked so that staff closing the network and a registration arriving cannot cross.
    network = (
        Network.objects.select_for_update(of=("self",)).select_related("theme").get(pk=network.pk)
    )
    if network.status != NetworkStatus.OPEN_FOR_INTEREST:
        raise ValidationError(_("This network does not take interest registrations now."))
    if not political_support_sought:
        raise ValidationError(
            {
                "political_support_sought": _(
                    "Confirm that political support and anchoring in the municipal leadership "
                    "are being sought."
                )
            }
        )
    themes = list(themes)
    if not themes:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    registration = InterestRegistration(
        network=network,
        organisation=organisation,
        contact_name=(contact_name or "").strip(),
        contact_email=(contact_email or "").strip(),
        language=language,
        preferred_cluster=preferred_cluster or "",
        wants_to_develop=(wants_to_develop or "").strip(),
        political_support_sought=political_support_sought,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    if decision:
        try:
            registration.decision_content_type = check_decision(decision)
        except ValidationError as error:
            raise ValidationError({"decision": error.error_list}) from None
        registration.decision = decision  # stored under a random name by decision_path
        registration.decision_name = display_name(decision.name)
    registration.full_clean(exclude=["decision"])
    registration.save()
    registration.themes.set(themes)
    registration.preferred_countries.set(preferred_countries)

    context = {
        "registration": registration,
        "network": network,
        "themes": themes,
    }
    notify(
        recipient=registration.contact_email,
        template="networks/email/registration_receipt",
        context=context
        | {"url": absolute_url("networks:detail", network.pk, language=registration.language)},
        language=registration.language,
    )
    notify(
        recipient=settings.CONTACT_EMAIL,
        template="networks/email/registration_staff",
        context=context
        | {
            "url": absolute_url(
                "admin:networks_interestregistration_change",
                registration.pk,
                language=_staff_language(),
            )
        },
        language=_staff_language(),
    )
    logger.info(
        "interest registered: network=%s registration=%s organisation=%s",
        network.pk,
        registration.pk,
        organisation.pk,
    )
    return registration


@transaction.atomic
def declare_partner_interest(
    *,
    organisation_name: str,
    organisation_type: str,
    country: Country,
    city: str = "",
    themes: Iterable[SubjectCategory] = (),
    description: str,
    contact_name: str,
    contact_email: str,
) -> PartnerSeeking:
    """A partner abroad declares that it seeks a Swedish partner. The listing stays
    unpublished until ICLD has read it; ICLD is told and the partner gets a receipt."""
    if country.status != CountryStatus.CLUSTER:
        raise ValidationError(
            {"country": _("New partnerships can only start in the programme's cluster countries.")}
        )
    if not (contact_name or "").strip() or not (contact_email or "").strip():
        raise ValidationError(_("ICLD needs a contact person and an e-mail address."))
    seeking = PartnerSeeking(
        organisation_name=(organisation_name or "").strip(),
        organisation_type=organisation_type,
        country=country,
        city=(city or "").strip(),
        description=(description or "").strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        published=False,
    )
    seeking.full_clean()
    seeking.save()
    seeking.themes.set(themes)
    # Partners abroad are written to in English, the language of the form.
    notify(
        recipient=seeking.contact_email,
        template="networks/email/declaration_receipt",
        context={"seeking": seeking},
        language="en",
    )
    notify(
        recipient=settings.CONTACT_EMAIL,
        template="networks/email/declaration_staff",
        context={
            "seeking": seeking,
            "url": absolute_url(
                "admin:partnerships_partnerseeking_change", seeking.pk, language=_staff_language()
            ),
        },
        language=_staff_language(),
    )
    logger.info("partner declared interest: seeking=%s", seeking.pk)
    return seeking


MESSAGE_MAX_LENGTH = 2000


@transaction.atomic
def express_interest(
    *, seeking: PartnerSeeking, organisation: SwedishOrganisation, message: str = "", by: User
) -> PartnerInterest:
    """A coordinator tells ICLD that their organisation would like to meet a listed partner."""
    if not organisation.memberships.filter(user=by, status=MembershipStatus.APPROVED).exists():
        raise ValidationError(
            _("Only an approved coordinator of the organisation can express interest.")
        )
    # Locked so that a double click gives one interest and one e-mail, not an error.
    seeking = (
        PartnerSeeking.objects.select_for_update().select_related("country").get(pk=seeking.pk)
    )
    if not seeking.published:
        raise ValidationError(_("This partner is no longer listed."))
    if PartnerInterest.objects.filter(seeking=seeking, organisation=organisation).exists():
        raise ValidationError(
            _("Your organisation has already expressed interest in this partner.")
        )
    message = (message or "").strip()
    check_length(
        message,
        field="message",
        max_length=MESSAGE_MAX_LENGTH,
        message=_("A message has at most %(max)d characters."),
    )
    interest = PartnerInterest.objects.create(
        seeking=seeking, organisation=organisation, user=by, message=message
    )
    notify(
        recipient=settings.CONTACT_EMAIL,
        template="networks/email/partner_interest_staff",
        context={
            "interest": interest,
            "seeking": seeking,
            "organisation": organisation,
            "coordinator": by,
            "url": absolute_url(
                "admin:networks_partnerinterest_change", interest.pk, language=_staff_language()
            ),
        },
        language=_staff_language(),
    )
    logger.info(
        "interest in partner: seeking=%s organisation=%s by=%s", seeking.pk, organisation.pk, by.pk
    )
    return interest
