"""The application's task list (the GOV.UK pattern): where each step of the wizard stands — not
started, in progress, completed, or with problems the programme's rules found — and which step
fixes a finding. Reads an application whose visits, budget lines, attachments and participants
are prefetched, and its findings; no queries of its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .findings import PLANNING_FIELDS
from .models import Application
from .rules import BUDGET_CODES, ELIGIBILITY_CODES, TEAM_CODES, VISIT_CODES, Finding

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
PROBLEMS = "problems"
CANNOT_START = "cannot_start"
STATUS_LABELS: dict[str, Promise] = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    COMPLETED: _("Completed"),
    PROBLEMS: _("Has problems"),
    CANNOT_START: _("Cannot start yet"),
}

# The step where a finding is put right (the rest have no single step: they stay unlinked). What
# the eligibility rules find is about the partnership unless it is about the content's period
# and round or the planning tool.
_CONTENT = {"title_missing", "purpose_missing", "no_round"} | {
    code for code in ELIGIBILITY_CODES if code.startswith("period_")
}
_PLANNING = {"planning_tool_incomplete", "dialogue_missing", "dialogue_in_future"}
STEP_OF_CODE: dict[str, str] = {
    **dict.fromkeys(ELIGIBILITY_CODES - _CONTENT - _PLANNING, "partnership"),
    **dict.fromkeys(_CONTENT, "content"),
    **dict.fromkeys(_PLANNING, "planning"),
    **dict.fromkeys(VISIT_CODES, "visits"),
    **dict.fromkeys(BUDGET_CODES, "budget"),
    **dict.fromkeys([*TEAM_CODES, "code_of_conduct_unconfirmed"], "team"),
}


# Errors that only say an answer is still missing: the step is in progress, not in trouble.
MISSING_CODES = frozenset(
    {
        "title_missing",
        "purpose_missing",
        "period_missing",
        "country_missing",
        "planning_tool_incomplete",
        "team_missing",
        "code_of_conduct_unconfirmed",
    }
)


def step_of(finding: Finding) -> str | None:
    return STEP_OF_CODE.get(finding.code)


def _answers(application: Application, slug: str) -> tuple[bool, bool]:
    """(whether any of the step's answers is given, whether all that a complete step has)."""
    a = application
    if slug == "partnership":
        new = [a.new_partner_name.strip(), a.new_partner_country_id, a.new_partner_type]
        return bool(a.partnership_id) or any(new), bool(a.partnership_id) or all(new)
    if slug == "content":
        needed = [a.title.strip(), a.purpose.strip(), a.period_start, a.period_end]
        return any(needed) or bool(a.target_group.strip()), all(needed)
    if slug == "planning":
        needed = [getattr(a, name).strip() for name in PLANNING_FIELDS]
        return any(needed), all(needed)
    rows = {
        "visits": a.visits,
        "budget": a.budget_lines,
        "attachments": a.attachments,
        "team": a.participants,
    }[slug]
    return bool(rows.all()), bool(rows.all())


@dataclass(frozen=True)
class Task:
    slug: str
    title: str
    url: str
    status: str
    problems: tuple[Finding, ...] = ()

    @property
    def status_label(self) -> Promise:
        return STATUS_LABELS[self.status]


def task_list(
    application: Application, findings: Iterable[Finding], steps: Iterable[tuple]
) -> list[Task]:
    """One task per step `(Step, url)`; the last step (check and submit) cannot start while a
    finding is an error."""
    errors = [f for f in findings if f.is_error]
    tasks = []
    *sections, (last, last_url) = list(steps)
    for step, url in sections:
        problems = tuple(
            f for f in errors if step_of(f) == step.slug and f.code not in MISSING_CODES
        )
        started, complete = _answers(application, step.slug)
        if not started:
            status = NOT_STARTED
        elif problems:
            status = PROBLEMS
        elif complete:
            status = COMPLETED
        else:
            status = IN_PROGRESS
        tasks.append(Task(step.slug, step.title, url, status, problems))
    tasks.append(Task(last.slug, last.title, last_url, CANNOT_START if errors else NOT_STARTED))
    return tasks
