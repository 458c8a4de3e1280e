"""The dashboard over the demo data that `make run` seeds: its totals are the database's."""

from __future__ import annotations

import pytest
from django.utils import timezone

from applications.demo import seed_applications
from applications.models import Application, Participant
from partnerships.demo import seed_demo
from partnerships.models import Partnership
from stats import figures
from stats.selectors import RECEIVED_STATUSES, Filters

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    seed_demo(partnerships=120, seed=11)
    seed_applications(seed=11)


def totals(figure) -> list:
    return [cell.value for cell in figure.rows[-1]]


def test_the_round_figure_counts_every_demo_application_once(demo):
    *_labels, total = totals(figures.applications_per_round(Filters()))
    assert total == Application.objects.count() > 50


def test_the_approval_figures_count_every_decided_demo_application(demo):
    decided = Application.objects.filter(status__in=["approved", "declined"])
    for build in (figures.approval_rate_per_component, figures.approval_rate_per_cluster):
        rows = [[cell.value for cell in row] for row in build(Filters()).rows]
        assert sum(row[1] for row in rows) == decided.filter(status="approved").count() > 0
        assert sum(row[3] for row in rows) == decided.count()


def test_the_partnership_figures_count_every_demo_partnership(demo):
    rows = [
        [cell.value for cell in row] for row in figures.partnerships_per_country(Filters()).rows
    ]
    assert sum(row[3] for row in rows) == Partnership.objects.count() == 120
    assert sum(row[2] for row in rows) == Partnership.objects.filter(status="active").count()
    this_year = timezone.localdate().year
    over_years = figures.partnerships_over_the_years(Filters(year=this_year))
    running = Partnership.objects.filter(start_year__lte=this_year).exclude(end_year__lt=this_year)
    assert totals(over_years)[-1] == running.count() > 0


def test_the_participant_figure_counts_every_received_demo_team_member(demo):
    *_cells, total, _women, _men = totals(figures.participants_by_gender(Filters()))
    received = Participant.objects.filter(application__status__in=RECEIVED_STATUSES)
    assert total == received.count() > 0


def test_the_demo_spreads_applications_over_several_rounds_and_years(demo):
    rounds = {
        cell.value
        for row in figures.applications_per_round(Filters()).rows[:-1]
        for cell in row[:1]
    }
    assert len(rounds) >= 3
    for year in {a.round.closes_on.year for a in Application.objects.exclude(round=None)}:
        *_cells, total = totals(figures.applications_per_round(Filters(year=year)))
        direct = Application.objects.filter(round__closes_on__year=year).count()
        assert total >= direct > 0
