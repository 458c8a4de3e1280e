"""A small, known programme for the statistics: rounds, applications, teams, partnerships.

The numbers each figure must show for it are worked out by hand in the tests; the tests also
count the same things with queries of their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from applications.models import Application, ApplicationRound
from partnerships.models import Country, County, Partnership, SwedishOrganisation
from reporting.models import Report
from tests.factories import (
    ApplicationFactory,
    MunicipalityFactory,
    ParticipantFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def make_round(name: str, closes_on: datetime.date) -> ApplicationRound:
    return ApplicationRound.objects.create(
        name=name,
        opens_on=closes_on - datetime.timedelta(days=60),
        closes_on=closes_on,
        components=["projekt", "styrgrupp", "breddning", "spridning"],
    )


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def municipality(county_code: str) -> SwedishOrganisation:
    return MunicipalityFactory(county=County.objects.get(code=county_code))


def partnership(code: str, start: int, end: int | None, status: str, **fields) -> Partnership:
    return PartnershipFactory(
        partner_organisation=PartnerOrganisationFactory(country=country(code)),
        start_year=start,
        end_year=end,
        status=status,
        **fields,
    )


@dataclass
class World:
    rounds: dict[str, ApplicationRound]
    applications: dict[str, Application]
    partnerships: dict[str, Partnership]
    organisations: dict[str, SwedishOrganisation]


@pytest.fixture
def world(db) -> World:
    spring = make_round("2030-01", datetime.date(2030, 3, 15))
    autumn = make_round("2030-02", datetime.date(2030, 9, 15))
    next_year = make_round("2031-01", datetime.date(2031, 3, 15))

    # Partnerships: two in Kenya (one ended), Ukraine until 2028 with two further Swedish
    # parties, South Africa, and Indonesia (a continuing country, outside the clusters), ended.
    orgs = {
        "a": municipality("01"),
        "b": municipality("12"),
        "c": municipality("12"),
        "d": municipality("14"),
        "e": municipality("01"),
        "f": municipality("03"),
    }
    partnerships = {
        "ke_old": partnership("KE", 2010, 2015, "ended", swedish_organisation=orgs["e"]),
        "ke": partnership("KE", 2014, None, "active", swedish_organisation=orgs["a"]),
        "ua": partnership("UA", 2020, 2028, "active", swedish_organisation=orgs["b"]),
        "za": partnership("ZA", 2022, None, "active", swedish_organisation=orgs["d"]),
        "id": partnership("ID", 2005, 2012, "ended", swedish_organisation=orgs["f"]),
    }
    partnerships["ua"].additional_swedish_organisations.set([orgs["c"], orgs["a"]])

    def application(key: str, component: str, status: str, round_, code: str, **fields):
        submitted = status != "draft"
        fields.setdefault("submitted_at", timezone.now() if submitted else None)
        return ApplicationFactory(
            component=component,
            status=status,
            round=round_,
            new_partner_country=country(code),
            case_number=f"KP-TEST-{key}" if submitted else None,
            **fields,
        )

    stamp_2030 = timezone.make_aware(datetime.datetime(2030, 5, 1, 12))
    applications = {
        "a1": application("a1", "projekt", "approved", spring, "KE"),
        "a2": application("a2", "projekt", "declined", spring, "KE"),
        "a3": application("a3", "styrgrupp", "approved", spring, "UA"),
        "a4": application("a4", "projekt", "submitted", autumn, "UA"),
        "a5": application("a5", "breddning", "approved", autumn, "ID"),
        "a6": application("a6", "projekt", "declined", next_year, "CO"),
        "a7": application("a7", "forberedelse", "approved", None, "KE", submitted_at=stamp_2030),
        "a8": application("a8", "forberedelse", "draft", None, "KE"),
        # The partnership's country (South Africa) counts, not the one named in the form.
        "a9": application(
            "a9", "spridning", "approved", autumn, "KE", partnership=partnerships["za"]
        ),
        "a10": application("a10", "projekt", "withdrawn", spring, "KE"),
    }
    team = {
        "a1": [("official", "woman"), ("official", "woman"), ("politician", "man")],
        "a4": [("official", "woman"), ("official", "other")],
        "a7": [("politician", "man"), ("official", "undisclosed")],
        "a8": [("official", "woman")] * 3,  # a draft: not counted
        "a10": [("politician", "man")],  # withdrawn: not counted
    }
    for key, people in team.items():
        for index, (category, gender) in enumerate(people):
            ParticipantFactory(
                application=applications[key],
                party="swedish" if index % 2 == 0 else "partner",
                category=category,
                gender=gender,
            )
    return World(
        rounds={r.name: r for r in (spring, autumn, next_year)},
        applications=applications,
        partnerships=partnerships,
        organisations=orgs,
    )


def report(application, status: str, due: datetime.date, *, kind="final", year=1) -> Report:
    return Report.objects.create(
        application=application,
        kind=kind,
        project_year=year,
        period_start=datetime.date(2030, 1, 1),
        period_end=datetime.date(2030, 12, 31),
        due_date=due,
        status=status,
    )


@pytest.fixture
def reports(world) -> dict[str, Report]:
    projekt, styrgrupp, forberedelse = (world.applications[k] for k in ("a1", "a3", "a7"))
    return {
        "late_draft": report(projekt, "draft", TODAY - 30 * DAY, kind="yearly", year=1),
        "late_returned": report(projekt, "returned", TODAY - DAY, kind="yearly", year=2),
        "due_today": report(projekt, "draft", TODAY),  # not overdue until tomorrow
        "late_submitted": report(styrgrupp, "submitted", TODAY - 10 * DAY),
        "late_approved": report(forberedelse, "approved", TODAY - 100 * DAY),
        "coming": report(styrgrupp, "draft", TODAY + 60 * DAY, kind="yearly"),
    }
