"""The report's steps: drafts saved, bad input re-rendered with the input kept and a message."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.money import sek
from partnerships.models import DemocraticArea
from reporting import rules
from reporting.models import ReportCost, ReportVisit
from reporting.selectors import report_facts
from tests.reporting.factories import decided_grant, granted_case, report_of

pytestmark = pytest.mark.django_db
CLAIM = "%(names)s cannot be claimed: only participants ICLD has approved can be named in a report."
GONE = (
    "%(names)s had left the team by %(date)s: people who left can be named only for what they "
    "did before they left."
)


@pytest.fixture
def case(client):
    application, people = granted_case()
    client.force_login(people["coordinator"])
    return application, people, report_of(application)


def step_url(report, step):
    return reverse("reporting:step", args=[report.pk, step])


def test_the_content_step_saves_a_draft_and_goes_on(client, case):
    _application, _people, report = case
    area = DemocraticArea.objects.first()
    response = client.post(
        step_url(report, "content"),
        {"activities": "Workshoppar", "democratic_areas": [area.pk], "next": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(report, "participants")
    report.refresh_from_db()
    assert report.activities == "Workshoppar"
    assert list(report.democratic_areas.all()) == [area]


def test_approved_participants_are_offered_and_saved(client, case):
    _application, people, report = case
    page = client.get(step_url(report, "participants")).content.decode()
    assert "Astrid Lind" in page and "Otieno Ouma" in page
    assert "Nils Ny" not in page
    # Someone who left is offered too, marked as having left (for what they did before).
    assert "Greta Gått" in page
    client.post(step_url(report, "participants"), {"participants": [p.pk for p in people["team"]]})
    assert set(report.participants.all()) == set(people["team"])


def test_a_person_who_left_during_the_period_can_be_claimed_for_it(client, case):
    """Issue 14, item 6: a report may claim people who have left, for what they did before
    they left. Greta left today; the report's period began before."""
    _application, people, report = case
    response = client.post(
        step_url(report, "participants"), {"participants": [people["departed"].pk]}
    )
    assert response.status_code == 302
    assert list(report.participants(manager="with_left").all()) == [people["departed"]]


@pytest.mark.parametrize("who", ["unapproved"])
def test_claiming_an_unapproved_person_is_a_clear_error(client, case, who):
    _application, people, report = case
    response = client.post(
        step_url(report, "participants"),
        {"participants": [people["team"][0].pk, people[who].pk]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert gettext(CLAIM) % {"names": people[who].name} in page
    assert gettext("Some fields need attention; nothing on this page was saved.") in page
    # The input is kept: the approved person stays ticked.
    assert f'value="{people["team"][0].pk}"' in page and "checked" in page
    assert not report.participants.exists()


def test_a_cost_deviating_without_explanation_is_refused_with_the_input_kept(client, case):
    _application, people, report = case
    travel, meetings = people["lines"]
    response = client.post(
        step_url(report, "costs"),
        {f"actual_{travel.pk}": "55000", f"actual_{meetings.pk}": "10000"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    # Approved before decisions were recorded: the line is held against its budgeted amount.
    message = gettext(
        "The cost deviates from the granted %(granted)s by more than %(percent)s %%: explain why."
    ) % {"granted": sek(travel.amount_sek), "percent": 10}
    assert message in page
    assert 'value="55000"' in page
    assert not ReportCost.objects.exists()


def test_a_deviation_with_an_explanation_is_saved(client, case):
    _application, people, report = case
    travel, meetings = people["lines"]
    client.post(
        step_url(report, "costs"),
        {
            f"actual_{travel.pk}": "55000",
            f"explanation_{travel.pk}": "Dyrare flyg.",
            f"actual_{meetings.pk}": "10000",
        },
    )
    assert dict(ReportCost.objects.values_list("budget_line_id", "actual_sek")) == {
        travel.pk: 55000,
        meetings.pk: 10000,
    }


def grant(application, travel_sek: int):
    """ICLD's decision on the case: travel granted at `travel_sek`, meetings as budgeted."""
    return decided_grant(
        application, {"travel": (40_000, travel_sek), "meetings": (10_000, 10_000)}
    )


def test_a_cost_is_held_against_the_grant_not_the_budget(client, case):
    """Issue 20, item 6: "The report's cost step compares actual costs per budget line and per
    visit with the *granted* amounts". Travel was budgeted at 40 000 and granted 20 000:
    spending the budgeted 40 000 deviates from the grant, 21 000 does not."""
    application, people, report = case
    travel, meetings = people["lines"]
    grant(application, travel_sek=20_000)
    response = client.post(
        step_url(report, "costs"),
        {f"actual_{travel.pk}": "40000", f"actual_{meetings.pk}": "10000"},
    )
    assert response.status_code == 200
    message = gettext(
        "The cost deviates from the granted %(granted)s by more than %(percent)s %%: explain why."
    ) % {"granted": sek(20_000), "percent": 10}
    assert message in response.content.decode()
    assert not ReportCost.objects.exists()
    response = client.post(
        step_url(report, "costs"),
        {f"actual_{travel.pk}": "21000", f"actual_{meetings.pk}": "10000"},
    )
    assert response.status_code == 302
    assert ReportCost.objects.get(budget_line=travel).actual_sek == 21_000


def test_the_review_asks_to_explain_a_cost_that_deviates_from_the_grant(case):
    """The rules at submission read the granted share too (check_report's cost_explanation)."""
    application, people, report = case
    travel, meetings = people["lines"]
    grant(application, travel_sek=20_000)
    ReportCost.objects.create(report=report, budget_line=travel, actual_sek=40_000)
    ReportCost.objects.create(report=report, budget_line=meetings, actual_sek=10_000)
    costs = {c.description: c.approved for c in report_facts(report).costs}
    assert costs == {str(travel): 20_000, str(meetings): 10_000}
    codes = [f.code for f in rules.check_report(report_facts(report))]
    assert codes.count("cost_explanation") == 1


@pytest.mark.parametrize("amount", ["-5", "abc", "99999999999"])
def test_nonsense_amounts_are_errors_not_500s(client, case, amount):
    _application, people, report = case
    travel, _meetings = people["lines"]
    response = client.post(step_url(report, "costs"), {f"actual_{travel.pk}": amount})
    assert response.status_code == 200
    assert not ReportCost.objects.exists()


def visit_to_kisumu(traveller, **fields) -> dict:
    """The visits step's data: one visit to Kisumu with `traveller` on it."""
    visit = {
        "date": "2025-05-12",
        "host": "partner",
        "place": "Kisumu",
        "travellers": [traveller.pk],
        "learnt": "Budgetdialoger med unga.",
        "brought_home": "Presenterat för nämnden.",
    } | fields
    return {"visits-TOTAL_FORMS": "1", "visits-INITIAL_FORMS": "0"} | {
        f"visits-0-{name}": value for name, value in visit.items()
    }


def test_a_visit_with_travellers_is_saved(client, case):
    _application, people, report = case
    response = client.post(step_url(report, "visits"), visit_to_kisumu(people["team"][0]))
    assert response.status_code == 302
    visit = ReportVisit.objects.get()
    assert list(visit.travellers.all()) == [people["team"][0]]


def test_a_traveller_who_is_not_approved_is_refused(client, case):
    _application, people, report = case
    response = client.post(
        step_url(report, "visits"),
        visit_to_kisumu(people["unapproved"], learnt="x", brought_home="y"),
    )
    assert response.status_code == 200
    assert gettext(CLAIM) % {"names": "Nils Ny"} in response.content.decode()
    assert 'value="Kisumu"' in response.content.decode()
    assert not ReportVisit.objects.exists()


def test_the_review_lists_what_is_missing(client, case):
    _application, _people, report = case
    page = client.get(reverse("reporting:review", args=[report.pk])).content.decode()
    assert gettext("Describe the activities carried out.") in page
    assert 'data-code="participants"' in page


def test_submitting_an_incomplete_report_returns_to_the_review_with_the_reasons(client, case):
    _application, _people, report = case
    response = client.post(reverse("reporting:submit", args=[report.pk]), follow=True)
    assert gettext("Describe the activities carried out.") in response.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_file_that_is_not_what_it_claims_is_refused(client, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _application, _people, report = case
    response = client.post(
        reverse("reporting:attachments", args=[report.pk]),
        {"file": SimpleUploadedFile("protokoll.pdf", b"not a pdf at all")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not report.attachments.exists()


def test_an_accepted_file_is_attached(client, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import pdf_bytes

    _application, _people, report = case
    client.post(
        reverse("reporting:attachments", args=[report.pk]),
        {"file": SimpleUploadedFile("protokoll.pdf", pdf_bytes())},
    )
    assert report.attachments.get().original_name == "protokoll.pdf"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"visits-TOTAL_FORMS": "abc", "visits-INITIAL_FORMS": "0"},
        {"visits-TOTAL_FORMS": "1", "visits-INITIAL_FORMS": "0", "visits-0-date": "31/31/2025"},
    ],
)
def test_a_broken_visit_form_is_an_error_not_a_500(client, case, data):
    _application, _people, report = case
    response = client.post(step_url(report, "visits"), data)
    assert response.status_code == 200
    assert not ReportVisit.objects.exists()


def test_a_forged_participant_id_of_another_case_is_an_error(client, case):
    from tests.factories import ParticipantFactory

    _application, _people, report = case
    stranger = ParticipantFactory(approved_at="2025-01-01T00:00:00Z")
    response = client.post(step_url(report, "participants"), {"participants": [stranger.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["participants"]
    assert not report.participants.exists()


def visit(people, who, date):
    return {
        "visits-TOTAL_FORMS": "1",
        "visits-INITIAL_FORMS": "0",
        "visits-0-date": date.isoformat(),
        "visits-0-host": "partner",
        "visits-0-place": "Kisumu",
        "visits-0-travellers": [people[who].pk],
        "visits-0-learnt": "x",
        "visits-0-brought_home": "y",
    }


def test_a_person_who_left_is_claimed_for_a_visit_before_they_left_not_after(client, case):
    """Issue 14, item 6: "for what they did before they left (a visit dated before their
    leaving date)". Greta left today."""
    import datetime

    from django.utils import formats

    _application, people, report = case
    today = timezone.localdate()
    after = client.post(step_url(report, "visits"), visit(people, "departed", today))
    assert after.status_code == 200
    message = gettext(GONE) % {"names": "Greta Gått", "date": formats.date_format(today)}
    assert message in after.content.decode()
    assert not ReportVisit.objects.exists()

    before = today - datetime.timedelta(days=3)
    response = client.post(step_url(report, "visits"), visit(people, "departed", before))
    assert response.status_code == 302
    travellers = ReportVisit.objects.get().travellers(manager="with_left").all()
    assert list(travellers) == [people["departed"]]


def test_a_step_posted_while_the_report_is_submitted_is_refused(client, case, monkeypatch):
    """Both wizards save through core.wizard.save_locked: the report row is locked and re-checked,
    so a step that arrives during the submission changes nothing."""
    from reporting.forms import ContentForm
    from reporting.models import Report, ReportStatus

    _application, _people, report = case
    clean = ContentForm.clean

    def submitted_meanwhile(form):
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
        return clean(form)

    monkeypatch.setattr(ContentForm, "clean", submitted_meanwhile)
    response = client.post(step_url(report, "content"), {"activities": "Sent", "save": ""})
    assert response["Location"] == reverse("reporting:report", args=[report.pk])
    report.refresh_from_db()
    assert (report.activities, report.status) == ("", ReportStatus.SUBMITTED)
