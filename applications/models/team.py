"""The teams: who a person on a team is, and the participants of each party."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application, Party


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
