"""The dashboard's figures: each turns a selector's rows into a chart and the table under it.

The table is also the figure's CSV: the same headers and rows, raw numbers instead of the
localised text the page shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from applications.models import ApplicationStatus, Participant
from partnerships.models import Cluster, Component, PartnershipStatus

from . import selectors
from .charts import Bar, Chart
from .selectors import Filters

Value = int | float | str | None


@dataclass(frozen=True)
class Cell:
    value: Value  # what the CSV holds
    text: str  # what the page shows

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float)


@dataclass
class Figure:
    slug: str
    title: str
    description: str
    chart: Chart
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # The filters that apply to this figure ("year", "round").
    filtered_by: tuple[str, ...] = ("year", "round")

    @property
    def is_empty(self) -> bool:
        return not self.chart.bars


def count(value: int) -> Cell:
    return Cell(value, number_format(value, force_grouping=True))


def share(part: int, whole: int) -> Cell:
    """A share in percent with one decimal; empty when there is nothing to share."""
    if not whole:
        return Cell(None, "–")
    percent = round(100 * part / whole, 1)
    return Cell(percent, f"{number_format(percent, 1)} %")


def label(choices: type[TextChoices], value: str | None) -> str:
    """A choice's label; a value no longer among the choices shows as it is stored."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "–")


def text(value: str) -> Cell:
    return Cell(value, value)


def cluster_label(value: str | None) -> str:
    return label(Cluster, value) if value else _("Outside the clusters")


def cluster_order(values: Iterable[str | None]) -> list[str | None]:
    """The four clusters in their order, then countries outside them if there are any."""
    present = {value or "" for value in values}
    return list(Cluster.values) + ([""] if present - set(Cluster.values) else [])


# --- 1. Applications per round by component and status ----------------------------------------


def applications_per_round(filters: Filters) -> Figure:
    rows = selectors.applications_per_round(filters)
    statuses = list(ApplicationStatus)
    groups: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        groups[(row.round_name or "", row.component)][row.status] += row.count
    # Round names (YYYY-NN) sort in time; applications outside rounds come last.
    component_order = {value: index for index, value in enumerate(Component.values)}
    keys = sorted(groups, key=lambda k: (k[0] == "", k[0], component_order.get(k[1], 99), k[1]))

    figure = Figure(
        slug="applications-per-round",
        title=_("Applications per round by component and status"),
        description=_(
            "Every application, drafts included. Förberedelse is applied for at any time and "
            "is counted outside rounds."
        ),
        chart=Chart(series=[str(s.label) for s in statuses], bars=[]),
        headers=[_("Round"), _("Component")] + [str(s.label) for s in statuses] + [_("Total")],
    )
    totals = defaultdict(int)
    for round_name, component in keys:
        counts = groups[(round_name, component)]
        round_text = round_name or _("Outside rounds")
        values = [counts.get(s.value, 0) for s in statuses]
        total = sum(counts.values())
        for status, number in counts.items():
            totals[status] += number
        figure.chart.bars.append(
            Bar(
                label=f"{round_text} · {label(Component, component)}",
                values=values,
                text=number_format(total, force_grouping=True),
            )
        )
        figure.rows.append(
            [text(round_text), text(label(Component, component))]
            + [count(v) for v in values]
            + [count(total)]
        )
    if keys:
        figure.rows.append(
            [text(_("All rounds")), text(_("All components"))]
            + [count(totals.get(s.value, 0)) for s in statuses]
            + [count(sum(totals.values()))]
        )
    return figure


# --- 2. Approval rate per component and per cluster -------------------------------------------


def _approval_figure(
    filters: Filters, *, by: str, keys: Callable[[list], list], name: Callable[[str], str]
) -> Figure:
    rows = {row.key or "": row for row in selectors.approval_rates(filters, by=by)}
    headers = {"component": _("Component"), "cluster": _("Cluster")}
    figure = Figure(
        slug=f"approval-rate-per-{by}",
        title={
            "component": _("Approval rate per component"),
            "cluster": _("Approval rate per cluster"),
        }[by],
        description=_(
            "Approved applications as a share of the decided ones (approved or declined)."
        ),
        chart=Chart(series=[_("Approval rate")], bars=[], maximum=100),
        headers=[headers[by], _("Approved"), _("Declined"), _("Decided"), _("Approval rate (%)")],
    )
    for key in keys(list(rows)):
        row = rows.get(key) or selectors.Approval(key, 0, 0)
        rate = share(row.approved, row.decided)
        figure.chart.bars.append(
            Bar(
                label=name(key),
                values=[rate.value or 0],
                text=_("%(rate)s (%(approved)s of %(decided)s)")
                % {"rate": rate.text, "approved": row.approved, "decided": row.decided}
                if row.decided
                else _("none decided"),
            )
        )
        figure.rows.append(
            [
                text(name(key)),
                count(row.approved),
                count(row.decided - row.approved),
                count(row.decided),
                rate,
            ]
        )
    return figure


def approval_rate_per_component(filters: Filters) -> Figure:
    return _approval_figure(
        filters,
        by="component",
        keys=lambda present: list(Component.values) + sorted(set(present) - set(Component.values)),
        name=lambda key: label(Component, key),
    )


def approval_rate_per_cluster(filters: Filters) -> Figure:
    return _approval_figure(filters, by="cluster", keys=cluster_order, name=cluster_label)


# --- 3. Partnerships per cluster over the years, and per country -----------------------------


def partnerships_over_the_years(filters: Filters) -> Figure:
    spans = selectors.partnership_spans()
    clusters = cluster_order(span.cluster for span in spans)
    if filters.year is not None:
        years = [filters.year]
    elif spans:
        years = list(range(min(s.start_year for s in spans), timezone.localdate().year + 1))
    else:
        years = []
    figure = Figure(
        slug="partnerships-over-the-years",
        title=_("Partnerships per cluster over the years"),
        description=_(
            "Partnerships that ran in each year (a partnership counts in every year from its "
            "start to its end), by the cluster its partner's country belongs to today."
        ),
        chart=Chart(series=[cluster_label(c) for c in clusters], bars=[]),
        headers=[_("Year")] + [cluster_label(c) for c in clusters] + [_("Total")],
        filtered_by=("year",),
    )
    for year in years:
        per_cluster = defaultdict(int)
        for span in spans:
            if span.ran_in(year):
                per_cluster[span.cluster or ""] += span.count
        values = [per_cluster[c] for c in clusters]
        total = sum(values)
        figure.chart.bars.append(
            Bar(label=str(year), values=values, text=number_format(total, force_grouping=True))
        )
        figure.rows.append([text(str(year))] + [count(v) for v in values] + [count(total)])
    return figure


def partnerships_per_country(filters: Filters) -> Figure:
    spans = selectors.partnership_spans()
    english = get_language() == "en"
    countries: dict[str, dict] = {}
    for span in spans:
        if filters.year is not None and span.start_year > filters.year:
            continue
        country = countries.setdefault(
            span.country_code,
            {
                "name": span.country_name_en if english else span.country_name_sv,
                "cluster": span.cluster,
                "active": 0,
                "all": 0,
            },
        )
        country["all"] += span.count
        if (
            span.ran_in(filters.year)
            if filters.year is not None
            else span.status == PartnershipStatus.ACTIVE
        ):
            country["active"] += span.count
    if filters.year is None:
        active_header, all_header = _("Active now"), _("All partnerships")
    else:
        active_header = _("Active in %(year)s") % {"year": filters.year}
        all_header = _("Started by %(year)s") % {"year": filters.year}
    figure = Figure(
        slug="partnerships-per-country",
        title=_("Partnerships per country"),
        description=_(
            "Active partnerships per partner country (with a year chosen: the ones that ran "
            "that year), beside all partnerships the country has had."
        ),
        chart=Chart(series=[active_header], bars=[]),
        headers=[_("Country"), _("Cluster"), active_header, all_header],
        filtered_by=("year",),
    )
    ordered = sorted(countries.values(), key=lambda c: (-c["active"], -c["all"], c["name"]))
    for country in ordered:
        figure.chart.bars.append(
            Bar(
                label=country["name"],
                values=[country["active"]],
                text=number_format(country["active"], force_grouping=True),
            )
        )
        figure.rows.append(
            [
                text(country["name"]),
                text(cluster_label(country["cluster"])),
                count(country["active"]),
                count(country["all"]),
            ]
        )
    return figure


# --- 4. Active Swedish organisations per county -----------------------------------------------


def active_organisations_per_county(filters: Filters) -> Figure:
    rows = selectors.active_organisations_per_county(filters)
    figure = Figure(
        slug="organisations-per-county",
        title=_("Active Swedish organisations per county"),
        description=_(
            "Swedish organisations that take part, as applicant or further party, in an active "
            "partnership (with a year chosen: one that ran that year)."
        ),
        chart=Chart(series=[_("Active organisations")], bars=[]),
        headers=[_("County"), _("Active organisations")],
        filtered_by=("year",),
    )
    if not any(row.organisations for row in rows):
        return figure  # no bars: the page says there is nothing to show
    for row in rows:
        figure.chart.bars.append(
            Bar(
                label=row.name,
                values=[row.organisations],
                text=number_format(row.organisations, force_grouping=True),
            )
        )
        figure.rows.append([text(row.name), count(row.organisations)])
    return figure


# --- 5. Participants by gender and category per component -------------------------------------


def participants_by_gender(filters: Filters) -> Figure:
    rows = selectors.participants_by_gender(filters)
    genders = list(Participant.Gender)
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for row in rows:
        counts[row.component][row.category][row.gender] += row.count
    components = [c for c in Component.values if c in counts] + sorted(
        set(counts) - set(Component.values)
    )
    categories = list(Participant.Category.values)
    figure = Figure(
        slug="participants-by-gender",
        title=_("Participants by gender and category per component"),
        description=_(
            "Both parties' teams in applications sent to ICLD (not drafts or withdrawn "
            "ones). The programme aims for gender-balanced groups and more women in "
            "decision-making positions."
        ),
        chart=Chart(series=[str(g.label) for g in genders], bars=[], maximum=100),
        headers=[_("Component"), _("Category")]
        + [str(g.label) for g in genders]
        + [_("Total"), _("Women (%)"), _("Men (%)")],
    )

    def table_row(first: str, second: str, by_gender: dict[str, int]) -> list[Cell]:
        total = sum(by_gender.values())
        return (
            [text(first), text(second)]
            + [count(by_gender.get(g.value, 0)) for g in genders]
            + [
                count(total),
                share(by_gender.get(Participant.Gender.WOMAN, 0), total),
                share(by_gender.get(Participant.Gender.MAN, 0), total),
            ]
        )

    everyone: dict[str, int] = defaultdict(int)
    for component in components:
        name = label(Component, component)
        per_category = counts[component]
        in_component: dict[str, int] = defaultdict(int)
        for category in categories + sorted(set(per_category) - set(categories)):
            if category not in per_category:
                continue
            for gender, number in per_category[category].items():
                in_component[gender] += number
                everyone[gender] += number
            figure.rows.append(
                table_row(name, label(Participant.Category, category), per_category[category])
            )
        figure.rows.append(table_row(name, _("All categories"), in_component))
        total = sum(in_component.values())
        women = share(in_component.get(Participant.Gender.WOMAN, 0), total)
        figure.chart.bars.append(
            Bar(
                label=name,
                values=[100 * in_component.get(g.value, 0) / total for g in genders],
                text=_("women %(share)s of %(total)s")
                % {"share": women.text, "total": number_format(total, force_grouping=True)},
            )
        )
    if components:
        figure.rows.append(table_row(_("All components"), _("All categories"), everyone))
    return figure


# --- 6. Reports overdue ------------------------------------------------------------------------


def reports_overdue(filters: Filters) -> Figure:
    rows = {
        row.component: row for row in selectors.report_counts(filters, today=timezone.localdate())
    }
    components = [c for c in Component.values if c in rows] + sorted(
        set(rows) - set(Component.values)
    )
    states = [_("Overdue"), _("Open, not yet due"), _("Submitted"), _("Approved")]
    figure = Figure(
        slug="reports-overdue",
        title=_("Reports overdue"),
        description=_(
            "Reports on granted applications by where they stand today. Overdue: past the due "
            "date and neither submitted nor approved (a draft, or returned for completion). "
            "With a year chosen: the reports due that year."
        ),
        chart=Chart(series=states, bars=[]),
        headers=[_("Component"), *states, _("Total"), _("Overdue (% of those due by today)")],
    )
    for component in components:
        row = rows[component]
        figure.chart.bars.append(
            Bar(
                label=label(Component, component),
                values=[row.overdue, row.open, row.submitted, row.approved],
                text=_("%(overdue)s overdue") % {"overdue": row.overdue},
            )
        )
        figure.rows.append(_report_row(label(Component, component), row))
    if components:
        fields = ("overdue", "open", "submitted", "approved", "due")
        totals = [sum(getattr(row, name) for row in rows.values()) for name in fields]
        figure.rows.append(_report_row(_("All components"), selectors.ReportCount("", *totals)))
    return figure


def _report_row(name: str, row: selectors.ReportCount) -> list[Cell]:
    values = [row.overdue, row.open, row.submitted, row.approved]
    return [
        text(name),
        *(count(v) for v in values),
        count(sum(values)),
        share(row.overdue, row.due),
    ]


Builder = Callable[[Filters], Figure]
FIGURES: dict[str, Builder] = {
    "applications-per-round": applications_per_round,
    "approval-rate-per-component": approval_rate_per_component,
    "approval-rate-per-cluster": approval_rate_per_cluster,
    "partnerships-over-the-years": partnerships_over_the_years,
    "partnerships-per-country": partnerships_per_country,
    "organisations-per-county": active_organisations_per_county,
    "participants-by-gender": participants_by_gender,
    "reports-overdue": reports_overdue,
}
