"""Check your answers before submitting: every answer by step with a link to change it that
comes back here, the findings linked to their step, a declaration required to submit
(issue 18, item 3)."""

import datetime
import re

import pytest
from django.urls import reverse

from applications.models import ApplicationStatus, BudgetLine, Visit
from tests.factories import (
    AttachmentFactory,
    ParticipantFactory,
    application_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(coordinator):
    application = application_of(
        coordinator,
        purpose="Stärka ungas inflytande.",
    )
    ParticipantFactory(application=application, name="Sara Svensson")
    ParticipantFactory(application=application, party="partner", name="Amani Otieno")
    Visit.objects.create(
        application=application,
        host="partner",
        months="Mars 2027",
        participants=4,
        learning_goals="Medborgardialog",
    )
    BudgetLine.objects.create(
        application=application, category="travel", description="Flyg", amount_sek=24500
    )
    AttachmentFactory(application=application, original_name="Beslut KS.pdf")
    return application


def review(client, application):
    return client.get(reverse("applications:review", args=[application.pk]))


def test_every_answer_row_and_attachment_is_listed_under_its_step(client, coordinator, draft):
    client.force_login(coordinator)
    html = review(client, draft).text
    for shown in [
        "Unga röster i Kisumu",
        "Stärka ungas inflytande.",
        "Kisumu County Government",
        "Sara Svensson",
        "Amani Otieno",
        "Mars 2027",
        "Flyg",
        "24\xa0500\xa0kr",
        "Beslut KS.pdf",
    ]:
        assert shown in html, shown
    for slug in ["partnership", "content", "planning", "visits", "budget", "attachments", "team"]:
        assert f'id="answers-{slug}"' in html


def test_each_change_link_leads_to_its_field_and_the_field_is_there(client, coordinator, draft):
    client.force_login(coordinator)
    html = review(client, draft).text
    links = set(re.findall(r'href="([^"#]+\?return=review)#([^"]+)"', html))
    assert (
        reverse("applications:step", args=[draft.pk, "content"]) + "?return=review",
        "id_title",
    ) in links
    assert (
        reverse("applications:step", args=[draft.pk, "team"]) + "?return=review",
        "partner-0",
    ) in links
    for url, anchor in links:
        page = client.get(url).text
        assert f'id="{anchor}"' in page, (url, anchor)
        assert 'name="return" value="review"' in page


def test_a_step_changed_from_the_summary_leads_back_to_it(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(
        reverse("applications:step", args=[draft.pk, "content"]),
        {"title": "Nya röster", "purpose": "Syfte", "return": "review", "save": ""},
    )
    assert (
        response["Location"] == reverse("applications:review", args=[draft.pk]) + "#answers-content"
    )
    assert "Nya röster" in review(client, draft).text


def test_a_finding_links_to_the_step_that_fixes_it(client, coordinator, draft):
    """Both teams have one official only. Seed 004: "Teamet ska bestå av två politiker"."""
    client.force_login(coordinator)
    html = review(client, draft).text
    team_url = reverse("applications:step", args=[draft.pk, "team"])
    finding = re.search(r'<li data-code="politician_count">.*?</li>', html, re.S).group(0)
    assert f'href="{team_url}?return=review"' in finding


@pytest.mark.parametrize(("component", "needs_tool"), [("projekt", True), ("forberedelse", False)])
def test_a_projekt_needs_the_planning_work_a_forberedelse_does_not(
    client, coordinator, component, needs_tool
):
    """Seed 004: "Projektansökan ska ha föregåtts av att parterna arbetat med ICLD:s
    projektplaneringsverktyg", while "Det är obligatoriskt att använda ICLD:s
    projektplaneringsverktyg under förberedelsen": a new partnership's Projekt without the
    planning step is held up by it, linking to the step; a Förberedelse is not (issue 14,
    rule 1)."""
    application = application_of(coordinator, component=component)
    client.force_login(coordinator)
    html = review(client, application).text
    finding = re.search(r'<li data-code="planning_tool_incomplete">.*?</li>', html, re.S)
    assert (finding is not None) is needs_tool
    if needs_tool:
        planning_url = reverse("applications:step", args=[application.pk, "planning"])
        assert f'href="{planning_url}?return=review"' in finding.group(0)


@pytest.mark.parametrize("with_projekt", [False, True])
def test_a_styrgrupp_goes_with_a_projekt_for_the_same_period(client, coordinator, with_projekt):
    """Seed 004: "Projekt förutsätter att det finns en tillhörande styrgrupp som löper under
    motsvarande tid": a Steering group alone is an error on check-your-answers; with a Project
    for the same partner and period applied for alongside, it is not (issue 14, rule 3)."""
    period = {"period_start": datetime.date(2027, 1, 1), "period_end": datetime.date(2028, 12, 31)}
    styrgrupp = application_of(coordinator, component="styrgrupp", **period)
    if with_projekt:
        application_of(
            coordinator,
            component="projekt",
            new_partner_country=styrgrupp.new_partner_country,
            **period,
        )
    client.force_login(coordinator)
    html = review(client, styrgrupp).text
    assert ('data-code="projekt_missing"' in html) is not with_projekt


def test_submitting_without_the_declaration_says_so_and_sends_nothing(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(reverse("applications:submit", args=[draft.pk]))
    html = response.text
    assert response.status_code == 200
    assert re.search(r"<title>Fel: 1 fel – ", html)
    assert 'href="#id_declaration"' in html and 'id="id_declaration"' in html
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_the_declaration_names_the_organisation(client, coordinator, draft):
    client.force_login(coordinator)
    html = review(client, draft).text
    label = re.search(r'<label[^>]*for="id_declaration".*?</label>', html, re.S).group(0)
    assert draft.organisation.name in label


def test_a_contributor_who_cannot_submit_sees_no_declaration(client, draft):
    from applications.models import Contributor
    from tests.factories import UserFactory

    editor = UserFactory()
    Contributor.objects.create(application=draft, user=editor, role="editor")
    client.force_login(editor)
    html = review(client, draft).text
    assert "Sara Svensson" in html
    assert 'name="declaration"' not in html
