"""applications.reminders.application_drafts: which drafts, which days, whom, and at what cost."""

import datetime

import pytest

from applications.findings import findings_for
from applications.models import ApplicationStatus
from applications.reminders import application_drafts
from reminders.models import Reminder
from tests.factories import (
    ApplicationFactory,
    ComponentHistoryFactory,
    ContributorFactory,
    ParticipantFactory,
    PartnershipFactory,
    UserFactory,
    case_with_people,
    make_coordinator,
    valid_forberedelse,
)
from tests.reminders.conftest import TODAY, make_projekt_draft, make_round

pytestmark = pytest.mark.django_db


def keys(due_reminders) -> set[tuple[str, int]]:
    return {(d.object_key, d.days_before) for d in due_reminders}


@pytest.mark.parametrize("days", [14, 7, 1])
def test_it_reminds_of_a_draft_whose_round_closes_in_one_of_the_reminder_days(days):
    round_ = make_round(days)
    draft = make_projekt_draft()

    due = list(application_drafts(TODAY))

    assert keys(due) == {(f"application:{draft.pk}", days)}
    reminder = due[0]
    assert reminder.kind == Reminder.Kind.APPLICATION_DEADLINE
    assert reminder.due_date == round_.closes_on
    assert reminder.template == "reminders/email/application_deadline"
    assert reminder.context["round"] == round_


@pytest.mark.parametrize("days", [15, 13, 8, 6, 2, 0])
def test_it_is_silent_on_the_other_days(days):
    make_round(days)
    make_projekt_draft()

    assert list(application_drafts(TODAY)) == []


def test_it_follows_the_configured_reminder_days(settings):
    settings.REMINDER_DAYS = [13]
    make_round(13)
    draft = make_projekt_draft()

    assert keys(application_drafts(TODAY)) == {(f"application:{draft.pk}", 13)}


@pytest.mark.parametrize(
    "status, reminded",
    [
        (ApplicationStatus.DRAFT, True),
        (ApplicationStatus.RETURNED, True),  # returned for completion, not yet resubmitted
        (ApplicationStatus.SUBMITTED, False),
        (ApplicationStatus.IN_REVIEW, False),
        (ApplicationStatus.APPROVED, False),
        (ApplicationStatus.DECLINED, False),
        (ApplicationStatus.WITHDRAWN, False),
    ],
)
def test_only_applications_still_to_be_submitted_are_reminded_of(status, reminded):
    make_round(7)
    make_projekt_draft(status=status)

    assert bool(list(application_drafts(TODAY))) is reminded


def test_a_draft_stops_being_reminded_of_once_it_is_submitted():
    make_round(14)
    draft = make_projekt_draft()
    assert list(application_drafts(TODAY))

    draft.status = ApplicationStatus.SUBMITTED
    draft.save()

    assert list(application_drafts(TODAY + datetime.timedelta(days=7))) == []


def test_only_drafts_of_the_components_of_the_closing_round_are_reminded_of():
    make_round(7, components=["breddning"])
    breddning = ApplicationFactory(component="breddning")
    make_projekt_draft()
    ApplicationFactory(component="forberedelse")  # applied for at any time: no deadline

    assert keys(application_drafts(TODAY)) == {(f"application:{breddning.pk}", 7)}


def test_a_round_that_has_not_opened_yet_does_not_remind():
    make_round(7).__class__.objects.update(opens_on=TODAY + datetime.timedelta(days=1))
    make_projekt_draft()

    assert list(application_drafts(TODAY)) == []


def test_of_two_open_rounds_the_one_a_submission_falls_in_counts():
    # A submission today goes to the round that closes first (rules.open_round_for).
    make_round(7, name="2031-01")
    make_round(14, name="2031-02")
    draft = make_projekt_draft()

    assert keys(application_drafts(TODAY)) == {(f"application:{draft.pk}", 7)}


def test_everyone_who_can_edit_the_draft_is_reminded_and_no_one_else():
    make_round(7)
    draft, people = case_with_people(component="projekt")
    second_coordinator = make_coordinator(draft.organisation)
    gone = ContributorFactory(application=draft, role="editor", user__is_active=False).user

    recipients = {d.recipient for d in application_drafts(TODAY)}

    assert recipients == {
        people["coordinator"],
        second_coordinator,
        people["creator"],  # a pending member may draft, so is reminded of the draft
        people["editor"],
    }
    assert people["reader"] not in recipients
    assert people["pending_colleague"] not in recipients
    assert people["outsider"] not in recipients
    assert gone not in recipients


def test_a_person_with_several_reasons_is_reminded_once():
    make_round(7)
    coordinator = make_coordinator()
    draft = make_projekt_draft(
        organisation=coordinator.memberships.get().organisation, created_by=coordinator
    )
    ContributorFactory(application=draft, user=coordinator, role="editor")

    assert [d.recipient for d in application_drafts(TODAY)] == [coordinator]


def test_the_link_leads_to_the_review_step_in_the_recipients_language(settings):
    make_round(7)
    swedish = make_coordinator(language="sv")
    english = make_coordinator(swedish.memberships.get().organisation, language="en")
    draft = make_projekt_draft(
        organisation=swedish.memberships.get().organisation, created_by=swedish
    )

    urls = {d.recipient: d.context["url"] for d in application_drafts(TODAY)}

    assert urls[swedish] == f"{settings.SITE_URL}/arenden/{draft.pk}/granska/"
    assert urls[english] == f"{settings.SITE_URL}/en/cases/{draft.pk}/review/"


def test_the_missing_items_are_what_the_review_step_shows(reference_data, settings):
    """The source computes the rules' findings for many drafts at once; they must be the
    findings the wizard's review step computes for each draft (applications.findings)."""
    today = datetime.date.today()
    make_round(7, today=today, components=["projekt", "styrgrupp", "breddning"])
    settings.REMINDER_DAYS = [7]
    breddning = valid_forberedelse(component="breddning")
    partnership = PartnershipFactory(swedish_organisation=breddning.organisation)
    ComponentHistoryFactory(partnership=partnership, component="forberedelse")
    with_history = make_projekt_draft(organisation=breddning.organisation, partnership=partnership)
    ApplicationFactory(
        organisation=breddning.organisation,
        partnership=partnership,
        component="styrgrupp",
        status=ApplicationStatus.APPROVED,
    )
    projekt = make_projekt_draft(
        period_start=datetime.date(2031, 1, 1), period_end=datetime.date(2032, 12, 31)
    )
    ApplicationFactory(  # applied for alongside, as a new partnership of the same organisation
        organisation=projekt.organisation,
        new_partner_name=projekt.new_partner_name.upper(),
        new_partner_country=projekt.new_partner_country,
        component="styrgrupp",
        period_start=projekt.period_start,
        period_end=projekt.period_end,
    )
    bare = make_projekt_draft(new_partner_country=None, title="")

    found = {
        int(d.object_key.split(":")[1]): [str(m) for m in d.context["missing"]]
        for d in application_drafts(today)
    }

    for draft in (breddning, with_history, projekt, bare):
        expected = [str(f.message) for f in findings_for(draft) if f.severity == "error"]
        assert found[draft.pk] == expected, draft
    assert found[bare.pk]


def test_the_number_of_queries_does_not_grow_with_the_drafts(django_assert_num_queries):
    make_round(7)
    organisation = make_coordinator().memberships.get().organisation

    def add_drafts(n):
        for _ in range(n):
            draft = make_projekt_draft(organisation=organisation, partnership=PartnershipFactory())
            ParticipantFactory(application=draft)
            ContributorFactory(application=draft, role="editor")
            ComponentHistoryFactory(partnership=draft.partnership)

    add_drafts(2)
    # rounds, draft ids, drafts, participants, editors, partnership history, coordinators,
    # related applications, confirmed dialogues, visits, rule sets, ceilings (the budget is
    # read with the drafts)
    with django_assert_num_queries(12):
        assert len(list(application_drafts(TODAY))) == 2 * 3
    add_drafts(8)
    with django_assert_num_queries(12):
        assert len(list(application_drafts(TODAY))) == 10 * 3


def test_a_sweep_over_more_drafts_than_a_chunk_reads_them_in_chunks(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("applications.reminders.CHUNK", 2)
    make_round(7)
    creator = UserFactory()
    drafts = [make_projekt_draft(created_by=creator) for _ in range(5)]

    # rounds, draft ids, coordinators, rule sets and ceilings once; then per chunk of two
    # (three chunks): drafts (with their budgets), participants, editors, related
    # applications, visits (no partnership history and no dialogues: no partnerships)
    with django_assert_num_queries(5 + 3 * 5):
        due = list(application_drafts(TODAY))
    assert [d.object_key for d in due] == [f"application:{d.pk}" for d in drafts]


def test_no_round_closing_costs_one_query(django_assert_num_queries):
    make_round(20)
    make_projekt_draft()

    with django_assert_num_queries(1):
        assert list(application_drafts(TODAY)) == []
