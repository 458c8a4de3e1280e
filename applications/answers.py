"""What the check-your-answers page shows: every answer of the application grouped by the step
that asks it, each with the field it is changed in. Reads an application whose partnership,
democratic areas, visits, budget lines, attachments and participants are prefetched."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.money import sek
from partnerships.models import Component, PartnerOrganisationType
from partnerships.selectors import picker_label

from .findings import PLANNING_FIELDS
from .forms import SDG_CHOICES
from .models import Application, Party, Visit


@dataclass(frozen=True)
class Answer:
    label: str
    value: str
    anchor: str = ""  # the field's id on the step's page


@dataclass(frozen=True)
class Group:
    """Rows of one thing (a visit, a person, a budget line) that is changed as a whole."""

    title: str
    answers: list[Answer]
    anchor: str = ""


@dataclass(frozen=True)
class Section:
    slug: str
    answers: list[Answer] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    empty: str = ""  # what to say when nothing is given


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def _field(application: Application, name: str, value=None) -> Answer:
    value = getattr(application, name) if value is None else value
    return Answer(_label(Application, name), str(value or ""), f"id_{name}")


def _date(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _partnership(a: Application) -> Section:
    answers = [_field(a, "component", a.get_component_display())]
    if a.partnership_id:
        answers.append(_field(a, "partnership", picker_label(a.partnership)))
    else:
        types = dict(PartnerOrganisationType.choices)
        answers += [
            _field(a, "new_partner_name"),
            _field(a, "new_partner_country", a.new_partner_country and a.new_partner_country.name),
            _field(a, "new_partner_type", types.get(a.new_partner_type, "")),
            _field(a, "new_partner_city"),
        ]
    return Section("partnership", answers)


def _content(a: Application) -> Section:
    sdgs = dict(SDG_CHOICES)
    return Section(
        "content",
        [
            _field(a, "title"),
            _field(a, "purpose"),
            Answer(
                _label(Application, "democratic_areas"),
                ", ".join(str(area) for area in a.democratic_areas.all()),
                "id_democratic_areas_0",
            ),
            Answer(
                _label(Application, "sdgs"),
                ", ".join(sdgs.get(str(n), str(n)) for n in a.sdgs),
                "id_sdgs_0",
            ),
            _field(a, "target_group"),
            _field(a, "period_start", _date(a.period_start)),
            _field(a, "period_end", _date(a.period_end)),
        ],
    )


def _planning(a: Application) -> Section:
    answers = [_field(a, name) for name in PLANNING_FIELDS]
    if a.component == Component.SPRIDNING:
        answers += [_field(a, "dialogue_date", _date(a.dialogue_date)), _field(a, "dialogue_note")]
    return Section("planning", answers)


def _visits(a: Application) -> Section:
    methods = dict(Visit.Method.choices)
    groups = [
        Group(
            _("Visit %(number)d") % {"number": number},
            [
                Answer(_label(Visit, "host"), visit.get_host_display()),
                Answer(_label(Visit, "months"), visit.months),
                Answer(_label(Visit, "participants"), str(visit.participants)),
                Answer(_label(Visit, "learning_goals"), visit.learning_goals),
                Answer(
                    _label(Visit, "methods"),
                    ", ".join(str(methods.get(m, m)) for m in visit.methods),
                ),
            ],
            f"visits-{number - 1}",
        )
        for number, visit in enumerate(a.visits.all(), start=1)
    ]
    return Section("visits", groups=groups, empty=_("No visits planned yet."))


def _budget(a: Application) -> Section:
    lines = list(a.budget_lines.all())
    answers = [
        Answer(
            f"{line.get_category_display()}: {line.description}".rstrip(": "),
            sek(line.amount_sek or 0),
            f"budget-{number}",
        )
        for number, line in enumerate(lines)
    ]
    if lines:
        total = sum(line.amount_sek or 0 for line in lines)
        answers.append(Answer(_("Total"), sek(total)))
    return Section("budget", answers, empty=_("No budget lines yet."))


def _attachments(a: Application) -> Section:
    answers = [
        Answer(attachment.original_name, attachment.description)
        for attachment in a.attachments.all()
    ]
    return Section("attachments", answers, empty=_("No documents are attached yet."))


def _person(person, number: int) -> Group:
    roles = [
        str(_label(type(person), name))
        for name in ("is_coordinator", "is_project_leader")
        if getattr(person, name)
    ]
    category = person.get_category_display()
    if person.political_side:
        category = f"{category} ({person.get_political_side_display()})"
    answers = [
        Answer(_label(type(person), "position"), f"{person.position}, {person.organisation}"),
        Answer(_label(type(person), "category"), category),
        Answer(_label(type(person), "gender"), person.get_gender_display()),
        Answer(_("Role"), ", ".join(roles)),
        Answer(_label(type(person), "motivation"), person.motivation),
    ]
    return Group(
        f"{person.name} – {person.get_party_display()}", answers, f"{person.party}-{number}"
    )


def _team(a: Application) -> Section:
    groups = []
    for party in Party:
        people = [p for p in a.participants.all() if p.party == party]
        groups += [_person(person, number) for number, person in enumerate(people)]
    return Section("team", groups=groups, empty=_("No one listed yet."))


SECTIONS = {
    "partnership": _partnership,
    "content": _content,
    "planning": _planning,
    "visits": _visits,
    "budget": _budget,
    "attachments": _attachments,
    "team": _team,
}


def answers_of(application: Application) -> dict[str, Section]:
    return {slug: build(application) for slug, build in SECTIONS.items()}
