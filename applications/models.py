"""Application rounds, applications with their teams, plans and budgets, and contributors."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import StatusEvent
from partnerships.models import Component, MembershipStatus

# Förberedelse is applied for at any time; every other component is processed in rounds.
ROUND_COMPONENTS = [c for c in Component if c != Component.FORBEREDELSE]


class ApplicationRound(models.Model):
    """A round in which applications are processed, named like 2024-03. Kept by staff."""

    name = models.CharField(
        _("name"), max_length=7, unique=True, help_text=_("Year and number, e.g. 2024-03.")
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"), help_text=_("The last day to submit."))
    components = models.JSONField(
        _("components"),
        default=list,
        help_text=_("The components this round processes."),
    )

    class Meta:
        verbose_name = _("application round")
        verbose_name_plural = _("application rounds")
        ordering = ["closes_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(name__regex=r"^[0-9]{4}-[0-9]{2}$"),
                name="round_name_year_number",
                violation_error_message=_("The name is the year and a number, e.g. 2024-03."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
                violation_error_message=_("A round cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.components) - set(ROUND_COMPONENTS)
        if unknown or not self.components:
            raise ValidationError(
                {"components": _("Choose one or more of the components processed in rounds.")}
            )

    def get_components_display(self) -> list[str]:
        return [str(Component(c).label) for c in self.components if c in Component.values]

    def is_open(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on


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

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_applications",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
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


class Visit(models.Model):
    """A partner visit in the peer-learning plan."""

    class Method(models.TextChoices):
        BENCHMARKING = "benchmarking", _("Benchmarking")
        MENTORING = "mentoring", _("Mentoring")
        STUDY_VISIT = "study_visit", _("Study visit")
        JOB_SHADOWING = "job_shadowing", _("Job shadowing")
        WORKSHOP = "workshop", _("Joint workshop")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="visits")
    host = models.CharField(_("host"), max_length=10, choices=Party.choices)
    months = models.CharField(
        _("when (months)"), max_length=100, help_text=_("E.g. March–April 2026.")
    )
    participants = models.PositiveSmallIntegerField(
        _("number of participants"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    learning_goals = models.TextField(_("what each side expects to learn"))
    methods = models.JSONField(_("methods"), default=list)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_host_display()} {self.months}"


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        ACCOMMODATION = "accommodation", _("Accommodation")
        INTERPRETATION = "interpretation", _("Interpretation and translation")
        MEETINGS = "meetings", _("Meetings")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("description"), max_length=200)
    amount_sek = models.PositiveIntegerField(
        _("amount (SEK)"), validators=[MaxValueValidator(10_000_000)]
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount_sek} SEK"


def attachment_path(instance: Attachment, filename: str) -> str:
    # The uploaded name is never part of the path: a random name under the case's folder.
    return f"attachments/{instance.application_id}/{uuid.uuid4().hex}"


class UploadedFile(models.Model):
    """What the portal keeps of an upload besides the file (stored under a random name, see
    uploads.py): the name it had, its checked type and size, who uploaded it and when."""

    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


class Attachment(UploadedFile):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]


class TeamMember(models.Model):
    """Who a person on a team is: what a participant has and what a proposed change names.

    No personal identity number and no health data.
    """

    class Category(models.TextChoices):
        POLITICIAN = "politician", _("Politician")
        OFFICIAL = "official", _("Official")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        ACADEMIA = "academia", _("Academia")
        BUSINESS = "business", _("Business")
        EXTERNAL = "external", _("External participant")

    class Side(models.TextChoices):
        MAJORITY = "majority", _("Majority")
        OPPOSITION = "opposition", _("Opposition")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("job title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    political_side = models.CharField(
        _("political side"),
        max_length=10,
        choices=Side.choices,
        blank=True,
        help_text=_("For politicians."),
    )
    is_coordinator = models.BooleanField(_("coordinator"), default=False)
    is_project_leader = models.BooleanField(_("project leader"), default=False)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    motivation = models.TextField(
        _("motivation for the selection"),
        help_text=_("Mandate, qualifications and the personal qualities the team's role needs."),
    )
    code_of_conduct = models.BooleanField(
        _("has been informed of ICLD's code of conduct and agrees to follow it"), default=False
    )

    class Meta:
        abstract = True


# The fields that say who a person is: a change copies them onto the participant it brings in.
TEAM_MEMBER_FIELDS = [field.name for field in TeamMember._meta.fields]


class CurrentParticipantManager(models.Manager):
    """The team as it is: people who left through an approved change are kept (their costs stay
    traceable) but are no longer on it, so the rules, the form and copies never count them."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(left_at__isnull=True)


class Participant(TeamMember):
    """A member of one party's team."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="participants"
    )
    approved_at = models.DateTimeField(_("approved by ICLD"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    joined_through = models.ForeignKey(
        "ParticipantChange",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="joined",
        verbose_name=_("joined through the change"),
    )
    left_at = models.DateTimeField(_("left the team"), null=True, blank=True)
    left_through = models.ForeignKey(
        "ParticipantChange",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="left",
        verbose_name=_("left through the change"),
    )

    # `objects`, the default manager, is what related managers (application.participants) use
    # too; `with_left` also gives the people who left. Cascades and foreign keys such as a
    # change's `leaving` use Django's plain base manager and so reach them as well.
    with_left = models.Manager()
    objects = CurrentParticipantManager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["party", "pk"]
        default_manager_name = "objects"

    def __str__(self) -> str:
        return self.name


class ContributorRole(models.TextChoices):
    READER = "reader", _("May read")
    EDITOR = "editor", _("May read and edit")


class Contributor(models.Model):
    """A person the coordinator invited onto a case (medverkande)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="contributors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions"
    )
    role = models.CharField(_("role"), max_length=10, choices=ContributorRole.choices)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"], name="contributor_once_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Invitation(models.Model):
    """An invitation by e-mail; the link works once and for 14 days. Only its hash is stored."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=ContributorRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email


class ApplicationEvent(StatusEvent):
    """The case's history: every change of status, who made it, when and why. Append-only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("history")


class ParticipantChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for ICLD")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ParticipantChange(TeamMember):
    """A change of a granted case's team, proposed by the applicant and decided by ICLD: one
    person leaves (or no one, for an addition) and the person named here joins."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="participant_changes",
        verbose_name=_("application"),
    )
    leaving = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="leaving_changes",
        verbose_name=_("leaving participant"),
        help_text=_("Empty when the change only adds a person."),
    )
    reason = models.TextField(_("reason for the change"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipantChangeStatus.choices,
        default=ParticipantChangeStatus.PENDING,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("ICLD's comment"), blank=True)

    class Meta:
        verbose_name = _("participant change")
        verbose_name_plural = _("participant changes")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # Decided by ICLD, or not: the decision's fields come together.
            models.CheckConstraint(
                condition=Q(
                    status__in=["approved", "rejected"],
                    decided_by__isnull=False,
                    decided_at__isnull=False,
                )
                | Q(status__in=["pending", "withdrawn"], decided_by__isnull=True),
                name="participant_change_decided_by_staff",
            ),
        ]

    def __str__(self) -> str:
        if self.leaving_id:
            return _("%(leaving)s → %(joining)s") % {"leaving": self.leaving, "joining": self.name}
        return _("+ %(joining)s") % {"joining": self.name}

    @property
    def is_pending(self) -> bool:
        return self.status == ParticipantChangeStatus.PENDING


class ParticipantChangeEvent(StatusEvent):
    """The history of a participant change: who proposed, withdrew or decided it, when and
    why. Append-only, like the case's ApplicationEvent (which keeps to the case's status)."""

    change = models.ForeignKey(ParticipantChange, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=10, choices=ParticipantChangeStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=ParticipantChangeStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("participant change event")
        verbose_name_plural = _("history of the change")


class CaseCounter(models.Model):
    """The last case number given out in a year (KP-2025-0042)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def participant_form_path(instance: ParticipantFormVersion, filename: str) -> str:
    return f"participant-forms/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class ParticipantFormVersion(models.Model):
    """One version of the participant form (deltagarformulär) of a case's whole team, as PDF.

    Version 1 is made when the application is submitted; each approved change of participants
    makes the next one. A version is rendered once: the task that renders it finds the file
    there and stops.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="participant_forms"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=8)
    # The team as it was, so that later versions can say who left and who joined.
    team = models.JSONField(_("team"), default=list)
    file = models.FileField(_("file"), upload_to=participant_form_path, blank=True, max_length=200)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    # The approved change that made this version; empty for the version of a submission.
    change = models.ForeignKey(
        ParticipantChange,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="form_versions",
        verbose_name=_("made by the change"),
    )

    class Meta:
        verbose_name = _("participant form")
        verbose_name_plural = _("participant forms")
        ordering = ["application", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "version"], name="participant_form_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.version}"


# The rule sets live in their own module; imported here so that Django registers their models.
from .rulebook import RuleLimit, RuleSet  # noqa: E402, F401
