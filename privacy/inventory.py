"""Which models hold personal data, and how the GDPR export and retention cover each.

A model holds personal data when one of its fields is an e-mail address, a person's name, job
title or motivation, a copy of people (a team snapshot, a signature's evidence) or a link to an
account (`personal_fields`). Each such model has an entry in PERSONAL_DATA: the export's section
that holds a person's rows of it (privacy/export.py), and the retention rule that deletes or
anonymises it (privacy/retention.py) — or, for either, why none is needed (`Kept`).
tests/privacy/test_inventory.py fails on a model with personal data that has no entry, so a new
one is covered, or exempted with its reason, when it is written. docs/privacy.md says the same
to a reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

from . import retention

# Fields that name or describe a person wherever they appear; "name" alone is left out (it names
# organisations, rounds and countries too): a team member's row is found by its e-mail field.
PERSON_TEXT_FIELDS = frozenset(
    {"first_name", "last_name", "contact_name", "position", "motivation"}
)
# JSON that copies people: a team's snapshot, a receipt's snapshot, a signature's evidence.
PERSON_JSON_FIELDS = frozenset({"team", "snapshot", "signature_evidence"})


@dataclass(frozen=True)
class Kept:
    """Why the export or retention needs no rule of its own for the model."""

    reason: str


# The section of the export that lists, for every model whose entry names it, which of its
# records name the person's account and in which role (who did what; the record itself is case
# data).
ACCOUNT_RECORDS = "records_naming_your_account"

ACCOUNT = Kept("the account: kept while in use, deactivated on request or when someone leaves")
ACCOUNT_LINK = Kept(
    "links an account to a case, an organisation or a thread and holds nothing of its own: "
    "the account's data is kept while the account is in use"
)
PUBLIC_RECORD = Kept(
    "part of the case as a public record (decisions, reports, their history and who made "
    "them): kept as the archive's rules require, not deleted by the portal"
)
STAFF_WORK = Kept(
    "ICLD staff's work on a case (assignments, screening, assessment): a public record of "
    "how the case was handled, kept with the case"
)
DELETED_BY_STAFF = Kept(
    "a contact's own message to ICLD: staff delete it in the admin once answered; ICLD has "
    "set no fixed period"
)
PUBLISHED = Kept(
    "a published listing whose contact is public by its purpose: its organisation or staff "
    "withdraw it; ICLD has set no fixed period"
)


@dataclass(frozen=True)
class Coverage:
    export: str | Kept  # the export's section with the person's rows of the model
    retention: Callable[..., object] | Kept  # the rule of privacy/retention.py that ends them


ANONYMISED = retention.anonymise_partnership

PERSONAL_DATA: dict[str, Coverage] = {
    "core.user": Coverage("user", ACCOUNT),
    "account.emailaddress": Coverage("email_addresses", ACCOUNT),
    "mfa.authenticator": Coverage("second_factors", ACCOUNT),
    "core.outgoingemail": Coverage("outgoing_emails", retention.prune_outbox),
    "reminders.reminder": Coverage("reminders", ACCOUNT_LINK),
    "admin.logentry": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "exports.exportjob": Coverage(ACCOUNT_RECORDS, retention.expire_exports),
    # Organisations and partnerships.
    "partnerships.membership": Coverage("memberships", ACCOUNT_LINK),
    "partnerships.partnerseeking": Coverage("partner_seeking_listings", PUBLISHED),
    "partnerships.dialogue": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "partnerships.dialogueevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "networks.interestregistration": Coverage("network_interest_registrations", DELETED_BY_STAFF),
    "networks.partnerinterest": Coverage("partner_interests", DELETED_BY_STAFF),
    # Cases: drafts are deleted; the team's details anonymised once the partnership ended.
    "applications.application": Coverage("applications", retention.delete_draft),
    "applications.applicationevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "applications.attachment": Coverage(ACCOUNT_RECORDS, retention.delete_draft),
    "applications.participant": Coverage("participants", ANONYMISED),
    "applications.participantchange": Coverage("participant_changes", ANONYMISED),
    "applications.participantchangeevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "applications.participantformversion": Coverage("participant_forms", ANONYMISED),
    "applications.submissionreceipt": Coverage("submission_receipts", ANONYMISED),
    "applications.contributor": Coverage("contributions", ACCOUNT_LINK),
    "applications.invitation": Coverage("invitations", ANONYMISED),
    "applications.addressrequest": Coverage("address_requests", ANONYMISED),
    "applications.addressrequestevent": Coverage("address_requests", ACCOUNT_LINK),
    # Reports, messages, staff's case work, decisions, agreements and payments.
    "reporting.report": Coverage("reports", ANONYMISED),  # its PDF lists the participants
    "reporting.reportattachment": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "reporting.reportevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "casework.message": Coverage("messages", PUBLIC_RECORD),
    "casework.messageattachment": Coverage("messages", PUBLIC_RECORD),
    "casework.threadread": Coverage(ACCOUNT_RECORDS, ACCOUNT_LINK),
    "casework.caseofficer": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "casework.assignment": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "casework.itemofficer": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "casework.roundlead": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "casework.assignmentrule": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "assessments.screening": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "assessments.screeningevent": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "assessments.screeningreason": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "assessments.assessment": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "assessments.assessmentevent": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "assessments.recommendation": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "assessments.recommendationevent": Coverage(ACCOUNT_RECORDS, STAFF_WORK),
    "decisions.decision": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "decisions.decisionevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "agreements.agreement": Coverage("agreements_signed", PUBLIC_RECORD),
    "agreements.agreementevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "agreements.amendment": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "agreements.amendmentevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "payments.payment": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
    "payments.paymentevent": Coverage(ACCOUNT_RECORDS, PUBLIC_RECORD),
}


def is_history(model: type[models.Model]) -> bool:
    """A historical model of audit/: exported in the "history" section (rows about the person,
    changes made by them) and anonymised with the model it records (retention)."""
    return model._meta.app_label == "audit" and hasattr(model, "instance_type")


def _is_account(field: models.Field) -> bool:
    return (
        field.is_relation
        and field.related_model is not None
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
        and (field.many_to_one or field.one_to_one)
    )


def personal_fields(model: type[models.Model]) -> list[str]:
    """The names of the model's own columns that hold personal data."""
    found = []
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.EmailField)
            or _is_account(field)
            or (
                isinstance(field, models.CharField | models.TextField)
                and field.name in PERSON_TEXT_FIELDS
            )
            or (isinstance(field, models.JSONField) and field.name in PERSON_JSON_FIELDS)
        ):
            found.append(field.name)
    return found


def models_with_personal_data() -> dict[str, type[models.Model]]:
    """ "app.model" -> model, for every installed model but the audit history's."""
    return {
        model._meta.label_lower: model
        for model in apps.get_models()
        if not is_history(model) and personal_fields(model)
    }


def uncovered(found: dict[str, type[models.Model]]) -> list[str]:
    """The models among `found` (models_with_personal_data) that PERSONAL_DATA does not cover."""
    return sorted(set(found) - set(PERSONAL_DATA))


def account_records() -> Iterator[tuple[type[models.Model], str]]:
    """(model, field) for each link to an account on the models the export lists under
    ACCOUNT_RECORDS."""
    for label, coverage in PERSONAL_DATA.items():
        if coverage.export == ACCOUNT_RECORDS:
            model = apps.get_model(label)
            for field in model._meta.concrete_fields:
                if _is_account(field):
                    yield model, field.name
