"""Markup typed into any text field comes back escaped on every page that shows it."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.widgets import DateTimeBaseInput
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from applications.forms import ContentStepForm, PartnershipStepForm, PlanningStepForm
from applications.models import Application
from pages.models import NewsItem
from reporting.models import Report, ReportVisit
from tests.applications.test_wizard import team_post
from tests.factories import (
    AttachmentFactory,
    ComponentHistoryFactory,
    ParticipantChangeFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    case_with_people,
    make_staff,
)
from tests.reporting.factories import complete_report, granted_case

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
ESCAPED = escape(PAYLOAD)
REPORT_TEXTS = ["activities", "results", "democratic_results", "lessons", "knowledge_home"]
REPORT_STEPS = ["content", "visits", "costs"]
# What must never reach a page unescaped, in whole or in part.
DANGEROUS = ["<script>alert(1)", "<img src=x onerror", '"><img']


def assert_escaped(response, *, shown: bool = True) -> None:
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    for fragment in DANGEROUS:
        assert fragment not in body, f"raw {fragment!r} on {response.request['PATH_INFO']}"
    if shown:
        assert ESCAPED in body, f"the payload is not shown on {response.request['PATH_INFO']}"


def text_fields(form_class: type[forms.ModelForm], application: Application) -> dict[str, str]:
    """The payload in every free-text field of a wizard step's form."""
    form = form_class(instance=application)
    return {
        name: PAYLOAD
        for name, field in form.fields.items()
        if isinstance(field.widget, forms.TextInput | forms.Textarea)
        and not isinstance(
            field.widget,
            forms.EmailInput | forms.NumberInput | forms.URLInput | DateTimeBaseInput,
        )
    }


@pytest.fixture
def typed_case(client, media):
    """A case where the coordinator typed the payload into every text field of the wizard,
    and the attachment and a contributor's name carry it too. The client is the coordinator."""
    application, people = case_with_people(component="spridning")  # with the dialogue fields
    steps = []
    partnership = text_fields(PartnershipStepForm, application) | {"component": "spridning"}
    steps.append(("partnership", partnership))
    steps.append(("content", text_fields(ContentStepForm, application)))
    steps.append(("planning", text_fields(PlanningStepForm, application)))
    person = {"name": PAYLOAD, "organisation": PAYLOAD, "position": PAYLOAD, "motivation": PAYLOAD}
    steps.append(("team", team_post([person], [person])))
    visit = {
        "visits-TOTAL_FORMS": 1,
        "visits-INITIAL_FORMS": 0,
        "visits-0-host": "partner",
        "visits-0-months": PAYLOAD,
        "visits-0-participants": 4,
        "visits-0-learning_goals": PAYLOAD,
    }
    steps.append(("visits", visit))
    budget = {
        "budget-TOTAL_FORMS": 1,
        "budget-INITIAL_FORMS": 0,
        "budget-0-category": "travel",
        "budget-0-description": PAYLOAD,
        "budget-0-amount_sek": 1000,
        "budget-0-explanation": PAYLOAD,
    }
    steps.append(("budget", budget))
    AttachmentFactory(
        application=application,
        uploaded_by=people["coordinator"],
        original_name=PAYLOAD[:150] + ".pdf",
        description=PAYLOAD,
    )
    reader = people["reader"]
    reader.first_name = PAYLOAD
    reader.save(update_fields=["first_name"])

    client.force_login(people["coordinator"])
    for step, data in steps:
        response = client.post(
            reverse("applications:step", args=[application.pk, step]), {"save": "", **data}
        )
        assert response.status_code == 302, f"the {step} step did not save"
    return application, people, [step for step, _ in steps]


def test_the_wizard_saves_the_payload_as_typed(typed_case):
    application, _, _ = typed_case
    application.refresh_from_db()
    assert application.title == PAYLOAD
    assert application.purpose == PAYLOAD
    assert application.new_partner_name == PAYLOAD
    assert application.participants.filter(name=PAYLOAD).count() == 2


def test_every_case_page_escapes_what_was_typed(client, typed_case):
    application, people, steps = typed_case
    pk = application.pk
    pages = [
        reverse("applications:case", args=[pk]),
        reverse("applications:review", args=[pk]),
        reverse("applications:dashboard"),
        reverse("applications:attachments", args=[pk]),
        reverse("applications:contributors", args=[pk]),
        *(reverse("applications:step", args=[pk, step]) for step in steps),
    ]
    for url in pages:
        assert_escaped(client.get(url))

    client.force_login(people["reader"])  # a contributor sees the same case
    assert_escaped(client.get(reverse("applications:case", args=[pk])))


def test_a_search_for_markup_is_escaped_on_the_public_list(client):
    url = reverse("partnerships:list")
    assert_escaped(client.get(url, {"q": PAYLOAD}))  # the search field shows what was typed
    assert_escaped(client.get(url, {"q": PAYLOAD, "fragment": "1"}), shown=False)
    assert_escaped(client.get(url, {"country": PAYLOAD, "year_from": PAYLOAD}), shown=False)


def test_public_pages_escape_names_from_the_database(client):
    partner = PartnerOrganisationFactory(name=PAYLOAD, city=PAYLOAD)
    partnership = PartnershipFactory(partner_organisation=partner, description=PAYLOAD)
    ComponentHistoryFactory(partnership=partnership)
    swedish = partnership.swedish_organisation
    swedish.name = PAYLOAD
    swedish.save(update_fields=["name"])

    assert_escaped(client.get(reverse("partnerships:list")))
    assert_escaped(client.get(reverse("partnerships:list"), {"fragment": "1"}))
    assert_escaped(client.get(reverse("partnerships:detail", args=[partnership.pk])))
    assert_escaped(client.get(reverse("partnerships:organisation", args=[swedish.pk])))
    assert_escaped(client.get(reverse("partnerships:by_country")))


def test_news_pages_escape_what_staff_typed(client):
    item = NewsItem.objects.create(
        slug="xss",
        title_sv=PAYLOAD,
        summary_sv=PAYLOAD,
        body_sv=PAYLOAD,
        published_at=timezone.now(),
    )
    assert_escaped(client.get(reverse("pages:home")))
    assert_escaped(client.get(reverse("pages:news_list")))
    assert_escaped(client.get(reverse("pages:news_detail", args=[item.slug])))


@pytest.fixture
def typed_report(media):
    """A report and a participant change whose every text carries the payload."""
    application, people = granted_case()
    report = complete_report(application, people)
    Report.objects.filter(pk=report.pk).update(**dict.fromkeys(REPORT_TEXTS, PAYLOAD))
    report.costs.update(explanation=PAYLOAD)
    visit = ReportVisit.objects.create(
        report=report,
        date=application.period_start,
        host="partner",
        place=PAYLOAD,
        learnt=PAYLOAD,
        brought_home=PAYLOAD,
    )
    visit.travellers.set(people["team"][:1])
    change = ParticipantChangeFactory(
        application=application,
        proposed_by=people["coordinator"],
        name=PAYLOAD,
        reason=PAYLOAD,
        motivation=PAYLOAD,
        position=PAYLOAD,
    )
    return application, people, report, change


def test_report_and_participant_change_pages_escape_what_was_typed(client, typed_report):
    application, people, report, change = typed_report
    client.force_login(people["coordinator"])
    pages = [
        reverse("reporting:report", args=[report.pk]),
        *(reverse("reporting:step", args=[report.pk, step]) for step in REPORT_STEPS),
        reverse("applications:case", args=[application.pk]),
    ]
    for url in pages:
        assert_escaped(client.get(url))
    # The review step lists what is missing, not the texts.
    assert_escaped(client.get(reverse("reporting:review", args=[report.pk])), shown=False)

    client.force_login(make_staff())
    for url in [
        reverse("admin:reporting_report_change", args=[report.pk]),
        reverse("admin:applications_participantchange_change", args=[change.pk]),
        reverse("admin:applications_participantchange_changelist"),
    ]:
        # The admin's own boolean icons are `"><img src=…`: look for the payload's markup only.
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body and "<img src=x onerror" not in body, url
        assert ESCAPED in body, url
