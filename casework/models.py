"""Staff case work: who at ICLD handles a case, and the case's message thread with the
coordinator's side (internal notes among staff included)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationRound, UploadedFile
from partnerships.models import Cluster, Component

BODY_MAX_LENGTH = 5000


class CaseOfficer(models.Model):
    """The responsible officer (handläggare) of a case now; `Assignment` keeps every change."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="case_officer",
        verbose_name=_("application"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="officer_cases",
        verbose_name=_("case officer"),
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("case officer")
        verbose_name_plural = _("case officers")

    def __str__(self) -> str:
        return str(self.officer)


class Assignment(models.Model):
    """Append-only: who made whom the officer of a case, and when; or of one thing on the case
    that waits for ICLD (`item`: a participant change, a report, a payment — see ItemOfficer)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="officer_assignments",
        verbose_name=_("application"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("case officer"),
    )
    previous = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous case officer"),
    )
    # Empty when a rule assigned the case as it was submitted (`rule` says which).
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    rule = models.ForeignKey(
        "AssignmentRule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by the rule"),
    )
    # Empty for the case itself; else the thing on it that was given to `officer`.
    item_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("of"),
    )
    item_id = models.PositiveBigIntegerField(_("number"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} → {self.officer}"


class ItemOfficer(models.Model):
    """The responsible officer of one thing on a case that waits for ICLD (a participant change
    to decide, a report to review, a payment to approve: the work queue's sources), when staff
    gave it to another officer than the case's. Without a row the case's officer is responsible:
    the default, which follows the case when it changes hands."""

    item_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("of")
    )
    item_id = models.PositiveBigIntegerField(_("number"))
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="+", verbose_name=_("application")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("case officer"),
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("responsible officer of an item")
        verbose_name_plural = _("responsible officers of items")
        constraints = [
            models.UniqueConstraint(fields=["item_type", "item_id"], name="item_officer_once")
        ]

    def __str__(self) -> str:
        return str(self.officer)


class RoundLead(models.Model):
    """The lead officer of a round: a new submission of the round that no rule gives to an
    officer is theirs."""

    round = models.OneToOneField(
        ApplicationRound,
        on_delete=models.CASCADE,
        related_name="lead",
        verbose_name=_("round"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead officer"),
    )

    class Meta:
        verbose_name = _("lead officer of a round")
        verbose_name_plural = _("lead officers of rounds")

    def __str__(self) -> str:
        return f"{self.round}: {self.officer}"


class AssignmentRule(models.Model):
    """Who a new submission goes to. The rules are tried by `order`; the first whose every
    condition (component, partner country's cluster, round; empty = any) the case meets gives
    it to its officer, or, with no officer, to the round's lead. A case already handled by an
    officer (a resubmission) keeps them."""

    order = models.PositiveIntegerField(_("order"), default=100)
    component = models.CharField(
        _("component"), max_length=20, choices=Component.choices, blank=True
    )
    cluster = models.CharField(_("cluster"), max_length=20, choices=Cluster.choices, blank=True)
    round = models.ForeignKey(
        ApplicationRound,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("round"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case officer"),
        help_text=_("Empty: the round's lead officer."),
    )

    class Meta:
        verbose_name = _("assignment rule")
        verbose_name_plural = _("assignment rules")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        conditions = [
            str(label)
            for value, label in (
                (self.component, self.get_component_display()),
                (self.cluster, self.get_cluster_display()),
                (self.round_id, self.round),
            )
            if value
        ] or [str(_("every case"))]
        target = self.officer or _("the round's lead officer")
        return f"{', '.join(conditions)} → {target}"

    def matches(self, application: Application, cluster: str) -> bool:
        return (
            (not self.component or self.component == application.component)
            and (not self.cluster or self.cluster == cluster)
            and (self.round_id is None or self.round_id == application.round_id)
        )


class MessageKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    NOTE = "note", _("Internal note")
    RETURNED = "returned", _("Returned for completion")


class Message(models.Model):
    """One message of a case's thread. An internal note (`kind=note`) is for ICLD's staff only."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="messages", verbose_name=_("case")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    from_staff = models.BooleanField(_("from ICLD"), default=False)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MessageKind.choices, default=MessageKind.MESSAGE
    )
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["application", "created_at"], name="message_case_time")]

    def __str__(self) -> str:
        return f"{self.application} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def internal(self) -> bool:
        return self.kind == MessageKind.NOTE


def message_attachment_path(instance: MessageAttachment, filename: str) -> str:
    # As for the case's attachments: never the uploaded name, a random one.
    return f"messages/{instance.message.application_id}/{uuid.uuid4().hex}"


class MessageAttachment(UploadedFile):
    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, related_name="attachment", verbose_name=_("message")
    )
    file = models.FileField(_("file"), upload_to=message_attachment_path, max_length=200)

    class Meta:
        verbose_name = _("attachment of a message")
        verbose_name_plural = _("attachments of messages")


class ThreadRead(models.Model):
    """Up to when `user` has read the thread of a case: later messages are shown as new."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="threadread_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.read_at:%Y-%m-%d %H:%M}"
