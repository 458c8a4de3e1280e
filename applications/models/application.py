"""The application (the case): its status, its number and its history of status changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import StatusEvent
from partnerships.models import Component, MembershipStatus

from .rounds import ApplicationRound


class Party(models.TextChoices):
    SWEDISH = "swedish", _("Swedish party")
    PARTNER = "partner", _("Partner party")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for completion")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# ICLD has decided these: the dashboard lists them as earlier applications.
DECIDED_STATUSES = {ApplicationStatus.APPROVED, ApplicationStatus.DECLINED}
# ICLD has received these and not decided them: the pathway does not offer their component
# again (a returned application is completed and sent again, not applied for anew).
IN_PROGRESS_STATUSES = {
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.RETURNED,
}
# The applicant may change the application only in these states.
EDITABLE_STATUSES = {
    ApplicationStatus.DRAFT,
    ApplicationStatus.RETURNED,
    ApplicationStatus.WITHDRAWN,
}


# How long a draft the coordinator deleted can be brought back; the retention sweep then
# deletes it for good (privacy/retention.py).
DELETED_DRAFT_DAYS = 30


class ApplicationQuerySet(models.QuerySet):
    def live(self) -> ApplicationQuerySet:
        """Without the drafts their coordinator deleted (kept DELETED_DRAFT_DAYS for an undo)."""
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user, *, deleted: bool = False) -> ApplicationQuerySet:
        """The cases a user may see: their organisation's, their own drafts, their invitations.

        A member waiting for approval sees only what they created: a claim to belong to an
        organisation must not open its cases to anyone who makes it. A deleted draft is seen
        nowhere, except with `deleted=True`, which gives only those (to undo the deletion).
        """
        if not user.is_authenticated:
            return self.none()
        from core.mfa import has_staff_power

        cases = self.filter(deleted_at__isnull=not deleted)
        if has_staff_power(user, "applications.view_application"):
            return cases
        return cases.filter(
            Q(
                organisation__memberships__user=user,
                organisation__memberships__status=MembershipStatus.APPROVED,
            )
            | Q(created_by=user)
            | Q(contributors__user=user)
        ).distinct()


class Application(models.Model):
    """One application: one component for one partnership, existing or new."""

    organisation = models.ForeignKey(
        "partnerships.SwedishOrganisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant organisation"),
    )
    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    case_number = models.CharField(
        _("case number"), max_length=20, unique=True, null=True, blank=True
    )
    # Set when the coordinator deletes a draft; cleared by undo (services.delete_draft).
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    round = models.ForeignKey(
        ApplicationRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("round"),
    )
    language = models.CharField(_("language of the case"), max_length=8, default="sv")

    # Step 1: the partnership, existing or new.
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("partnership"),
    )
    new_partner_name = models.CharField(_("partner organisation"), max_length=200, blank=True)
    new_partner_country = models.ForeignKey(
        "partnerships.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner country"),
    )
    new_partner_type = models.CharField(_("partner type"), max_length=20, blank=True)
    new_partner_city = models.CharField(_("partner city"), max_length=100, blank=True)

    # Step 2: content.
    title = models.CharField(_("title"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose and goals"), blank=True)
    democratic_areas = models.ManyToManyField(
        "partnerships.DemocraticArea", blank=True, verbose_name=_("core democratic areas")
    )
    sdgs = models.JSONField(_("global goals (Agenda 2030)"), default=list, blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    period_start = models.DateField(_("start"), null=True, blank=True)
    period_end = models.DateField(_("end"), null=True, blank=True)

    # Step 3: the planning tool, done by both parties together.
    context_swedish = models.TextField(_("the Swedish party's context"), blank=True)
    context_partner = models.TextField(_("the partner party's context"), blank=True)
    shared_challenges = models.TextField(_("shared challenges"), blank=True)
    target_group_involvement = models.TextField(_("how the target group is involved"), blank=True)
    exchange_swedish = models.TextField(_("what the Swedish party can learn and offer"), blank=True)
    exchange_partner = models.TextField(_("what the partner party can learn and offer"), blank=True)

    # Spridning is always preceded by a dialogue with ICLD.
    dialogue_date = models.DateField(_("date of the dialogue with ICLD"), null=True, blank=True)
    dialogue_note = models.TextField(_("what the dialogue concluded"), blank=True)
    # The programme funds a set visit plan for some components (rules.check_visits); a plan
    # that differs is allowed with a reason, which the visit plan step asks for.
    visit_plan_reason = models.TextField(_("why the visit plan differs"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_applications",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The one-time key of the first-step page that created the draft: that page sent twice (a
    # double click, a resend) gives the same draft, not a second one.
    start_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.case_number or _("Draft %(pk)s") % {"pk": self.pk}

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ApplicationStatus.WITHDRAWN

    @property
    def can_be_deleted(self) -> bool:
        """Only a draft never sent to ICLD: once it has a case number, ICLD's file keeps it."""
        return self.status == ApplicationStatus.DRAFT and not self.case_number

    @property
    def partner_country(self):
        if self.partnership_id:
            return self.partnership.partner_organisation.country
        return self.new_partner_country

    @property
    def partner_name(self) -> str:
        if self.partnership_id:
            return self.partnership.partner_organisation.name
        return self.new_partner_name


class ApplicationEvent(StatusEvent):
    """The case's history: every change of status, who made it, when and why. Append-only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("history")


class CaseCounter(models.Model):
    """The last case number given out in a year (KP-2025-0042)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
