"""State changes of networks and partner seeking: each one transaction, rows locked where two
people could race, e-mail written to the outbox in the same transaction. Services raise
ValidationError; they never see a request."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
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
    PartnerOrganisation,
    PartnerSeeking,
    Partnership,
    PartnershipStatus,
    SubjectCategory,
    SwedishOrganisation,
)

from . import selectors
from .models import (
    InterestRegistration,
    Network,
    NetworkStatus,
    PartnerInterest,
    RegistrationStatus,
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


def _partner_organisation_for(seeking: PartnerSeeking) -> PartnerOrganisation:
    """The organisation a listing is: the one ICLD already knows by that name in that
    country, or a new one made from the listing."""
    known = PartnerOrganisation.objects.filter(
        country_id=seeking.country_id, name__iexact=seeking.organisation_name
    ).first()
    if known is not None:
        return known
    return PartnerOrganisation.objects.create(
        name=seeking.organisation_name,
        country_id=seeking.country_id,
        type=seeking.organisation_type,
        city=seeking.city,
    )


@transaction.atomic
def accept_match(
    *, registration: InterestRegistration, candidate_key: str, by: User
) -> Partnership:
    """Match a registration with a partner the ranking suggests for it: create the partnership
    in the network, mark the registration matched and tell the Swedish contact.

    A listing (PartnerSeeking) becomes a partner organisation (a known one of the same name
    and country is reused) and leaves the public list: it has found its Swedish partner.
    """
    registration = (
        InterestRegistration.objects.select_for_update(of=("self",))
        .select_related("network__theme", "organisation")
        .get(pk=registration.pk)
    )
    if registration.status != RegistrationStatus.NEW:
        raise ValidationError(_("This registration has already been decided."))
    # Only what the ranking suggests now: never a pair that already has a partnership, a
    # partner outside the cluster countries or a listing that has been taken down meanwhile.
    suggested = {s.candidate.key: s for s in selectors.suggestions_for(registration, limit=None)}
    suggestion = suggested.get(candidate_key)
    if suggestion is None:
        raise ValidationError(_("This partner is no longer suggested for the registration."))

    kind, _sep, pk = candidate_key.partition(":")
    seeking = None
    if kind == "seeking":
        seeking = PartnerSeeking.objects.select_for_update().get(pk=pk)
        partner = _partner_organisation_for(seeking)
        seeking.published = False
        seeking.save(update_fields=["published"])
    else:
        partner = PartnerOrganisation.objects.get(pk=pk)

    partnership = Partnership.objects.create(
        swedish_organisation=registration.organisation,
        partner_organisation=partner,
        start_year=timezone.localdate().year,
        status=PartnershipStatus.ACTIVE,
    )
    partnership.categories.set(registration.themes.all())
    registration.network.partnerships.add(partnership)

    registration.status = RegistrationStatus.MATCHED
    registration.partnership = partnership
    registration.partner_seeking = seeking
    registration.decided_at = timezone.now()
    registration.decided_by = by
    registration.save(
        update_fields=["status", "partnership", "partner_seeking", "decided_at", "decided_by"]
    )
    notify(
        recipient=registration.contact_email,
        template="networks/email/matched",
        context={
            "registration": registration,
            "network": registration.network,
            "partner": partner,
            "url": absolute_url(
                "networks:detail", registration.network_id, language=registration.language
            ),
        },
        language=registration.language,
    )
    logger.info(
        "registration matched: registration=%s partnership=%s candidate=%s by=%s",
        registration.pk,
        partnership.pk,
        candidate_key,
        by.pk,
    )
    return partnership


@transaction.atomic
def decline_registration(*, registration: InterestRegistration, by: User) -> InterestRegistration:
    registration = InterestRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.NEW:
        raise ValidationError(_("This registration has already been decided."))
    registration.status = RegistrationStatus.DECLINED
    registration.decided_at = timezone.now()
    registration.decided_by = by
    registration.save(update_fields=["status", "decided_at", "decided_by"])
    logger.info("registration declined: registration=%s by=%s", registration.pk, by.pk)
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
