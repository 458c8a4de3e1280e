"""Demo data: partner organisations, partnerships with their component history, and partners
seeking a Swedish partner — realistic enough to click through, and the same for the same seed.

`seed_demo()` runs one `DemoBuilder` step per kind of row. Every step draws from its own
random stream (derived from the seed and the step's name), so a step added later — the
applications app's applications and participants, say — leaves the earlier data unchanged.
Everything is written with bulk inserts: the number of queries grows with the number of
batches, never with the number of rows.
"""

from __future__ import annotations

import csv
import math
import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from django.db import transaction

from .data_version import bump_data_version
from .models import (
    Component,
    ComponentHistory,
    Country,
    CountryStatus,
    PartnerOrganisation,
    PartnerOrganisationType,
    PartnerSeeking,
    Partnership,
    PartnershipStatus,
    SubjectCategory,
    SwedishOrganisation,
    SwedishOrganisationType,
)
from .reference_data import DATA_DIR, load_reference_data
from .search import fill_search_fields, refresh_search_text

FIRST_DEMO_YEAR = 2000
# The demo's "now": a constant rather than today's year, so that a seed gives the same data
# next year too.
DEMO_YEAR = 2026
# DOMAIN: former countries exist only in history; continuing countries take no new
# partnerships (that rule came in about 2019); new partnerships go to the cluster countries.
FORMER_LAST_START, FORMER_LAST_YEAR = 2012, 2015
CONTINUING_LAST_START = 2018

BATCH_SIZE = 2000
# Partner organisations are reused over time, as in the real programme; when a country needs
# more organisations than its cities give, districts of its municipalities are added.
PARTNERSHIPS_PER_PARTNER_ORGANISATION = 3
PARTNERSHIPS_PER_PARTNER_SEEKING = 20

Progress = Callable[[int], None]


class DemoDataExists(Exception):
    """The database already has partnerships; seeding again would duplicate the demo."""

    def __init__(self, partnerships: int) -> None:
        super().__init__(f"the database already has {partnerships} partnerships")
        self.partnerships = partnerships


# --- Local names ----------------------------------------------------------------------------

# The national association of local authorities, or a national body that brokers city
# partnerships.
ASSOCIATIONS: dict[str, str] = {
    "BA": "Savez općina i gradova Federacije Bosne i Hercegovine",
    "XK": "Association of Kosovo Municipalities",
    "RS": "Stalna konferencija gradova i opština",
    "UA": "Association of Ukrainian Cities",
    "KE": "Council of Governors",
    "TZ": "Association of Local Authorities of Tanzania",
    "UG": "Uganda Local Governments Association",
    "CO": "Federación Colombiana de Municipios",
    "GT": "Asociación Nacional de Municipalidades",
    "BW": "Botswana Association of Local Authorities",
    "ZA": "South African Local Government Association",
    "ZM": "Local Government Association of Zambia",
    "ZW": "Urban Councils Association of Zimbabwe",
    "GE": "National Association of Local Authorities of Georgia",
    "MK": "Association of the Units of Local Self-Government",
    "MD": "Congresul Autorităților Locale din Moldova",
    "ID": "Asosiasi Pemerintah Kota Seluruh Indonesia",
    "CN": "Chinese People's Association for Friendship with Foreign Countries",
    "VN": "Association of Cities of Vietnam",
    "MZ": "Associação Nacional dos Municípios de Moçambique",
    "NA": "Association of Local Authorities in Namibia",
    "TR": "Türkiye Belediyeler Birliği",
    "IN": "All India Institute of Local Self-Government",
}
# Those bodies are not associations of local authorities.
NOT_ASSOCIATIONS = {"CN", "IN"}


@dataclass(frozen=True)
class CountryNaming:
    municipality: str
    region: str
    district: str


@dataclass(frozen=True)
class City:
    name: str
    latitude: float
    longitude: float
    region: str
    own_name: str  # "" for the country's pattern, "-" for no municipality here


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _naming() -> dict[str, CountryNaming]:
    """How local governments are called, per country (`data/demo_naming.csv`): patterns over a
    city's and its region's name, and the word for a district (for when more organisations are
    needed than the cities give)."""
    return {
        row["country"]: CountryNaming(row["municipality"], row["region"], row["district"])
        for row in _rows("demo_naming.csv")
    }


def _cities() -> dict[str, list[City]]:
    """The cities per country, in the file's order (`data/demo_cities.csv`): name, position,
    region (for the region pattern) and own name where the country's pattern does not fit
    ("-" when only the region has its seat there)."""
    cities = defaultdict(list)
    for row in _rows("demo_cities.csv"):
        cities[row["country"]].append(
            City(
                row["city"],
                float(row["latitude"]),
                float(row["longitude"]),
                row["region"],
                row["own_name"],
            )
        )
    return dict(cities)


NAMING = _naming()
CITIES = _cities()


@dataclass(frozen=True)
class OrganisationSpec:
    """A partner organisation before it is a row."""

    country: str
    name: str
    type: str
    city: City


def base_organisations(code: str) -> list[OrganisationSpec]:
    """The country's municipalities, regions and association, in table order."""
    naming, specs, seen = NAMING[code], [], set()

    def add(name: str, kind: str, city: City) -> None:
        if name not in seen:
            seen.add(name)
            specs.append(OrganisationSpec(code, name, kind, city))

    for city in CITIES[code]:
        if city.own_name != "-":
            pattern = city.own_name or naming.municipality
            add(pattern.format(city=city.name), PartnerOrganisationType.MUNICIPALITY, city)
        if naming.region and city.region:
            add(naming.region.format(region=city.region), PartnerOrganisationType.REGION, city)
    if code in ASSOCIATIONS:
        # An association sits in the capital, which the table lists first.
        kind = (
            PartnerOrganisationType.OTHER
            if code in NOT_ASSOCIATIONS
            else PartnerOrganisationType.ASSOCIATION
        )
        add(ASSOCIATIONS[code], kind, CITIES[code][0])
    return specs


def organisation_pool(code: str, size: int) -> list[OrganisationSpec]:
    """At least `size` organisations of one country, all with different names: the base ones,
    then districts of its municipalities ("Kisumu City Board – Ward 2")."""
    pool = base_organisations(code)
    municipalities = [s for s in pool if s.type == PartnerOrganisationType.MUNICIPALITY]
    district, n = NAMING[code].district, 1
    while len(pool) < size and municipalities:
        pool += [
            OrganisationSpec(code, f"{s.name} – {district} {n}", s.type, s.city)
            for s in municipalities[: size - len(pool)]
        ]
        n += 1
    return pool


# --- Swedish texts --------------------------------------------------------------------------

# What a partnership in a subject category sets out to do ("... samarbetar för att ...").
GOALS: dict[str, str] = {
    "gender-equality": "öka andelen kvinnor i beslutande positioner",
    "climate-environment": "göra invånarna delaktiga i det lokala klimatarbetet",
    "youth-participation": "ge unga ett verkligt inflytande över lokala beslut",
    "citizen-dialogue": "utveckla metoder för medborgardialog i budgetarbetet",
    "education": "stärka skolans demokratiuppdrag och elevernas inflytande",
    "health-social-care": "göra omsorgen mer tillgänglig för marginaliserade grupper",
    "urban-planning": "involvera invånarna i planeringen av nya bostadsområden",
    "water-sanitation": "förbättra tillgången till rent vatten i informella bosättningar",
    "waste-management": "bygga upp en hållbar och öppen avfallshantering",
    "culture": "använda kulturen som väg till delaktighet för unga",
    "public-administration": "öka öppenheten och insynen i den kommunala förvaltningen",
    "human-rights": "stärka inkluderingen av personer med funktionsnedsättning",
    "local-economy": "skapa förutsättningar för lokalt företagande bland unga och kvinnor",
    "digitalisation": "utveckla e-tjänster som gör förvaltningen mer tillgänglig",
}
GENERIC_GOAL = "stärka den lokala demokratin och invånarnas inflytande"
METHODS = (
    "Arbetet sker genom kollegialt lärande och ömsesidiga studiebesök.",
    "Parterna arbetar med benchmarking, mentorskap och gemensamma workshops.",
    "Politiker från majoritet och opposition deltar i styrgruppen på båda sidor.",
    "Civilsamhällets organisationer är med i projektgruppen från början.",
    "Resultaten sprids till fler kommuner i regionen genom nätverksträffar.",
    "Projektet utgår från en gemensam kartläggning av målgruppens behov.",
)
# Contact persons of partners seeking a Swedish partner, by cluster: first names, last names.
PEOPLE: dict[str, tuple[str, str]] = {
    "europe": (
        "Olena Andriy Ivana Marko Amra Arben Vesna Nikola",
        "Kovalenko Petrović Hadžić Krasniqi Jovanović Shevchenko Berisha Popović",
    ),
    "east_africa": (
        "Grace Peter Amina John Mary Joseph Halima Daniel",
        "Otieno Mwangi Wanjiru Mushi Okello Nakato Kimaro Achieng",
    ),
    "latin_america": (
        "María Juan Ana Carlos Lucía Diego Rosa Andrés",
        "García Rodríguez Martínez López Hernández Gómez Pérez Ramírez",
    ),
    "southern_africa": (
        "Thabo Naledi Tendai Chipo Mpho Lerato Bwalya Kagiso",
        "Nkosi Dlamini Moyo Banda Phiri Mokoena Sibanda Molefe",
    ),
}


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def describe_partnership(
    rng: random.Random, swedish_name: str, partner_name: str, categories: Sequence[SubjectCategory]
) -> str:
    goal = GOALS.get(categories[0].slug, GENERIC_GOAL)
    return f"{swedish_name} och {partner_name} samarbetar för att {goal}. {rng.choice(METHODS)}"


def describe_seeking(rng: random.Random, name: str, categories: Sequence[SubjectCategory]) -> str:
    names = [c.name_sv.lower() for c in categories]
    themes = " och ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    goal = GOALS.get(categories[0].slug, GENERIC_GOAL)
    return (
        f"{name} söker en svensk kommun eller region att samarbeta med inom {themes}. "
        f"Vi vill {goal}. {rng.choice(METHODS)}"
    )


# --- Partnership plans (no database) --------------------------------------------------------

ComponentRow = tuple[str, int, int, bool]  # component, start year, end year, granted


@dataclass
class PartnershipPlan:
    country: Country
    start_year: int
    end_year: int | None
    status: str
    components: list[ComponentRow]
    partner: OrganisationSpec | None = None
    further_partner: OrganisationSpec | None = None
    partnership_id: int | None = None  # set once the row exists, for later steps


def may_start(status: str, year: int) -> bool:
    """Whether a country of this programme status took new partnerships in `year`."""
    if status == CountryStatus.FORMER:
        return year <= FORMER_LAST_START
    if status == CountryStatus.CONTINUING:
        return year <= CONTINUING_LAST_START
    return True


def plan_components(
    rng: random.Random, start: int, last: int, *, open_ended: bool
) -> list[ComponentRow]:
    """The component history from `start` until `last`.

    A Förberedelse of one year, then Projekt with its Styrgrupp for the same 1–3 years; between
    projects sometimes a Breddning within a year or a Spridning. A declined application is
    tried again the year after. Only an `open_ended` (active) partnership's last project may
    run past `last`.
    """
    rows = []
    year = start
    if year < last and rng.random() < 0.07:
        rows.append((Component.FORBEREDELSE, year, year, False))
        year += 1
    rows.append((Component.FORBEREDELSE, year, year, True))
    year += 1
    while year <= last:
        length = rng.choices((1, 2, 3), weights=(2, 3, 4))[0]
        if not open_ended:
            length = min(length, last - year + 1)
        granted = rng.random() > 0.12
        end = year + length - 1
        rows += [
            (Component.PROJEKT, year, end, granted),
            (Component.STYRGRUPP, year, end, granted),
        ]
        year = end + 1 if granted else year + 1
        if not granted or year > last:
            continue
        between = rng.random()
        if between < 0.2:
            rows.append((Component.BREDDNING, year, year, rng.random() > 0.1))
            year += 1
        elif between < 0.3 and year >= 2017:  # Spridning came with the components of ~2017
            spread_end = min(year + rng.randint(0, 1), last)
            rows.append((Component.SPRIDNING, year, spread_end, rng.random() > 0.2))
            year = spread_end + 1
    return rows


# How many years a partnership runs: most a few years, some a decade or more.
DURATIONS = (1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15)
DURATION_WEIGHTS = (2, 3, 4, 4, 3, 3, 2, 2, 1.5, 1, 0.5)


def plan_partnerships(
    rng: random.Random, countries: Sequence[Country], count: int
) -> list[PartnershipPlan]:
    """`count` partnerships, oldest first, each in a country that took new partnerships in its
    start year."""
    years = range(FIRST_DEMO_YEAR, DEMO_YEAR + 1)
    eligible = {y: [c for c in countries if may_start(c.status, y)] for y in years}
    # The programme grew: later years start more partnerships. A year without an eligible
    # country (staff may have changed every status) starts none.
    year_weights = [(1 + (y - FIRST_DEMO_YEAR) / 8) * bool(eligible[y]) for y in years]
    if count and not any(year_weights):
        raise ValueError("no country of the programme can take a partnership")
    plans = []
    for start in sorted(rng.choices(years, weights=year_weights, k=count)):
        country = rng.choice(eligible[start])
        last = start + rng.choices(DURATIONS, weights=DURATION_WEIGHTS)[0] - 1
        if country.status == CountryStatus.FORMER:
            last = min(last, FORMER_LAST_YEAR)
        if last >= DEMO_YEAR:
            components = plan_components(rng, start, DEMO_YEAR, open_ended=True)
            # Some active partnerships already know when their current project ends.
            planned_end = max(DEMO_YEAR, *(end for _, _, end, _ in components))
            end_year = planned_end if rng.random() < 0.3 else None
            status = PartnershipStatus.ACTIVE
        else:
            components = plan_components(rng, start, last, open_ended=False)
            end_year = max(end for _, _, end, _ in components)
            status = PartnershipStatus.ENDED
        plans.append(PartnershipPlan(country, start, end_year, status, components))
    return plans


def choose_partners(rng: random.Random, plans: Sequence[PartnershipPlan]) -> None:
    """Give each plan its partner organisation, and a few a further one in the same country."""
    per_country = Counter(p.country.code for p in plans)
    pools = {
        code: organisation_pool(code, math.ceil(n / PARTNERSHIPS_PER_PARTNER_ORGANISATION))
        for code, n in sorted(per_country.items())
    }
    for plan in plans:
        pool = pools[plan.country.code]
        plan.partner = rng.choice(pool)
        if rng.random() < 0.03 and len(pool) > 1:
            plan.further_partner = rng.choice([s for s in pool if s is not plan.partner])


# --- Writing rows ---------------------------------------------------------------------------


def _batches(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class DemoBuilder:
    """Writes the demo, one method per kind of row; each returns how many rows it added.

    Later steps read what earlier ones left: `plans` (with their partnership ids) and
    `partner_organisations`.
    """

    seed: int
    countries: list[Country] = field(init=False)
    categories: list[SubjectCategory] = field(init=False)
    swedish_organisations: list[SwedishOrganisation] = field(init=False)
    plans: list[PartnershipPlan] = field(default_factory=list, init=False)
    # (country code, name) -> the partner organisation, with its country
    partner_organisations: dict[tuple[str, str], PartnerOrganisation] = field(
        default_factory=dict, init=False
    )
    swedish_by_county: dict[int, list[SwedishOrganisation]] = field(init=False)

    def __post_init__(self) -> None:
        load_reference_data()
        # Fixed orderings, so that the same seed draws the same rows whatever the ids are.
        # Countries without local names here (added by staff) are left out.
        self.countries = [c for c in Country.objects.order_by("code") if c.code in NAMING]
        self.categories = list(SubjectCategory.objects.order_by("slug"))
        self.swedish_organisations = list(
            SwedishOrganisation.objects.filter(
                type__in=[SwedishOrganisationType.MUNICIPALITY, SwedishOrganisationType.REGION]
            ).order_by("type", "code")
        )
        self.swedish_by_county = defaultdict(list)
        for organisation in self.swedish_organisations:
            self.swedish_by_county[organisation.county_id].append(organisation)

    def rng(self, step: str) -> random.Random:
        # One stream per step: a step added later draws from its own and changes nothing here.
        return random.Random(f"{self.seed}/{step}")  # noqa: S311 - demo data, not secrets

    def partner_organisation_rows(self, partnerships: int) -> dict[str, int]:
        """Plan the partnerships and create the organisations abroad they need; an
        organisation that exists by name (from an earlier run) is reused."""
        rng = self.rng("partnerships")
        self.plans = plan_partnerships(rng, self.countries, partnerships)
        choose_partners(rng, self.plans)
        countries = {c.code: c for c in self.countries}
        self.partner_organisations = {
            (o.country.code, o.name): o
            for o in PartnerOrganisation.objects.select_related("country")
        }
        new = {}
        for plan in self.plans:
            for spec in (plan.partner, plan.further_partner):
                key = (spec.country, spec.name) if spec else None
                if key and key not in self.partner_organisations and key not in new:
                    # A few kilometres off the centre, so that one city's markers do not stack.
                    new[key] = PartnerOrganisation(
                        name=spec.name,
                        country=countries[spec.country],
                        type=spec.type,
                        city=spec.city.name,
                        latitude=round(spec.city.latitude + rng.uniform(-0.04, 0.04), 5),
                        longitude=round(spec.city.longitude + rng.uniform(-0.04, 0.04), 5),
                    )
        PartnerOrganisation.objects.bulk_create(new.values(), batch_size=BATCH_SIZE)
        self.partner_organisations |= new
        return {"partner_organisations": len(new)}

    def partnership_rows(self, progress: Progress | None = None) -> dict[str, int]:
        """The planned partnerships with their categories, further parties and components."""
        rng = self.rng("partnership-details")
        choose_swedish = self._swedish_chooser(rng)
        through_categories = Partnership.categories.through
        through_swedish = Partnership.additional_swedish_organisations.through
        through_partners = Partnership.additional_partner_organisations.through
        added = dict.fromkeys(
            ("partnerships", "partnership_categories", "further_parties", "components"), 0
        )
        for batch in _batches(self.plans):
            partnerships, categories = [], []
            for plan in batch:
                organisation = choose_swedish(plan.partner)
                chosen = rng.sample(self.categories, rng.choices((1, 2, 3), (3, 4, 3))[0])
                # "Borgholm", but "Region Stockholm": a region's short name is its county's.
                swedish_name = (
                    organisation.short_name
                    if organisation.type == SwedishOrganisationType.MUNICIPALITY
                    else ""
                ) or organisation.name
                partnership = Partnership(
                    swedish_organisation=organisation,
                    partner_organisation=self.partner_organisation(plan.partner),
                    description=describe_partnership(rng, swedish_name, plan.partner.name, chosen),
                    start_year=plan.start_year,
                    end_year=plan.end_year,
                    status=plan.status,
                )
                # bulk_create skips save(), which fills the search text; the few partnerships
                # with further parties get theirs refreshed once those rows exist.
                fill_search_fields(partnership, with_additional=False)
                partnerships.append(partnership)
                categories.append(chosen)
            Partnership.objects.bulk_create(partnerships, batch_size=BATCH_SIZE)

            category_rows, swedish_rows, partner_rows, component_rows = [], [], [], []
            for plan, partnership, chosen in zip(batch, partnerships, categories, strict=True):
                plan.partnership_id = pk = partnership.pk
                category_rows += [
                    through_categories(partnership_id=pk, subjectcategory_id=c.pk) for c in chosen
                ]
                if plan.further_partner:
                    partner_rows.append(
                        through_partners(
                            partnership_id=pk,
                            partnerorganisation_id=self.partner_organisation(
                                plan.further_partner
                            ).pk,
                        )
                    )
                elif neighbour := self._neighbour(rng, partnership.swedish_organisation):
                    swedish_rows.append(
                        through_swedish(partnership_id=pk, swedishorganisation_id=neighbour.pk)
                    )
                component_rows += [
                    ComponentHistory(
                        partnership_id=pk,
                        component=component,
                        start_year=start,
                        end_year=end,
                        granted=granted,
                    )
                    for component, start, end, granted in plan.components
                ]
            through_categories.objects.bulk_create(category_rows, batch_size=BATCH_SIZE)
            through_swedish.objects.bulk_create(swedish_rows, batch_size=BATCH_SIZE)
            through_partners.objects.bulk_create(partner_rows, batch_size=BATCH_SIZE)
            ComponentHistory.objects.bulk_create(component_rows, batch_size=BATCH_SIZE)
            if further := [r.partnership_id for r in swedish_rows + partner_rows]:
                refresh_search_text(Partnership.objects.filter(pk__in=further))
            added["partnerships"] += len(partnerships)
            added["partnership_categories"] += len(category_rows)
            added["further_parties"] += len(swedish_rows) + len(partner_rows)
            added["components"] += len(component_rows)
            if progress:
                progress(len(batch))
        return added

    def partner_organisation(self, spec: OrganisationSpec) -> PartnerOrganisation:
        return self.partner_organisations[(spec.country, spec.name)]

    def _swedish_chooser(
        self, rng: random.Random
    ) -> Callable[[OrganisationSpec], SwedishOrganisation]:
        """Draws the Swedish party for a partner organisation.

        Some Swedish organisations are far more active than others, regions less than
        municipalities; and a partner organisation's next partnership is usually with the same
        Swedish organisation, as pairs go on working together for decades.
        """
        swedish = self.swedish_organisations
        cum_weights = list(
            accumulate(
                rng.lognormvariate(0, 1)
                * (1 if o.type == SwedishOrganisationType.MUNICIPALITY else 0.5)
                for o in swedish
            )
        )
        earlier: dict[OrganisationSpec, SwedishOrganisation] = {}

        def choose(partner: OrganisationSpec) -> SwedishOrganisation:
            if partner not in earlier or rng.random() < 0.3:
                earlier[partner] = rng.choices(swedish, cum_weights=cum_weights)[0]
            return earlier[partner]

        return choose

    def _neighbour(
        self, rng: random.Random, organisation: SwedishOrganisation
    ) -> SwedishOrganisation | None:
        """For a few partnerships, a further Swedish party: a neighbour in the same county,
        often its region."""
        if rng.random() >= 0.03:
            return None
        county = [o for o in self.swedish_by_county[organisation.county_id] if o != organisation]
        regions = [o for o in county if o.type == SwedishOrganisationType.REGION]
        if regions and rng.random() < 0.5:
            return regions[0]
        return rng.choice(county) if county else None

    def partner_seeking_rows(self, count: int) -> dict[str, int]:
        """Organisations in cluster countries that seek a Swedish partner; some not published."""
        rng = self.rng("partner-seekings")
        countries = [c for c in self.countries if c.status == CountryStatus.CLUSTER]
        seekings, themes = [], []
        for _ in range(count if countries else 0):
            country = rng.choice(countries)
            spec = rng.choice(base_organisations(country.code))
            first_names, last_names = PEOPLE.get(country.cluster, PEOPLE["europe"])
            first, last = rng.choice(first_names.split()), rng.choice(last_names.split())
            chosen = rng.sample(self.categories, rng.choices((1, 2, 3), (4, 4, 2))[0])
            seekings.append(
                PartnerSeeking(
                    organisation_name=spec.name,
                    organisation_type=spec.type,
                    country=country,
                    city=spec.city.name,
                    description=describe_seeking(rng, spec.name, chosen),
                    contact_name=f"{first} {last}",
                    contact_email=f"{ascii_slug(first)}.{ascii_slug(last)}@example.org",
                    published=rng.random() < 0.7,
                )
            )
            themes.append(chosen)
        PartnerSeeking.objects.bulk_create(seekings, batch_size=BATCH_SIZE)
        through = PartnerSeeking.themes.through
        theme_rows = [
            through(partnerseeking_id=seeking.pk, subjectcategory_id=category.pk)
            for seeking, chosen in zip(seekings, themes, strict=True)
            for category in chosen
        ]
        through.objects.bulk_create(theme_rows, batch_size=BATCH_SIZE)
        return {"partner_seekings": len(seekings), "partner_seeking_themes": len(theme_rows)}


@transaction.atomic
def seed_demo(
    *, partnerships: int, seed: int = 1, progress: Progress | None = None, append: bool = False
) -> dict[str, int]:
    """Write demo data with `partnerships` partnerships; return how many rows of each kind.

    Raises DemoDataExists when partnerships exist already, unless `append` is true: then the
    demo is added to them, reusing partner organisations of the same name. `progress` is
    called with 0 when the seeding starts, then with the number of partnerships written.
    """
    if not append and (existing := Partnership.objects.count()):
        raise DemoDataExists(existing)
    if progress:
        progress(0)
    # The public pages and the API cache by this version; bulk inserts send no signals.
    transaction.on_commit(bump_data_version)
    builder = DemoBuilder(seed=seed)
    added = builder.partner_organisation_rows(partnerships)
    added |= builder.partnership_rows(progress)
    added |= builder.partner_seeking_rows(
        math.ceil(partnerships / PARTNERSHIPS_PER_PARTNER_SEEKING)
    )
    return added
