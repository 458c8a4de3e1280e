"""Application rounds, applications with their teams, plans and budgets, and contributors.

One module per feature; everything is re-exported here, so `applications.models` is where
Django and the rest of the code find the models.
"""

from .application import (
    DECIDED_STATUSES,
    DELETED_DRAFT_DAYS,
    EDITABLE_STATUSES,
    IN_PROGRESS_STATUSES,
    Application,
    ApplicationEvent,
    ApplicationQuerySet,
    ApplicationStatus,
    CaseCounter,
    Party,
)
from .attachments import Attachment, UploadedFile, attachment_path
from .changes import ParticipantChange, ParticipantChangeEvent, ParticipantChangeStatus
from .contributors import (
    AddressRequest,
    AddressRequestEvent,
    AddressRequestStatus,
    Contributor,
    ContributorRole,
    Invitation,
)
from .participant_form import ParticipantFormVersion, participant_form_path
from .plan import BudgetLine, Visit
from .receipt import SubmissionReceipt, receipt_path
from .rounds import ROUND_COMPONENTS, ApplicationRound
from .team import TEAM_MEMBER_FIELDS, CurrentParticipantManager, Participant, TeamMember

# isort: split
# The rule sets live in their own module; imported here so that Django registers their models.
from ..rulebook import RuleLimit, RuleSet

__all__ = [
    "DECIDED_STATUSES",
    "DELETED_DRAFT_DAYS",
    "EDITABLE_STATUSES",
    "IN_PROGRESS_STATUSES",
    "ROUND_COMPONENTS",
    "TEAM_MEMBER_FIELDS",
    "AddressRequest",
    "AddressRequestEvent",
    "AddressRequestStatus",
    "Application",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "ApplicationRound",
    "ApplicationStatus",
    "Attachment",
    "BudgetLine",
    "CaseCounter",
    "Contributor",
    "ContributorRole",
    "CurrentParticipantManager",
    "Invitation",
    "Participant",
    "ParticipantChange",
    "ParticipantChangeEvent",
    "ParticipantChangeStatus",
    "ParticipantFormVersion",
    "Party",
    "RuleLimit",
    "RuleSet",
    "SubmissionReceipt",
    "TeamMember",
    "UploadedFile",
    "Visit",
    "attachment_path",
    "participant_form_path",
    "receipt_path",
]
