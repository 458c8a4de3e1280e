"""Who reads and writes a case's thread. The case itself is found through applications'
`get_case` (no access is a 404); these rules only narrow what it allows."""

from __future__ import annotations

from applications.access import Action, CaseAccess, takes_part
from applications.models import Application
from core.mfa import has_staff_power

WRITE_PERMISSION = "casework.add_message"
READ_NOTES_PERMISSION = "casework.view_message"
ASSIGN_PERMISSION = "casework.change_caseofficer"
QUEUE_PERMISSION = "applications.view_application"


def writes_for_icld(user, application: Application) -> bool:
    """Staff write as ICLD (and read internal notes) unless they take part in the case."""
    return has_staff_power(user, WRITE_PERMISSION) and not takes_part(user, application)


def sees_internal_notes(user, application: Application) -> bool:
    return has_staff_power(user, READ_NOTES_PERMISSION) and not takes_part(user, application)


def may_write(user, case: CaseAccess) -> bool:
    """The coordinator and editors on the applicant's side; ICLD's staff. Readers only read."""
    return case.may(Action.EDIT) or writes_for_icld(user, case.application)
