"""The decision in the admin: approve/decline of an application go through a proposal and a
decision; the proposal form re-renders with its errors; four eyes are said and held."""

import pytest
from django.urls import reverse

from applications.models import ApplicationStatus
from decisions import services
from decisions.models import Decision, DecisionStatus, Outcome

pytestmark = pytest.mark.django_db


def propose_url(application):
    return reverse("admin:decisions_decision_propose", args=[application.pk])


def test_the_application_page_offers_a_proposal_not_a_direct_approval(client, officer, in_review):
    client.force_login(officer)
    page = client.get(reverse("admin:applications_application_change", args=[in_review.pk]))
    assert propose_url(in_review) in page.text
    for name in ("approve", "decline"):
        url = reverse("admin:applications_application_transition", args=[in_review.pk, name])
        assert url not in page.text
        assert client.get(url).status_code == 404
        assert client.post(url, {"comment": "x"}).status_code == 404
    # Return for completion stays as it was.
    ret = reverse("admin:applications_application_transition", args=[in_review.pk, "return"])
    assert ret in page.text
    in_review.refresh_from_db()
    assert in_review.status == ApplicationStatus.IN_REVIEW


def test_the_proposal_form_is_prefilled_and_keeps_input_on_errors(client, officer, in_review):
    client.force_login(officer)
    form = client.get(propose_url(in_review))
    assert form.status_code == 200
    assert 'value="65000"' in form.text  # travel: two lines summed
    bad = client.post(
        propose_url(in_review),
        {
            "outcome": "declined",
            "granted_travel": "-5",
            "granted_accommodation": "24000",
            "granted_interpretation": "11000",
            "conditions": "Villkor som ska stå kvar",
        },
    )
    assert bad.status_code == 200
    assert 'id="error-summary"' in bad.text
    assert 'href="#id_granted_travel"' in bad.text and 'href="#id_reasons"' in bad.text
    assert "Villkor som ska stå kvar" in bad.text
    assert not Decision.objects.exists()


def test_an_officer_proposes_and_the_decision_page_says_who_may_not_decide(
    client, officer, in_review
):
    client.force_login(officer)
    done = client.post(
        propose_url(in_review),
        {
            "outcome": "granted",
            "granted_travel": "50000",
            "granted_accommodation": "24000",
            "granted_interpretation": "11000",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "conditions": "Slutrapport senast 31 januari 2028.",
        },
    )
    assert done.status_code == 302, done.content.decode()[-3000:]
    decision = Decision.objects.get()
    assert done["Location"] == reverse("admin:decisions_decision_change", args=[decision.pk])
    assert decision.granted_total == 85_000
    page = client.get(done["Location"])
    assert 'id="four-eyes"' in page.text
    # The officer has no decide_grant: no link to decide.
    decide = reverse("admin:decisions_decision_transition", args=[decision.pk, "decide"])
    assert decide not in page.text
    assert client.get(decide).status_code == 404
    # The application's page now links to the decision.
    app_page = client.get(reverse("admin:applications_application_change", args=[in_review.pk]))
    assert reverse("admin:decisions_decision_change", args=[decision.pk]) in app_page.text


def test_a_decision_maker_decides_on_the_decision_page(
    client, officer, decider, in_review, django_capture_on_commit_callbacks
):
    decision = services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    client.force_login(decider)
    page = client.get(reverse("admin:decisions_decision_change", args=[decision.pk]))
    decide = reverse("admin:decisions_decision_transition", args=[decision.pk, "decide"])
    assert decide in page.text
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(decide, {"comment": ""})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DECIDED and decision.decided_by == decider
    in_review.refresh_from_db()
    assert in_review.status == ApplicationStatus.APPROVED


def test_the_proposer_is_refused_on_the_decision_page(client, decider, in_review):
    decision = services.propose(application=in_review, by=decider, outcome=Outcome.GRANTED)
    client.force_login(decider)
    decide = reverse("admin:decisions_decision_transition", args=[decision.pk, "decide"])
    response = client.post(decide, {"comment": ""}, follow=True)
    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED


def test_coordinators_and_outsiders_cannot_reach_the_decision_admin(client, officer, in_review):
    decision = services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    client.force_login(in_review.created_by)
    for url in (
        propose_url(in_review),
        reverse("admin:decisions_decision_change", args=[decision.pk]),
        reverse("admin:decisions_decision_transition", args=[decision.pk, "decide"]),
    ):
        response = client.post(url, {})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED


def test_the_decision_makers_group_holds_decide_grant_and_officers_do_not(officer, decider):
    assert decider.has_perm("decisions.decide_grant")
    assert not officer.has_perm("decisions.decide_grant")
    assert officer.has_perm("decisions.add_decision")
