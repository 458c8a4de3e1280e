"""The cost norms as plain data, and the pure computation of a visit's budget lines from them.

No ORM and no request here: `selectors.norms_on(day)` reads the norms in force on a day into a
`Norms`; `lines_for_visit(facts, norms)` turns one planned visit into its lines, each with the
arithmetic that explains it ("3 personer × 4 dygn × 1 200 kr traktamente (norm för Kenya från
2026-01-01)"). Amounts are whole kronor (int), never floats.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core.money import sek

SWEDEN = "SE"  # the place code of a visit in Sweden (Sweden is never a cooperation country)

# Budget categories (applications.BudgetLine.Category's values): the lines' categories are the
# ones a decision grants by, so they are named here as plain strings, not imported upwards.
TRAVEL = "travel"
ACCOMMODATION = "accommodation"
INTERPRETATION = "interpretation"

# What a computed line is for.
INTERNATIONAL_TRAVEL = "international_travel"
DOMESTIC_TRAVEL = "domestic_travel"
PER_DIEM = "per_diem"
LODGING = "accommodation"
INTERPRETER = "interpreter"
KINDS = (INTERNATIONAL_TRAVEL, DOMESTIC_TRAVEL, PER_DIEM, LODGING, INTERPRETER)
CATEGORY_OF = {
    INTERNATIONAL_TRAVEL: TRAVEL,
    DOMESTIC_TRAVEL: TRAVEL,
    # The per diem is a cost of the journey: it is granted with the travel (the categories
    # stay the ones decisions and reports already use).
    PER_DIEM: TRAVEL,
    LODGING: ACCOMMODATION,
    INTERPRETER: INTERPRETATION,
}

# LanguageFee.Service's values.
INTERPRETER_DAY = "interpreter_day"


@dataclass(frozen=True)
class Rate:
    """One norm: an amount in whole kronor, the day it is in force from, where it comes from."""

    amount_sek: int
    valid_from: datetime.date
    source: str = ""


@dataclass(frozen=True)
class Norms:
    """The norms in force on `day`, each table keyed as the models key it."""

    day: datetime.date
    per_diem: Mapping[str, Rate] = field(default_factory=dict)  # place code
    accommodation: Mapping[str, Rate] = field(default_factory=dict)  # place code
    international: Mapping[str, Rate] = field(default_factory=dict)  # country code
    domestic: Mapping[str, Rate] = field(default_factory=dict)  # place code
    fees: Mapping[str, Rate] = field(default_factory=dict)  # LanguageFee.Service
    ceilings: Mapping[str, Rate] = field(default_factory=dict)  # component
    # {country code: (Swedish name, English name)}; Sweden is named by the catalogue.
    place_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def ceiling(self, component: str) -> Rate | None:
        return self.ceilings.get(component)


@dataclass(frozen=True)
class VisitFacts:
    """What a visit's costs follow from: where it takes place (`host`, a place code), where the
    travellers come from, how many travel, for how many days (dygn), and whether it needs an
    interpreter."""

    host: str
    travellers_from: str
    travellers: int
    days: int
    interpreter: bool


@dataclass(frozen=True)
class Line:
    """One computed budget line. `persons × units × unit_sek = amount_sek`; the explanation is
    written from these facts in the reader's language whenever it is shown."""

    kind: str
    persons: int
    units: int
    unit_sek: int
    place: str
    place_sv: str
    place_en: str
    norm_from: datetime.date

    @property
    def category(self) -> str:
        return CATEGORY_OF[self.kind]

    @property
    def amount_sek(self) -> int:
        return self.persons * self.units * self.unit_sek

    @property
    def place_name(self) -> str:
        if self.place == SWEDEN:
            return _("Sweden")
        return self.place_en if get_language() == "en" else self.place_sv

    @property
    def description(self) -> str:
        place = self.place_name
        return {
            INTERNATIONAL_TRAVEL: _("Travel Sweden–%(place)s"),
            DOMESTIC_TRAVEL: _("Domestic travel in %(place)s"),
            PER_DIEM: _("Per diem in %(place)s"),
            LODGING: _("Accommodation in %(place)s"),
            INTERPRETER: _("Interpreter"),
        }[self.kind] % {"place": place}

    @property
    def explanation(self) -> str:
        values = {
            "persons": ngettext("%(n)d person", "%(n)d people", self.persons) % {"n": self.persons},
            "days": ngettext("%(n)d day", "%(n)d days", self.units) % {"n": self.units},
            "nights": ngettext("%(n)d night", "%(n)d nights", self.units) % {"n": self.units},
            "amount": sek(self.unit_sek),
            "place": self.place_name,
        }
        if self.kind == INTERPRETER:
            values["norm"] = _("ICLD's fee from %(date)s") % {"date": self.norm_from.isoformat()}
        else:
            values["norm"] = _("norm for %(place)s from %(date)s") % {
                "place": self.place_name,
                "date": self.norm_from.isoformat(),
            }
        return {
            INTERNATIONAL_TRAVEL: _("%(persons)s × %(amount)s return journey (%(norm)s)"),
            DOMESTIC_TRAVEL: _("%(persons)s × %(amount)s domestic travel (%(norm)s)"),
            PER_DIEM: _("%(persons)s × %(days)s × %(amount)s per diem (%(norm)s)"),
            LODGING: _("%(persons)s × %(nights)s × %(amount)s accommodation (%(norm)s)"),
            INTERPRETER: _("%(days)s × %(amount)s interpreter (%(norm)s)"),
        }[self.kind] % values

    def basis(self) -> dict:
        """The facts as JSON, so a stored line explains itself in either language."""
        return {
            "kind": self.kind,
            "persons": self.persons,
            "units": self.units,
            "unit_sek": self.unit_sek,
            "place": self.place,
            "place_sv": self.place_sv,
            "place_en": self.place_en,
            "norm_from": self.norm_from.isoformat(),
        }

    @classmethod
    def from_basis(cls, basis: Mapping) -> Line:
        return cls(
            kind=basis["kind"],
            persons=int(basis["persons"]),
            units=int(basis["units"]),
            unit_sek=int(basis["unit_sek"]),
            place=basis["place"],
            place_sv=basis["place_sv"],
            place_en=basis["place_en"],
            norm_from=datetime.date.fromisoformat(basis["norm_from"]),
        )


def nights(days: int) -> int:
    """A visit of four days (dygn) has three nights away; a day visit none."""
    return max(days - 1, 0)


def lines_for_visit(facts: VisitFacts, norms: Norms) -> list[Line]:
    """The lines one visit costs by the norms: the journey Sweden ↔ the country and domestic
    travel per traveller, per diem per traveller and day, accommodation per traveller and night
    (all at the host country's norms), and an interpreter per day when one is needed. A norm
    that is missing gives no line (`missing_norms` names it)."""
    if facts.travellers < 1 or facts.days < 1:
        return []
    abroad = facts.host if facts.host != SWEDEN else facts.travellers_from

    def line(kind: str, rate: Rate, persons: int, units: int, place: str) -> Line:
        sv, en = norms.place_names.get(place, (place, place))
        return Line(kind, persons, units, rate.amount_sek, place, sv, en, rate.valid_from)

    lines = []
    if rate := norms.international.get(abroad):
        lines.append(line(INTERNATIONAL_TRAVEL, rate, facts.travellers, 1, abroad))
    if rate := norms.domestic.get(facts.host):
        lines.append(line(DOMESTIC_TRAVEL, rate, facts.travellers, 1, facts.host))
    if rate := norms.per_diem.get(facts.host):
        lines.append(line(PER_DIEM, rate, facts.travellers, facts.days, facts.host))
    if (rate := norms.accommodation.get(facts.host)) and nights(facts.days):
        lines.append(line(LODGING, rate, facts.travellers, nights(facts.days), facts.host))
    if facts.interpreter and (rate := norms.fees.get(INTERPRETER_DAY)):
        lines.append(line(INTERPRETER, rate, 1, facts.days, facts.host))
    return lines


def missing_norms(facts: VisitFacts, norms: Norms) -> list[str]:
    """The norms a visit needs that are not in force on `norms.day` (kinds, see KINDS): its
    costs then go in as the coordinator's own lines, explained."""
    abroad = facts.host if facts.host != SWEDEN else facts.travellers_from
    missing = []
    if abroad not in norms.international:
        missing.append(INTERNATIONAL_TRAVEL)
    if facts.host not in norms.per_diem:
        missing.append(PER_DIEM)
    if facts.host not in norms.accommodation and nights(facts.days):
        missing.append(LODGING)
    if facts.interpreter and INTERPRETER_DAY not in norms.fees:
        missing.append(INTERPRETER)
    return missing
