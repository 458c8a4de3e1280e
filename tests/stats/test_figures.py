"""Each figure over the known programme of conftest.py: the numbers worked out by hand, and the
same numbers counted again with queries written independently of stats/selectors.py.

Tests run in Swedish; labels the dashboard adds are looked up with gettext, so that the tests
hold before and after they are translated."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, Participant
from partnerships.models import Partnership, SwedishOrganisation
from stats import figures, selectors
from stats.selectors import Filters

pytestmark = pytest.mark.django_db


def year_of(application: Application) -> int:
    """The application's year, as the dashboard defines it, computed in Python."""
    if application.round_id:
        return application.round.closes_on.year
    return timezone.localtime(application.submitted_at or application.created_at).year


def table(figure) -> list[list]:
    return [[cell.value for cell in row] for row in figure.rows]


# --- 1. applications per round -----------------------------------------------------------------


def test_applications_are_counted_per_round_component_and_status(world):
    rows = selectors.applications_per_round(Filters())

    counted = {(r.round_name, r.component, r.status): r.count for r in rows}
    assert counted == {
        ("2030-01", "projekt", "approved"): 1,
        ("2030-01", "projekt", "declined"): 1,
        ("2030-01", "projekt", "withdrawn"): 1,
        ("2030-01", "styrgrupp", "approved"): 1,
        ("2030-02", "projekt", "submitted"): 1,
        ("2030-02", "breddning", "approved"): 1,
        ("2030-02", "spridning", "approved"): 1,
        ("2031-01", "projekt", "declined"): 1,
        (None, "forberedelse", "approved"): 1,
        (None, "forberedelse", "draft"): 1,
    }
    for (round_name, component, status), number in counted.items():
        direct = Application.objects.filter(
            round__name=round_name, component=component, status=status
        )
        if round_name is None:
            direct = Application.objects.filter(
                round__isnull=True, component=component, status=status
            )
        assert direct.count() == number


def test_the_year_of_an_application_is_its_rounds_year_or_else_when_it_was_sent(world):
    for year, expected in [(2030, 8), (2031, 1), (timezone.localdate().year, 1), (2029, 0)]:
        rows = selectors.applications_per_round(Filters(year=year))
        direct = [a for a in Application.objects.select_related("round") if year_of(a) == year]
        assert sum(r.count for r in rows) == len(direct) == expected, year


def test_the_round_filter_keeps_the_applications_of_that_round(world):
    spring = world.rounds["2030-01"]
    rows = selectors.applications_per_round(Filters(round=spring))
    assert {r.round_name for r in rows} == {"2030-01"}
    assert sum(r.count for r in rows) == Application.objects.filter(round=spring).count() == 4
    both = selectors.applications_per_round(Filters(year=2031, round=spring))
    assert both == []


def test_the_round_figure_ends_with_the_totals_per_status(world):
    figure = figures.applications_per_round(Filters())
    *rows, total = table(figure)
    # Rounds in time order, then the applications outside rounds.
    assert [row[:2] for row in rows][-1] == [_("Outside rounds"), "Förberedelse"]
    assert [row[0] for row in rows][:3] == ["2030-01", "2030-01", "2030-02"]
    statuses = Counter(Application.objects.values_list("status", flat=True))
    assert total[2:] == [
        statuses["draft"],
        statuses["submitted"],
        statuses["in_review"],
        statuses["returned"],
        statuses["approved"],
        statuses["declined"],
        statuses["withdrawn"],
        Application.objects.count(),
    ]
    assert figure.chart.bars[0].label == "2030-01 · Projekt"
    assert figure.chart.bars[0].values[4:7] == [1, 1, 1]  # approved, declined, withdrawn


# --- 2. approval rates -------------------------------------------------------------------------


def test_the_approval_rate_per_component_is_approved_of_decided(world):
    rates = {
        r.key: (r.approved, r.decided) for r in selectors.approval_rates(Filters(), by="component")
    }
    assert rates == {
        "projekt": (1, 3),
        "styrgrupp": (1, 1),
        "breddning": (1, 1),
        "spridning": (1, 1),
        "forberedelse": (1, 1),
    }
    for component, (approved, decided) in rates.items():
        mine = Application.objects.filter(component=component)
        assert mine.filter(status="approved").count() == approved
        assert mine.filter(status__in=["approved", "declined"]).count() == decided


def test_the_approval_rate_per_cluster_takes_the_partnerships_country_first(world):
    rates = {
        r.key: (r.approved, r.decided) for r in selectors.approval_rates(Filters(), by="cluster")
    }
    # a9 names Kenya in its form but belongs to the South African partnership.
    assert rates == {
        "east_africa": (2, 3),
        "europe": (1, 1),
        "latin_america": (0, 1),
        "southern_africa": (1, 1),
        "": (1, 1),  # Indonesia, a continuing country outside the clusters
    }
    decided = [a for a in Application.objects.all() if a.status in ("approved", "declined")]
    by_cluster = Counter(a.partner_country.cluster for a in decided)
    assert {key: d for key, (_, d) in rates.items()} == dict(by_cluster)


def test_the_approval_figure_shows_a_dash_where_nothing_was_decided(world):
    figure = figures.approval_rate_per_cluster(Filters(year=2030))
    rows = {row[0].text: [cell.text for cell in row[1:]] for row in figure.rows}
    assert rows["Latinamerika"] == ["0", "0", "0", "–"]
    assert rows["Östafrika"] == ["2", "1", "3", "66,7 %"]
    assert table(figure)[1] == ["Östafrika", 2, 1, 3, 66.7]
    assert list(rows)[-1] == _("Outside the clusters")
    component = figures.approval_rate_per_component(Filters(round=world.rounds["2030-01"]))
    assert table(component)[1] == ["Projekt", 1, 1, 2, 50.0]
    assert component.chart.maximum == 100
    assert component.chart.bars[1].values == [50.0]


# --- 3. partnerships over the years and per country --------------------------------------------


def ran_in(year: int):
    return Partnership.objects.filter(
        Q(end_year__isnull=True) | Q(end_year__gte=year), start_year__lte=year
    )


def test_partnerships_are_counted_in_every_year_they_ran_by_cluster(world):
    figure = figures.partnerships_over_the_years(Filters())
    assert figure.headers[1:] == [
        "Europa",
        "Östafrika",
        "Latinamerika",
        "Södra Afrika",
        _("Outside the clusters"),
        _("Total"),
    ]
    years = {row[0]: row[1:] for row in table(figure)}
    assert list(years) == [str(y) for y in range(2005, timezone.localdate().year + 1)]
    assert years["2012"] == [0, 1, 0, 0, 1, 2]  # Kenya (2010–15) and Indonesia (2005–12)
    assert years["2013"] == [0, 1, 0, 0, 0, 1]
    assert years["2026"] == [1, 1, 0, 1, 0, 3]
    for year, counts in years.items():
        running = ran_in(int(year))
        for cluster, number in zip(
            ["europe", "east_africa", "latin_america", "southern_africa", ""], counts, strict=False
        ):
            assert running.filter(partner_organisation__country__cluster=cluster).count() == number
        assert running.count() == counts[-1]


def test_a_year_filter_shows_that_year_only(world):
    figure = figures.partnerships_over_the_years(Filters(year=2014))
    assert table(figure) == [["2014", 0, 2, 0, 0, 0, 2]]


def test_partnerships_per_country_count_the_active_ones_and_all(world):
    figure = figures.partnerships_per_country(Filters())
    assert table(figure) == [
        ["Kenya", "Östafrika", 1, 2],
        ["Sydafrika", "Södra Afrika", 1, 1],
        ["Ukraina", "Europa", 1, 1],
        ["Indonesien", _("Outside the clusters"), 0, 1],
    ]
    for name, _cluster, active, total in table(figure):
        mine = Partnership.objects.filter(partner_organisation__country__name_sv=name)
        assert mine.filter(status="active").count() == active
        assert mine.count() == total


def test_partnerships_per_country_in_a_year_count_those_that_ran_and_had_started(world):
    figure = figures.partnerships_per_country(Filters(year=2012))
    assert figure.headers == [
        _("Country"),
        _("Cluster"),
        _("Active in %(year)s") % {"year": 2012},
        _("Started by %(year)s") % {"year": 2012},
    ]
    assert table(figure) == [
        ["Indonesien", _("Outside the clusters"), 1, 1],
        ["Kenya", "Östafrika", 1, 1],
    ]


# --- 4. organisations per county ---------------------------------------------------------------


def test_active_organisations_are_counted_once_per_county_main_or_further_party(world):
    counts = {r.code: r.organisations for r in selectors.active_organisations_per_county(Filters())}
    assert len(counts) == 21  # every county, also those with none
    # a (Kenya, and further party of Ukraine: once), b and c (Ukraine), d (South Africa).
    assert {code: n for code, n in counts.items() if n} == {"01": 1, "12": 2, "14": 1}
    active = Partnership.objects.filter(status="active").prefetch_related(
        "additional_swedish_organisations"
    )
    organisations = {p.swedish_organisation for p in active} | {
        o for p in active for o in p.additional_swedish_organisations.all()
    }
    assert dict(Counter(o.county.code for o in organisations)) == {
        code: n for code, n in counts.items() if n
    }


def test_in_a_year_the_organisations_of_partnerships_that_ran_then_count(world):
    counts = {
        r.code: r.organisations
        for r in selectors.active_organisations_per_county(Filters(year=2012))
    }
    assert {code: n for code, n in counts.items() if n} == {"01": 1, "03": 1}
    direct = SwedishOrganisation.objects.filter(partnerships__in=ran_in(2012)).distinct()
    assert sum(counts.values()) == direct.count()


def test_the_county_figure_is_empty_when_no_organisation_is_active(db):
    assert figures.active_organisations_per_county(Filters()).is_empty


# --- 5. participants by gender -----------------------------------------------------------------


def test_participants_of_received_applications_are_counted_by_gender_and_category(world):
    rows = selectors.participants_by_gender(Filters())
    counted = {(r.component, r.category, r.gender): r.count for r in rows}
    assert counted == {
        ("projekt", "official", "woman"): 3,
        ("projekt", "official", "other"): 1,
        ("projekt", "politician", "man"): 1,
        ("forberedelse", "politician", "man"): 1,
        ("forberedelse", "official", "undisclosed"): 1,
    }
    received = Participant.objects.exclude(application__status__in=["draft", "withdrawn"])
    assert sum(counted.values()) == received.count()


def test_the_participant_figure_shows_shares_per_component_and_in_all(world):
    figure = figures.participants_by_gender(Filters())
    rows = {(row[0], row[1]): row[2:] for row in table(figure)}
    # woman, man, other, undisclosed, total, women %, men %
    assert rows[("Projekt", _("All categories"))] == [3, 1, 1, 0, 5, 60.0, 20.0]
    assert rows[("Projekt", "Tjänsteperson")] == [3, 0, 1, 0, 4, 75.0, 0.0]
    assert rows[("Förberedelse", _("All categories"))] == [0, 1, 0, 1, 2, 0.0, 50.0]
    assert rows[(_("All components"), _("All categories"))] == [3, 2, 1, 1, 7, 42.9, 28.6]
    projekt = next(bar for bar in figure.chart.bars if bar.label == "Projekt")
    assert projekt.values == [60.0, 20.0, 20.0, 0.0]
    assert projekt.text == _("women %(share)s of %(total)s") % {"share": "60,0 %", "total": 5}


def test_the_round_filter_narrows_the_participants(world):
    figure = figures.participants_by_gender(Filters(round=world.rounds["2030-01"]))
    rows = {(row[0], row[1]): row[2:] for row in table(figure)}
    assert rows[("Projekt", _("All categories"))] == [2, 1, 0, 0, 3, 66.7, 33.3]
    assert ("Förberedelse", _("All categories")) not in rows
    year = figures.participants_by_gender(Filters(year=2030))
    assert {row[0] for row in table(year)} == {"Projekt", "Förberedelse", _("All components")}
