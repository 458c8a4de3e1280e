"""Screening (issue 19, item 3): the rules' findings pre-fill the reasons, staff confirm or
override each (with why), admissible goes on to assessment, inadmissible is declined through
applications' table with a letter listing the reasons (in the thread and the decision e-mail)."""

from __future__ import annotations

import re

import pytest

from applications.models import ApplicationEvent
from assessments.models import Screening, ScreeningEvent, Verdict
from assessments.services import start_screening
from casework.models import Message
from core.models import OutgoingEmail
from tests.factories import as_staff

# Staff pages (outside the language-prefixed portal) are in Swedish.
pytestmark = pytest.mark.django_db


def url(application):
    return f"/admin/assessments/screening/{application.pk}/"


def started(application, officer):
    (screening,) = start_screening(applications=[application], by=as_staff(officer))
    return screening


def started_without_title(application, officer):
    """The screening of `application` with its title removed: the rules find a reason."""
    application.title = ""
    application.save(update_fields=["title"])
    return started(application, officer)


def test_the_rules_findings_pre_fill_the_reasons_by_their_code(case, officer):
    application, _people = case
    screening = started_without_title(application, officer)
    codes = [r.code for r in screening.reasons.all()]
    assert "title_missing" in codes
    reason = screening.reasons.get(code="title_missing")
    assert reason.message_sv == "Ge ansökan en titel."
    assert reason.message_en == "Give the application a title."
    assert reason.verdict == ""
    assert ScreeningEvent.objects.get(screening=screening).to_status == "open"
    # Started once only: a second start (e.g. the batch) leaves it as it is.
    assert start_screening(applications=[application], by=as_staff(officer)) == []


def test_staff_start_the_screening_on_its_page(client, case, officer):
    application, _people = case
    client.force_login(officer)
    page = client.get(url(application))
    assert page.status_code == 200
    assert "Starta granskningen" in page.content.decode()
    assert not Screening.objects.exists()  # a GET writes nothing
    response = client.post(url(application), {"action": "start"})
    assert response.status_code == 302
    assert Screening.objects.get(application=application).status == "open"


def test_an_override_needs_a_why_and_the_form_keeps_the_input(client, case, officer):
    application, _people = case
    screening = started_without_title(application, officer)
    reasons = list(screening.reasons.all())
    client.force_login(officer)
    data = {"action": "admissible", "note": "Kept note"}
    for reason in reasons:
        data[f"verdict_{reason.pk}"] = Verdict.OVERRIDDEN
        data[f"comment_{reason.pk}"] = ""
    response = client.post(url(application), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv varför du åsidosätter skälet." in page
    assert f'href="#id_comment_{reasons[0].pk}"' in page  # the summary links to the field
    assert "Kept note" in page
    assert re.search(r'<input[^>]*value="overridden"[^>]*checked', page)
    screening.refresh_from_db()
    assert screening.status == "open"


def test_admissible_when_every_reason_is_overridden_goes_to_assessment(client, case, officer):
    application, _people = case
    screening = started_without_title(application, officer)
    client.force_login(officer)
    data = {"action": "admissible"}
    for reason in screening.reasons.all():
        data[f"verdict_{reason.pk}"] = Verdict.OVERRIDDEN
        data[f"comment_{reason.pk}"] = "The title is on the cover letter."
    response = client.post(url(application), data)
    assert response.status_code == 302
    screening.refresh_from_db()
    application.refresh_from_db()
    assert screening.status == "admissible"
    assert application.status == "in_review"
    assert screening.reasons.filter(decided_by=officer).count() == screening.reasons.count()


def test_a_confirmed_reason_refuses_admissible(client, case, officer):
    application, _people = case
    screening = started_without_title(application, officer)
    client.force_login(officer)
    data = {"action": "admissible"}
    for reason in screening.reasons.all():
        data[f"verdict_{reason.pk}"] = Verdict.CONFIRMED
    response = client.post(url(application), data)
    assert response.status_code == 400
    assert "gör att ansökan inte kan prövas" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_inadmissible_is_declined_with_a_letter_listing_the_reasons(
    client, case, officer, django_capture_on_commit_callbacks
):
    application, people = case
    people["coordinator"].language = "sv"
    people["coordinator"].save(update_fields=["language"])
    screening = started_without_title(application, officer)
    client.force_login(officer)
    data = {"action": "inadmissible", "new_reason": "Budgeten saknar underlag."}
    for reason in screening.reasons.all():
        data[f"verdict_{reason.pk}"] = (
            Verdict.CONFIRMED if reason.code == "title_missing" else (Verdict.OVERRIDDEN)
        )
        data[f"comment_{reason.pk}"] = "Inte avgörande."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(application), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "declined"
    assert list(
        ApplicationEvent.objects.filter(application=application).values_list(
            "from_status", "to_status"
        )
    ) == [("submitted", "in_review"), ("in_review", "declined")]
    decline = ApplicationEvent.objects.get(application=application, to_status="declined")
    assert "Ge ansökan en titel." in decline.comment
    assert "Budgeten saknar underlag." in decline.comment
    message = Message.objects.get(application=application)
    assert message.from_staff and message.kind == "message"
    assert "Ge ansökan en titel." in message.body
    # An overridden reason is not in the letter.
    overridden = screening.reasons.filter(verdict=Verdict.OVERRIDDEN)
    for reason in overridden:
        assert reason.message_sv not in message.body
    mail = OutgoingEmail.objects.filter(recipient=people["coordinator"].email)
    assert any("Ge ansökan en titel." in m.body for m in mail)


def test_inadmissible_needs_a_confirmed_reason(client, case, officer):
    application, _people = case
    screening = started(application, officer)
    client.force_login(officer)
    data = {"action": "inadmissible"}
    for reason in screening.reasons.all():
        data[f"verdict_{reason.pk}"] = Verdict.OVERRIDDEN
        data[f"comment_{reason.pk}"] = "Not decisive."
    response = client.post(url(application), data)
    assert response.status_code == 400
    assert "Bekräfta minst ett skäl" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["coordinator", "editor", "reader", "outsider", "staff_without_second_factor"]
)
def test_only_staff_with_the_power_open_the_screening(client, case, officer, persona):
    application, people = case
    started(application, officer)
    if persona == "staff_without_second_factor":
        from tests.factories import UserFactory

        user = UserFactory(is_staff=True)  # no authenticator: never passes the second factor
    else:
        user = people[persona]
    client.force_login(user)
    if persona == "staff_without_second_factor":
        # /admin/ sends them to set up their second factor first (core.mfa).
        assert "/2fa/" in client.get(url(application))["Location"]
        assert "/2fa/" in client.post(url(application), {"action": "inadmissible"})["Location"]
    else:
        assert client.get(url(application)).status_code == 404
        assert client.post(url(application), {"action": "inadmissible"}).status_code == 404
    assert Screening.objects.get().status == "open"


def test_anonymous_visitors_are_sent_to_log_in(client, case):
    application, _people = case
    response = client.get(url(application))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_swedish_page(client, case, make_officer):
    application, _people = case
    officer = make_officer(language="sv")
    client.force_login(officer)
    page = client.get(url(application)).content.decode()
    assert "Starta granskningen" in page
    assert 'lang="sv"' in page
