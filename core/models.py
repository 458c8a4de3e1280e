from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: coordinator, contributor or ICLD staff.

    Holds no more personal data than the portal needs: a name, an e-mail address and the
    language the person wants the portal's e-mail in.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class OutgoingEmail(models.Model):
    """An e-mail the portal has decided to send: the outbox.

    The row is written in the same transaction as the change that caused it, so a message is
    never lost when the broker is down; a worker sends it and stamps `sent_at`, and a periodic
    sweep hands unsent rows to the queue again.
    """

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A restored backup's unsent messages may have gone out after the backup was made: they
    # wait for staff to release them (or delete them) instead of being sent a second time.
    held = models.BooleanField(
        _("held"),
        default=False,
        help_text=_("Unsent when a backup was restored: sent only once staff release it."),
    )

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outgoingemail_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class StatusEvent(models.Model):
    """A change of status in a review workflow (core/workflow.py): who made it, when and why.
    Append-only. Each workflow's event adds the object it belongs to and `from_status` /
    `to_status` with its own choices."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class PublicVersion(models.Model):
    """The version number of one kind of public data (core.pagecache.Version), kept here so
    that it, and what is precomputed for it, outlives a flushed or restarted cache; the cache
    holds a copy so that a page served from the cache makes no query."""

    name = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class PrecomputedPage(models.Model):
    """A public page that takes long to compute from the data alone (the map's data per filter
    state, the active partnerships by country), kept for the current data version by
    `core.pagecache.public_page(precompute=True)`: a flushed or restarted cache then costs one
    query, not the computing. One row per page, language and query; a new version replaces
    the rows of the old one, and a row older than a day is computed again (a change that
    bumped no version heals, as the cache's copies expire)."""

    key = models.CharField(max_length=60, primary_key=True)
    view = models.CharField(max_length=100)
    version = models.CharField(max_length=40)
    content = models.BinaryField()
    headers = models.JSONField(default=list)
    compressed = models.BooleanField(default=False)
    stored_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["view", "version"], name="precomputedpage_version")]

    def __str__(self) -> str:
        return f"{self.view} {self.version}"
