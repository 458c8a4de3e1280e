"""Where each rule comes from, and the numbers staff may change (the rule set as plain data)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .values import (
    ACADEMIA,
    BREDDNING,
    BUSINESS,
    CATEGORIES,
    CIVIL_SOCIETY,
    COMPONENTS,
    ERROR,
    FORBEREDELSE,
    OFFICIAL,
    POLITICIAN,
    PROJEKT,
    SPRIDNING,
    STYRGRUPP,
    WARNING,
)


@dataclass(frozen=True)
class Source:
    """The programme text a rule comes from: what the portal's page of the programme's rules
    says of it (a title and a summary, translated; the page's anchor is the key in SOURCES), and
    the seed page with the line quoted (ICLD's own Swedish pages)."""

    title: Promise
    summary: Promise
    seed: str
    quote: str


SEED_COUNTRIES = "002_476a4bc0d060b639"
SEED_COMPONENTS = "004_19279aa885f77c01"
# The seed pages by name, as the programme's page of rules cites them.
SEED_TITLES = {
    SEED_COUNTRIES: "ICLD, ”Kommunala partnerskap” (2024)",
    SEED_COMPONENTS: "ICLD, ”Partnerskapsprogrammets komponenter” (2024)",
}
SOURCES: dict[str, Source] = {
    "applicant": Source(
        _("Who may apply"),
        _(
            "Swedish municipalities, regions, district committees, municipal and regional "
            "federations, joint committees and municipal cooperation organisations may apply, "
            "always together with a partner organisation in a cooperation country."
        ),
        SEED_COUNTRIES,
        "Svenska kommuner, regioner, kommundels- eller stadsdelsnämnder, kommunalförbund, "
        "regionförbund, gemensam nämnd, kommunala samverkansorganisationer, till exempel "
        "kommunförbund, kan ansöka om medel för kommunala partnerskap tillsammans med "
        "motsvarande organisationer i ovanstående länder.",
    ),
    "countries": Source(
        _("Cluster, continuing and former countries"),
        _(
            "Cluster countries take new partnerships. In a continuing country only partnerships "
            "that have already had a dialogue with ICLD, a Preparation or a Project there may "
            "continue; a new partnership is not eligible. Countries that have left the programme "
            "take no new applications."
        ),
        SEED_COUNTRIES,
        "Utöver ovanstående länder finns följande länder där kommuner sedan tidigare har en "
        "dialog eller genomförda/pågående Förberedelser eller Projekt. ICLD har för avsikt att "
        "tillåta att dessa fortsätter sitt engagemang och ge finansiering",
    ),
    "rounds": Source(
        _("Application rounds"),
        _(
            "A Preparation can be applied for at any time. The other components can be submitted "
            "all year but are processed in rounds: an application submitted between rounds goes "
            "to the next round that takes its component."
        ),
        SEED_COUNTRIES,
        "Ansökan till programmets övriga komponenter kan också göras under hela året men "
        "behandlas i särskilda ansökningsomgångar",
    ),
    FORBEREDELSE: Source(
        _("The Preparation team"),
        _(
            "Each party: two politicians, preferably one from the majority and one from the "
            "opposition, and one or two officials, one of whom is the coordinator and main "
            "contact with ICLD. Civil-society representatives may join; other categories are not "
            "part of the team."
        ),
        SEED_COMPONENTS,
        "Teamet ska bestå av två politiker, företrädesvis från majoritet respektive opposition, "
        "och en eller två tjänstepersoner från varje partner, varav en är samordnare och "
        "huvudsaklig kontaktperson till ICLD. Representanter från civilsamhällsorganisationer "
        "kan också ingå I teamet.",
    ),
    "forberedelse_visits": Source(
        _("The Preparation's meetings"),
        _(
            "The funding covers two meetings between the parties, one in each country, for about "
            "four participants."
        ),
        SEED_COMPONENTS,
        "finansieringen är anpassad för två möten mellan parterna, ett i vardera land, för "
        "cirka fyra deltagare",
    ),
    "forberedelse_period": Source(
        _("The Preparation's period"),
        _(
            "A Preparation usually runs for one year from the approved application or the signed "
            "agreement."
        ),
        SEED_COMPONENTS,
        "Förberedelsen löper vanligtvis under ett år från beviljad ansökan/undertecknat avtal",
    ),
    PROJEKT: Source(
        _("The project group"),
        _(
            "Each party: three to five officials, one of whom is the project leader and contact "
            "with ICLD. Civil society, academia and business are encouraged to take part; "
            "politicians belong in the steering group."
        ),
        SEED_COMPONENTS,
        "Gruppen ska bestå av 3-5 tjänstepersoner från varje part, varav en projektledare som "
        "är kontaktperson till ICLD. ICLD uppmuntrar också att inkludera representanter från en "
        "organisation från det civila samhället, akademiska institutioner eller näringslivet.",
    ),
    "planning_tool": Source(
        _("The planning tool"),
        _(
            "A Project is preceded by the parties' work with ICLD's planning tool: done during a "
            "Preparation or a Widening, or filled in on the application."
        ),
        SEED_COMPONENTS,
        "Projektansökan ska ha föregåtts av att parterna arbetat med ICLD:s "
        "projektplaneringsverktyg",
    ),
    "projekt_styrgrupp": Source(
        _("A Project and its Steering group"),
        _(
            "A Project needs a Steering group that runs for the same period, and a Steering "
            "group goes with a Project."
        ),
        SEED_COMPONENTS,
        "Projekt förutsätter att det finns en tillhörande styrgrupp som löper under motsvarande "
        "tid.",
    ),
    STYRGRUPP: Source(
        _("The steering group"),
        _(
            "Each party: politicians of the majority and of the opposition (where an elected "
            "opposition exists) and leading officials, the party's coordinator among them."
        ),
        SEED_COMPONENTS,
        "I styrgruppen ska företrädare för den politiska majoriteten och oppositionen (där "
        "politiskt valda företrädare för oppositionen finns) samt ledande tjänstepersoner från "
        "båda parter ingå.",
    ),
    BREDDNING: Source(
        _("The Widening team"),
        _(
            "Each party: four participants, one of whom is the coordinator and contact with "
            "ICLD. Civil-society representatives may join besides them."
        ),
        SEED_COMPONENTS,
        "Breddningsteamet ska bestå av fyra deltagare från varje part, varav en samordnare som "
        "är kontaktperson till ICLD. Även representanter från civilsamhällesorganisationer kan "
        "ingå i teamet.",
    ),
    "breddning_prerequisites": Source(
        _("The Widening's prerequisites"),
        _(
            "A Widening needs an existing steering group, runs for six months and funds two "
            "international visits, one in each country."
        ),
        SEED_COMPONENTS,
        "Breddningen förutsätter att det finns en befintlig styrgrupp och pågår i sex månader "
        "från godkännande av ansökan/undertecknande av avtalet, och finansieringen möjliggör två "
        "internationella besök mellan parterna, ett i varje land.",
    ),
    SPRIDNING: Source(
        _("Dissemination"),
        _(
            "An application for Dissemination is always preceded by a dialogue with ICLD. Each "
            "party: two or three people, one of whom is the project leader and contact."
        ),
        SEED_COMPONENTS,
        "En ansökan om spridningsinsatser ska alltid föregås av dialog med ICLD.",
    ),
    "gender": Source(
        _("Gender balance"),
        _(
            "ICLD asks for gender-balanced teams. The portal counts a team as balanced when at "
            "least 40 % are women and 40 % men (the programme's pages give no figure). It is a "
            "warning, not a block."
        ),
        SEED_COMPONENTS,
        "Grupperna bör vara könsbalanserade. Mångfald uppmuntras i alla avseenden.",
    ),
}


@dataclass(frozen=True)
class Limit:
    """One number (or range) of a rule: `minimum <= value <= maximum` (None: no bound), the
    severity of a finding when it does not hold, and for a "categories" limit the categories of
    people a team admits."""

    minimum: int | None = None
    maximum: int | None = None
    severity: str = ERROR
    source: str = ""
    categories: frozenset[str] = frozenset()

    def admits(self, value: int) -> bool:
        return (self.minimum is None or value >= self.minimum) and (
            self.maximum is None or value <= self.maximum
        )


# The keys of a rule set, per component. Staff edit the numbers in the admin; the code reads
# them only through `RuleSet.limit`, so a missing row falls back to the default below.
RULE_KEYS = {
    "politicians": _("politicians per party"),
    "officials": _("officials per party"),
    "members": _("participants per party (besides those not counted)"),
    "categories": _("categories of people the team admits"),
    "period_months": _("length of the period in months"),
    "visits": _("visits in the visit plan"),
    "visit_participants": _("participants per visit"),
}


@dataclass(frozen=True)
class RuleSet:
    """The rule numbers in force from `effective_from`, as plain data: {(component, key): Limit}.

    An application is judged by the rule set in force on the day it was submitted, a draft by
    today's. Staff keep them in the admin (`applications.rulebook`)."""

    effective_from: datetime.date
    limits: dict[tuple[str, str], Limit]
    name: str = ""

    def limit(self, component: str, key: str) -> Limit:
        try:
            return self.limits[(component, key)]
        except KeyError:
            return DEFAULT_LIMITS[(component, key)]


_ALL = frozenset(CATEGORIES)
DEFAULT_LIMITS: dict[tuple[str, str], Limit] = {
    # "Teamet ska bestå av två politiker … och en eller två tjänstepersoner från varje partner"
    (FORBEREDELSE, "politicians"): Limit(2, 2, ERROR, FORBEREDELSE),
    (FORBEREDELSE, "officials"): Limit(1, 2, ERROR, FORBEREDELSE),
    # "Representanter från civilsamhällsorganisationer kan också ingå I teamet": civil society
    # is the only addition the page names, so academia, business and external participants are
    # not part of a Preparation team. An error, because ICLD funds the team it names (two
    # meetings "för cirka fyra deltagare") and reimburses only approved persons.
    (FORBEREDELSE, "categories"): Limit(
        severity=ERROR,
        source=FORBEREDELSE,
        categories=frozenset({POLITICIAN, OFFICIAL, CIVIL_SOCIETY}),
    ),
    (FORBEREDELSE, "period_months"): Limit(9, 15, ERROR, "forberedelse_period"),
    # "två möten mellan parterna, ett i vardera land, för cirka fyra deltagare": the funding is
    # sized for it; a plan that differs is worth a warning, not a block ("cirka").
    (FORBEREDELSE, "visits"): Limit(2, 2, WARNING, "forberedelse_visits"),
    (FORBEREDELSE, "visit_participants"): Limit(1, 4, WARNING, "forberedelse_visits"),
    # "Gruppen ska bestå av 3-5 tjänstepersoner från varje part"
    (PROJEKT, "officials"): Limit(3, 5, ERROR, PROJEKT),
    # "ICLD uppmuntrar också att inkludera representanter från … det civila samhället,
    # akademiska institutioner eller näringslivet." Politicians are not named: they belong in
    # the steering group ("I styrgruppen ska företrädare för den politiska majoriteten och
    # oppositionen … ingå"). An error, so that a politician is moved to the steering group
    # rather than counted in the operative project group.
    (PROJEKT, "categories"): Limit(
        severity=ERROR,
        source=PROJEKT,
        categories=frozenset({OFFICIAL, CIVIL_SOCIETY, ACADEMIA, BUSINESS}),
    ),
    (PROJEKT, "period_months"): Limit(12, 36, ERROR, PROJEKT),
    (STYRGRUPP, "categories"): Limit(severity=ERROR, source=STYRGRUPP, categories=_ALL),
    (STYRGRUPP, "period_months"): Limit(12, 36, ERROR, "projekt_styrgrupp"),
    # "Breddningsteamet ska bestå av fyra deltagare från varje part … Även representanter från
    # civilsamhällesorganisationer kan ingå i teamet": four besides civil society.
    (BREDDNING, "members"): Limit(4, 4, ERROR, BREDDNING),
    # The page names no category for the four, so every category counts.
    (BREDDNING, "categories"): Limit(severity=ERROR, source=BREDDNING, categories=_ALL),
    (BREDDNING, "period_months"): Limit(5, 7, ERROR, "breddning_prerequisites"),
    # "två internationella besök mellan parterna, ett i varje land": a warning, as above.
    (BREDDNING, "visits"): Limit(2, 2, WARNING, "breddning_prerequisites"),
    (SPRIDNING, "members"): Limit(2, 3, ERROR, SPRIDNING),
    (SPRIDNING, "categories"): Limit(severity=ERROR, source=SPRIDNING, categories=_ALL),
}
for _component in COMPONENTS:
    for _key in ("visits", "visit_participants", "period_months"):
        DEFAULT_LIMITS.setdefault((_component, _key), Limit(severity=WARNING))
DEFAULT_RULES = RuleSet(
    effective_from=datetime.date(2024, 1, 1), limits=dict(DEFAULT_LIMITS), name="2024"
)
