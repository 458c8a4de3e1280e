import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import User
from costnorms.norms import (
    INTERNATIONAL_TRAVEL,
    INTERPRETER,
    LODGING,
    PER_DIEM,
    Rate,
    missing_norms,
)
from costnorms.selectors import norms_on
from partnerships.models import (
    Dialogue,
    DialogueStatus,
    MembershipStatus,
    Partnership,
    SwedishOrganisation,
)

from .models import (
    IN_PROGRESS_STATUSES,
    Application,
    ApplicationRound,
    ApplicationStatus,
    BudgetLine,
    Contributor,
    ContributorRole,
    Visit,
)
from .rules import (
    Finding,
    PastApplication,
    PathwayStep,
    budget_total,
    check_budget,
    pathway,
    unexplained,
    visit_facts,
)


def rounds_overview(today: datetime.date) -> dict[str, list[ApplicationRound]]:
    """Open, coming and recently closed rounds: what the rounds page and home page show."""
    rounds = list(ApplicationRound.objects.all())
    return {
        "open": [r for r in rounds if r.is_open(today)],
        "coming": [r for r in rounds if r.opens_on > today],
        "closed": sorted(
            (r for r in rounds if r.closes_on < today), key=lambda r: r.closes_on, reverse=True
        )[:4],
    }


def organisations_of(user) -> QuerySet[SwedishOrganisation]:
    """The organisations a user belongs to, approved or not: a pending member may draft."""
    return SwedishOrganisation.objects.filter(memberships__user=user).order_by("name").distinct()


def dashboard_cases(user) -> QuerySet[Application]:
    return (
        Application.objects.visible_to(user)
        .select_related(
            "organisation",
            "round",
            "new_partner_country",
            "partnership__partner_organisation__country",
        )
        .order_by("-updated_at")
    )


def deleted_drafts(user) -> QuerySet[Application]:
    """The drafts a user deleted or could delete, still to be brought back (newest first)."""
    return (
        Application.objects.visible_to(user, deleted=True)
        .select_related("organisation")
        .order_by("-deleted_at")
    )


def editor_contributors(prefix: str = "") -> Prefetch:
    """What `editors_of` reads of a case's contributors: those with the editor role, with
    their accounts (`prefix` reaches the case from another model, e.g. "application__")."""
    return Prefetch(
        f"{prefix}contributors",
        queryset=Contributor.objects.filter(role=ContributorRole.EDITOR).select_related("user"),
        to_attr="editor_contributors",
    )


def editors_of(
    application: Application,
    coordinators: Mapping[int, Sequence[User]],
    *,
    creator: bool = True,
) -> list[User]:
    """Everyone who may edit the case, the people `access.allowed_actions` gives EDIT: the
    approved members of its organisation (`coordinators`, by organisation id), whoever started
    it and its contributors with the editor role. Active accounts only, each once, by id.
    `creator=False` leaves out a starter who is not also a coordinator or editor: a granted
    case's reports are the organisation's work, not the drafter's (tests/reporting/
    test_reminders.py).

    Runs no query: the case comes with `editor_contributors()` (and `created_by`), so a sweep
    over many cases reads them in a fixed number of queries."""
    people = {
        user.pk: user
        for user in [
            *coordinators.get(application.organisation_id, []),
            *([application.created_by] if creator else []),
            *(c.user for c in application.editor_contributors),
        ]
        if user.is_active
    }
    return [people[pk] for pk in sorted(people)]


def decision_comment(application: Application) -> str:
    """ICLD's comment on a returned or declined application: the one its status came with."""
    if application.status not in {ApplicationStatus.RETURNED, ApplicationStatus.DECLINED}:
        return ""
    events = [e for e in application.events.all() if e.to_status == application.status]
    return events[-1].comment if events else ""


def coordinated_partnerships(user) -> QuerySet[Partnership]:
    """The partnerships of the organisations the user is an approved coordinator of."""
    return (
        Partnership.objects.filter(
            swedish_organisation__memberships__user=user,
            swedish_organisation__memberships__status=MembershipStatus.APPROVED,
        )
        .select_related("swedish_organisation", "partner_organisation__country")
        .order_by("-start_year", "pk")
        .distinct()
    )


def partnership_history(partnership: Partnership) -> list[PastApplication]:
    """The partnership's components as the rules see them, from its recorded history (whole
    years: a component of 2024–2026 ran from 1 January 2024 to 31 December 2026)."""
    return [
        PastApplication(
            component=c.component,
            granted=c.granted,
            period_start=datetime.date(c.start_year, 1, 1),
            period_end=datetime.date(c.end_year, 12, 31),
        )
        for c in partnership.components.all()
    ]


def country_facts(partnership: Partnership) -> tuple[list[PastApplication], bool]:
    """What a continuing country asks of a partnership: its components so far (its recorded
    history and ICLD's approved applications) and whether ICLD confirmed a dialogue with it."""
    history = partnership_history(partnership)
    history += [
        PastApplication(a.component, True, a.period_start, a.period_end)
        for a in partnership.applications.filter(status=ApplicationStatus.APPROVED).only(
            "component", "period_start", "period_end"
        )
    ]
    had_dialogue = partnership.dialogues.filter(status=DialogueStatus.CONFIRMED).exists()
    return history, had_dialogue


def pathways(
    partnerships: list[Partnership], today: datetime.date
) -> list[tuple[Partnership, list[PathwayStep]]]:
    """What each partnership can apply for now (rules.pathway), in four queries whatever their
    number: their components, their confirmed dialogues, their applications ICLD has received
    and not decided, and the rounds."""
    if not partnerships:
        return []
    prefetch_related_objects(partnerships, "components")
    confirmed = set(
        Dialogue.objects.filter(
            partnership__in=partnerships, status=DialogueStatus.CONFIRMED
        ).values_list("partnership_id", flat=True)
    )
    in_progress: dict[int, dict[str, str]] = {}
    for partnership_id, component, case_number in Application.objects.filter(
        partnership__in=partnerships, status__in=IN_PROGRESS_STATUSES
    ).values_list("partnership_id", "component", "case_number"):
        in_progress.setdefault(partnership_id, {})[component] = case_number
    rounds = list(ApplicationRound.objects.all())
    return [
        (
            partnership,
            pathway(
                country_status=partnership.partner_organisation.country.status,
                history=partnership_history(partnership),
                had_dialogue=partnership.pk in confirmed,
                rounds=rounds,
                today=today,
                applicant_type=partnership.swedish_organisation.type,
                in_progress=in_progress.get(partnership.pk, {}),
            ),
        )
        for partnership in partnerships
    ]


def named_travellers() -> Count:
    """An annotation of a visit: how many of the team, as it is now, are chosen as its
    travellers (someone who left through an approved change no longer counts)."""
    return Count("travellers", filter=Q(travellers__left_at__isnull=True))


def requested_by_category(application: Application) -> dict[str, int]:
    """What the application asks for per budget category (every category, 0 if none), summed
    by the database."""
    sums = dict(
        BudgetLine.objects.filter(application=application)
        .values_list("category")
        .annotate(total=Sum("amount_sek"))
        .values_list("category", "total")
    )
    return {category: int(sums.get(category) or 0) for category in BudgetLine.Category.values}


def requested_sek(application_ref: str = "pk") -> Coalesce:
    """An annotation: what the application (`application_ref` in the outer query) asks for in
    all, its budget lines summed by the database (0 without any)."""
    total = (
        BudgetLine.objects.filter(application=OuterRef(application_ref))
        .values("application")
        .annotate(total=Sum("amount_sek"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


# The norms a visit's cost needs, named for the note that says which are missing.
MISSING_NORM_NAMES = {
    INTERNATIONAL_TRAVEL: gettext_lazy("the journey"),
    PER_DIEM: gettext_lazy("per diem"),
    LODGING: gettext_lazy("accommodation"),
    INTERPRETER: gettext_lazy("the interpreter's fee"),
}


@dataclass(frozen=True)
class VisitCosts:
    """One planned visit on the budget step: its lines computed from the norms, and what
    keeps any of them from being computed."""

    number: int
    visit: Visit
    lines: list[BudgetLine]
    notes: list[str]

    @property
    def subtotal(self) -> int:
        return budget_total(self.lines)


@dataclass(frozen=True)
class BudgetOverview:
    visits: list[VisitCosts]
    own_total: int
    ceiling: Rate | None
    findings: list[Finding]

    @property
    def total(self) -> int:
        return self.own_total + sum(v.subtotal for v in self.visits)

    @property
    def over_ceiling(self) -> int:
        return max(self.total - self.ceiling.amount_sek, 0) if self.ceiling else 0

    @property
    def left_under_ceiling(self) -> int:
        return max(self.ceiling.amount_sek - self.total, 0) if self.ceiling else 0


def budget_overview(application: Application, own_lines: list[BudgetLine]) -> BudgetOverview:
    """The budget step's figures: each visit's computed lines (as last saved) with what is
    missing for the rest, the coordinator's `own_lines` (as typed), the total against the
    component's ceiling in force today, and what check_budget finds. A fixed number of queries, whatever
    the number of visits and lines."""
    norms = norms_on(timezone.localdate())
    country = application.partner_country
    visits = []
    for number, visit in enumerate(
        application.visits.annotate(named=named_travellers()).prefetch_related(
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("pk"))
        ),
        start=1,
    ):
        facts = visit_facts(visit, country.code if country else None, named=visit.named)
        notes = []
        if country is None:
            notes.append(_("Choose the partner country on the first step: the costs follow it."))
        elif facts is None:
            notes.append(_("Give the visit's number of days on the visit plan step."))
        elif missing := missing_norms(facts, norms):
            notes.append(
                _(
                    "No cost norm is in force for %(costs)s: add these costs as lines of your "
                    "own below and explain them."
                )
                % {"costs": ", ".join(str(MISSING_NORM_NAMES[kind]) for kind in missing)}
            )
        visits.append(VisitCosts(number, visit, list(visit.budget_lines.all()), notes))
    computed = [line for v in visits for line in v.lines]
    ceiling = norms.ceiling(application.component)
    return BudgetOverview(
        visits=visits,
        own_total=budget_total(own_lines),
        ceiling=ceiling,
        findings=check_budget(
            total=budget_total([*computed, *own_lines]),
            # Lines as typed count in the total; one not yet saved is the form's to refuse.
            unexplained=unexplained([line for line in own_lines if line.pk]),
            ceiling=ceiling,
        ),
    )
