"""The receipt of a submission: the whole application snapshotted in the submission's transaction
(every step, both teams, the visits, the budget, the attachments' names) and its PDF queued after
commit (`receipt_pdf` renders it in a worker, once; the sweep queues what the broker missed).
The receipt e-mail links to it and the case page keeps every one."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone, translation

from core.models import User
from partnerships.models import Component

from .findings import PLANNING_FIELDS
from .models import Application, SubmissionReceipt
from .participant_forms import snapshot_person
from .tasks import render_receipt

CONTENT_FIELDS = ["title", "purpose", "target_group"]


def snapshot_application(application: Application) -> dict:
    """The application as plain data. Names that have a language (democratic areas, the partner
    country) are taken in the case's language, the language of its receipt."""
    with translation.override(application.language):
        country = application.partner_country
        areas = [area.name for area in application.democratic_areas.all()]
        country_name = country.name if country else ""
    planning = list(PLANNING_FIELDS)
    if application.component == Component.SPRIDNING:
        planning += ["dialogue_date", "dialogue_note"]
    return {
        "case_number": application.case_number,
        "component": application.component,
        "organisation": application.organisation.name,
        "round": application.round.name if application.round else "",
        "partner": {
            "name": application.partner_name,
            "country": country_name,
            "existing_partnership": application.partnership_id is not None,
            "type": application.new_partner_type,
            "city": application.new_partner_city,
        },
        "content": {name: getattr(application, name) for name in CONTENT_FIELDS}
        | {
            "democratic_areas": areas,
            "sdgs": list(application.sdgs),
            "period_start": _day(application.period_start),
            "period_end": _day(application.period_end),
        },
        "planning": {name: _plain(getattr(application, name)) for name in planning},
        "visits": [
            {
                "host": visit.host,
                "months": visit.months,
                "participants": visit.participants,
                "days": visit.days,
                "interpreter": visit.interpreter,
                "learning_goals": visit.learning_goals,
                "methods": list(visit.methods),
            }
            for visit in application.visits.order_by("pk")
        ],
        "budget": [
            {
                "category": line.category,
                "description": line.description,
                "explanation": line.explanation,
                "amount": line.amount_sek,
                # A line computed from the cost norms: the facts and the norm (its amount and
                # the day it is in force from) as they stood at submission.
                "computed_from": line.basis or None,
            }
            for line in application.budget_lines.order_by("pk")
        ],
        "team": [snapshot_person(person) for person in application.participants.order_by("pk")],
        "attachments": [
            {"name": a.original_name, "description": a.description, "size": a.size}
            for a in application.attachments.order_by("pk")
        ],
    }


def _day(day) -> str | None:
    return day.isoformat() if day else None


def _plain(value):
    return _day(value) if hasattr(value, "isoformat") else value


def create_receipt(*, application: Application, by: User) -> SubmissionReceipt:
    """Snapshot the application as its next receipt and queue the PDF after commit. Called in
    the submission's transaction, with the case's row locked (so numbers never clash)."""
    last = application.receipts.aggregate(last=Max("number"))["last"] or 0
    receipt = SubmissionReceipt.objects.create(
        application=application,
        number=last + 1,
        submitted_at=application.submitted_at or timezone.now(),
        submitted_by=by,
        language=application.language,
        snapshot=snapshot_application(application),
    )
    render_receipt.delay(receipt.pk)  # after commit (TransactionAwareTask)
    return receipt
