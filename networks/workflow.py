"""An interest registration's workflow on core's transition table: staff match it with a
partner the ranking suggests (the partnership made in the network, the contact told) or
decline it. Each registration is decided once."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.links import absolute_url
from core.models import User
from core.notify import notify
from core.workflow import Transition, TransitionTable
from partnerships.models import PartnerOrganisation, PartnerSeeking, Partnership, PartnershipStatus

from . import selectors
from .models import InterestRegistration, RegistrationStatus

logger = logging.getLogger(__name__)

R = RegistrationStatus
DECIDE_PERMISSION = "networks.change_interestregistration"


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


def _decided(registration: InterestRegistration, *, by: User, **details) -> None:
    registration.decided_at = timezone.now()
    registration.decided_by = by


def _match(registration: InterestRegistration, *, by: User, candidate_key: str, **details):
    """Create the partnership with the suggested partner in the network (on the locked
    registration, before it is marked matched)."""
    # Only what the ranking suggests now: never a pair that already has a partnership, a
    # partner outside the cluster countries or a listing that has been taken down meanwhile.
    suggested = {s.candidate.key: s for s in selectors.suggestions_for(registration, limit=None)}
    if candidate_key not in suggested:
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
    registration.partnership = partnership
    registration.partner_seeking = seeking
    _decided(registration, by=by)


def _tell_matched(registration: InterestRegistration, *, by: User, candidate_key: str, **details):
    notify(
        recipient=registration.contact_email,
        template="networks/email/matched",
        context={
            "registration": registration,
            "network": registration.network,
            "partner": registration.partnership.partner_organisation,
            "url": absolute_url(
                "networks:detail", registration.network_id, language=registration.language
            ),
        },
        language=registration.language,
    )
    logger.info(
        "registration matched: registration=%s partnership=%s candidate=%s by=%s",
        registration.pk,
        registration.partnership_id,
        candidate_key,
        by.pk,
    )


def _log_declined(registration: InterestRegistration, *, by: User, **details) -> None:
    logger.info("registration declined: registration=%s by=%s", registration.pk, by.pk)


REGISTRATION_WORKFLOW = TransitionTable(
    [
        Transition(
            "match",
            frozenset({R.NEW}),
            R.MATCHED,
            gettext_lazy("Match the registration"),
            permission=DECIDE_PERMISSION,
            before=_match,
            after=_tell_matched,
        ),
        Transition(
            "decline",
            frozenset({R.NEW}),
            R.DECLINED,
            gettext_lazy("Decline the registration"),
            permission=DECIDE_PERMISSION,
            before=_decided,
            after=_log_declined,
        ),
    ],
    model=InterestRegistration,
    event=None,  # the registration's own fields say who decided it and when
    refusal=gettext_lazy("This registration has already been decided."),
    select_related=("network__theme", "organisation"),
)


def accept_match(
    *, registration: InterestRegistration, candidate_key: str, by: User
) -> Partnership:
    """Match a registration with a partner the ranking suggests for it: create the partnership
    in the network, mark the registration matched and tell the Swedish contact.

    A listing (PartnerSeeking) becomes a partner organisation (a known one of the same name
    and country is reused) and leaves the public list: it has found its Swedish partner.
    """
    registration = REGISTRATION_WORKFLOW.apply(
        registration, "match", by=by, candidate_key=candidate_key
    )
    return registration.partnership


def decline_registration(*, registration: InterestRegistration, by: User) -> InterestRegistration:
    return REGISTRATION_WORKFLOW.apply(registration, "decline", by=by)
