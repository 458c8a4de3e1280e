"""What changed since it was returned (issue 19, item 6): when a coordinator submits a returned
application again, staff see every field, visit, budget line and team row that differs from the
submission they returned — compared between the two submissions' receipts — on the
application's admin page and its screening page, in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from applications.models import BudgetLine, Participant, Visit
from applications.resubmission import compare_snapshots, since_returned
from applications.workflow import APPLICATION_WORKFLOW, submit_application
from tests.factories import (
    ParticipantFactory,
    as_staff,
    forberedelse_with_plan,
    make_staff,
)
from tests.screening import screen_admissible

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return as_staff(make_staff())


@pytest.fixture
def returned(reference_data, media, staff):
    """A Förberedelse submitted, then returned for completion by staff."""
    application = forberedelse_with_plan(title="Unga röster i Kisumu")
    coordinator = application.created_by
    submit_application(application=application, by=coordinator)
    screen_admissible(application, by=staff)
    application.refresh_from_db()
    APPLICATION_WORKFLOW.apply(application, "return", by=staff, comment="Motivera teamet bättre.")
    application.refresh_from_db()
    return application, coordinator


@pytest.fixture
def resubmitted(returned):
    """The coordinator completes it and submits it again."""
    application, coordinator = returned
    application.title = "Unga röster i Kisumu och Botkyrka"
    application.save(update_fields=["title"])
    Visit.objects.filter(application=application).update(days=5)
    BudgetLine.objects.filter(application=application).update(amount_sek=38000)
    BudgetLine.objects.create(
        application=application,
        category="interpretation",
        description="Tolk",
        explanation="Två dagar med auktoriserad tolk.",
        amount_sek=9000,
    )
    official = Participant.objects.get(
        application=application, party="swedish", category="official"
    )
    official.name = "Karin Ny-Samordnare"
    official.motivation = "Leder arbetet med unga i förvaltningen."
    official.save()
    ParticipantFactory(
        application=application,
        party="partner",
        category="civil_society",
        name="Amina Ochieng",
        gender="woman",
    )
    submit_application(application=application, by=coordinator)
    application.refresh_from_db()
    return application, official


def rows(changes):
    return {(c.section, c.what, c.kind): c for c in changes}


def text(pieces):
    return "".join(p.text for p in pieces)


def marked(pieces):
    return [p.text for p in pieces if p.marked]


def test_every_changed_field_and_row_is_listed_against_the_returned_version(resubmitted):
    application, official = resubmitted
    with translation.override("sv"):
        found = since_returned(application)
    assert (found.earlier.number, found.current.number) == (1, 2)
    assert found.returned.comment == "Motivera teamet bättre."
    changes = rows(found.changes)
    title = changes[("Innehåll", "Titel", "changed")]
    assert (text(title.old), text(title.new)) == (
        "Unga röster i Kisumu",
        "Unga röster i Kisumu och Botkyrka",
    )
    assert marked(title.old) == [] and marked(title.new) == [" och Botkyrka"]
    assert (
        text(changes[("Besöksplan", "Besök (värd: Partnerpart) – Antal dygn", "changed")].new)
        == "5"
    )
    amount = changes[("Budget", "Flyg – Belopp (kr)", "changed")]
    assert (text(amount.old), text(amount.new)) == ("42000", "38000")
    added_line = changes[("Budget", "Tolk", "added")]
    assert "9000" in text(added_line.new) and added_line.old == []
    who = f"{official.name} (Svensk part)"
    name = changes[("Team", f"{who} – Namn", "changed")]
    assert text(name.new) == "Karin Ny-Samordnare"
    assert ("Team", f"{who} – Motivering till urvalet", "changed") in changes
    assert ("Team", "Amina Ochieng (Partnerpart)", "added") in changes
    # Nothing else differs: the attachment, the planning tool and the other rows are the same.
    assert len(found.changes) == 7, [(c.section, c.what) for c in found.changes]


def test_the_comparison_reads_in_english_too(resubmitted):
    application, _official = resubmitted
    with translation.override("en"):
        changes = rows(since_returned(application).changes)
    assert ("Content", "Title", "changed") in changes
    assert ("Budget", "Interpretation", "added") not in changes  # named by its description
    assert ("Budget", "Tolk", "added") in changes
    assert ("Team", "Amina Ochieng (Partner party)", "added") in changes


def test_a_removed_row_is_listed_as_removed():
    old = {
        "budget": [{"category": "travel", "description": "Flyg", "explanation": "", "amount": 1}]
    }
    with translation.override("en"):
        (change,) = compare_snapshots(old, {"budget": []})
    assert (change.section, change.what, change.kind) == ("Budget", "Flyg", "removed")
    assert change.new == [] and "Flyg" in text(change.old)


def test_staff_see_it_on_the_admin_page_and_the_screening_page(client, resubmitted, staff):
    application, _official = resubmitted
    client.force_login(staff)
    for url in (
        f"/admin/applications/application/{application.pk}/change/",
        f"/admin/assessments/screening/{application.pk}/",
    ):
        page = client.get(url).content.decode()
        assert "Vad som ändrats sedan ansökan skickades tillbaka" in page, url
        assert "<ins> och Botkyrka</ins>" in page, url
        assert "Amina Ochieng" in page, url


def test_nothing_is_shown_before_it_is_sent_again(client, returned, staff):
    application, _coordinator = returned
    assert since_returned(application) is None  # returned, not yet sent again
    client.force_login(staff)
    page = client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    assert "since-returned" not in page
