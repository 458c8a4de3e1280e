"""The decision letter (beslut): rendered once as PDF/UA in the case's language (core.pdf), then
posted into the case's thread as ICLD's message with the PDF attached, which tells the
coordinator and contributors by e-mail through the outbox (casework)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.services import post_document
from core.documents import StoredPDF

from .models import Decision, DecisionStatus, Outcome
from .selectors import granted_total, requested_total

logger = logging.getLogger(__name__)


def letter_filename(decision: Decision) -> str:
    number = decision.application.case_number or f"{decision.application_id}"
    return f"beslut-{number}.pdf"


class DecisionLetterPDF(StoredPDF):
    template = "decisions/pdf/letter.html"
    fields = ("letter", "letter_checksum", "letter_rendered_at")

    def queryset(self) -> QuerySet[Decision]:
        return Decision.objects.select_related(
            "application__organisation",
            "application__partnership__partner_organisation__country",
            "application__new_partner_country",
            "decided_by",
        )

    def language(self, decision: Decision) -> str:
        return decision.application.language or "sv"

    def context(self, decision: Decision) -> dict:
        return {
            "decision": decision,
            "application": decision.application,
            "lines": list(decision.lines.all()),
            "granted_total": granted_total(decision),
            "requested_total": requested_total(decision),
            "granted": decision.outcome == Outcome.GRANTED,
        }

    def footer(self, decision: Decision) -> str:
        return _("Decision on %(case)s · %(date)s") % {
            "case": decision.application.case_number,
            "date": timezone.localdate(decision.decided_at).isoformat(),
        }

    def wanted(self, decision: Decision) -> bool:
        """Only a decided decision has a letter."""
        return decision.status == DecisionStatus.DECIDED


LETTER_PDF = DecisionLetterPDF()


def render_decision_letter(*, decision_id: int) -> Decision | None:
    """Render a decided decision's letter once; one with its letter is left as it is."""
    return LETTER_PDF.render_once(decision_id)


def send_letter(*, decision_id: int) -> bool:
    """Post the rendered letter into the case's thread (and so by e-mail), once."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("application", "decided_by")
            .filter(pk=decision_id)
            .first()
        )
        if decision is None or not decision.letter or decision.letter_sent_at is not None:
            return False
        application = decision.application
        with translation.override(application.language or "sv"):
            if decision.outcome == Outcome.GRANTED:
                body = _(
                    "ICLD has decided to grant application %(case)s. The decision letter is "
                    "attached: it sets out the amounts, the conditions and the period."
                )
            else:
                body = _(
                    "ICLD has decided to decline application %(case)s. The decision letter with "
                    "the reasons is attached."
                )
            body = body % {"case": application.case_number}
        with decision.letter.open("rb") as handle:
            content = handle.read()
        post_document(
            application=application,
            by=decision.decided_by,
            body=body,
            filename=letter_filename(decision),
            content=content,
            content_type="application/pdf",
        )
        decision.letter_sent_at = timezone.now()
        decision.save(update_fields=["letter_sent_at"])
    logger.info("decision letter %s sent", decision_id)
    return True


def render_and_send(*, decision_id: int) -> None:
    """The Celery task's work: render (once), then send (once); safe to retry."""
    render_decision_letter(decision_id=decision_id)
    send_letter(decision_id=decision_id)


def letters_waiting(*, older_than):
    """Decided decisions whose letter is not rendered or not sent yet, decided before
    `older_than` ago (the broker was down): for the sweep."""
    cutoff = timezone.now() - older_than
    return Decision.objects.filter(
        status=DecisionStatus.DECIDED, letter_sent_at__isnull=True, decided_at__lt=cutoff
    )
