"""What the programme's rules find in an application: the bridge from the database to the pure
functions of `rules.py`. A fixed number of queries, whatever the size of the team."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models import Component

from .models import Application, ApplicationRound, ApplicationStatus
from .rules import ERROR, Finding, PastApplication, check_eligibility, check_team

PLANNING_FIELDS = [
    "context_swedish",
    "context_partner",
    "shared_challenges",
    "target_group_involvement",
    "exchange_swedish",
    "exchange_partner",
]
# Applications that count as applied for together with this one, or granted before it.
LIVE_STATUSES = [
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.RETURNED,
]


def check_completeness(*, title: str, purpose: str, unconfirmed_conduct: int) -> list[Finding]:
    """What a complete application needs besides the programme's rules."""
    findings = []
    if not title.strip():
        findings.append(Finding(ERROR, "title_missing", None, _("Give the application a title.")))
    if not purpose.strip():
        findings.append(
            Finding(ERROR, "purpose_missing", None, _("Describe the purpose and the goals."))
        )
    if unconfirmed_conduct:
        findings.append(
            Finding(
                ERROR,
                "code_of_conduct_unconfirmed",
                None,
                _("Every participant must have been informed of ICLD's code of conduct."),
            )
        )
    return findings


def _same_partnership(application: Application) -> Q:
    if application.partnership_id:
        return Q(partnership_id=application.partnership_id)
    return Q(
        partnership__isnull=True,
        organisation_id=application.organisation_id,
        new_partner_name__iexact=application.new_partner_name,
        new_partner_country_id=application.new_partner_country_id,
    )


def _history(application: Application) -> list[PastApplication]:
    """The partnership's earlier components: its recorded history and ICLD's decisions."""
    past = []
    if application.partnership_id:
        past = [
            PastApplication(
                component=c.component,
                granted=c.granted,
                period_start=datetime.date(c.start_year, 1, 1),
                period_end=datetime.date(c.end_year, 12, 31),
            )
            for c in application.partnership.components.all()
        ]
    decided = Application.objects.filter(
        _same_partnership(application), status=ApplicationStatus.APPROVED
    ).exclude(pk=application.pk)
    past += [
        PastApplication(a.component, True, a.period_start, a.period_end)
        for a in decided.only("component", "period_start", "period_end")
    ]
    return past


def findings_for(application: Application) -> list[Finding]:
    companions = list(
        Application.objects.filter(_same_partnership(application), status__in=LIVE_STATUSES)
        .exclude(pk=application.pk)
        .filter(component__in=[Component.PROJEKT, Component.STYRGRUPP])
        .only("component", "period_start", "period_end")
    )
    period = (application.period_start, application.period_end)
    styrgrupp_alongside = any(
        c.component == Component.STYRGRUPP and (c.period_start, c.period_end) == period
        for c in companions
    )
    projekt = next((c for c in companions if c.component == Component.PROJEKT), None)
    team = list(application.participants.all())
    country = application.partner_country
    return sorted(
        [
            *check_completeness(
                title=application.title,
                purpose=application.purpose,
                unconfirmed_conduct=sum(not p.code_of_conduct for p in team),
            ),
            *check_eligibility(
                component=application.component,
                applicant_type=application.organisation.type,
                country_status=country.status if country else None,
                today=timezone.localdate(),
                period_start=application.period_start,
                period_end=application.period_end,
                rounds=list(ApplicationRound.objects.all()),
                partnership_history=_history(application),
                styrgrupp_in_same_submission=styrgrupp_alongside,
                projekt_period=(projekt.period_start, projekt.period_end)
                if projekt and projekt.period_start and projekt.period_end
                else None,
                dialogue_date=application.dialogue_date,
                dialogue_note=application.dialogue_note,
                planning_tool_complete=all(
                    getattr(application, name).strip() for name in PLANNING_FIELDS
                ),
            ),
            *check_team(application.component, team),
        ]
    )
