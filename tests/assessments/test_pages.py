"""The assessor's page (declaration of jäv, then scores, then the others' scores) and the
officer's page (assessors, every score, the recommendation), through the client."""

from __future__ import annotations

import pytest

from assessments.models import Assessment, Criterion, Recommendation
from assessments.services import assign_assessor
from casework.services import assign_officer
from tests.factories import as_staff

# Staff pages (outside the language-prefixed portal) are in Swedish.
pytestmark = pytest.mark.django_db


def assess_url(application):
    return f"/admin/assessments/assess/{application.pk}/"


def case_url(application):
    return f"/admin/assessments/case/{application.pk}/"


def criteria_of(application):
    return list(Criterion.objects.filter(component=application.component, active=True))


def all_scored(application, value, comment="Bra."):
    data = {"action": "submit", "summary": "Sammantaget bra."}
    for criterion in criteria_of(application):
        data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = comment
    return data


@pytest.fixture
def assigned(screened, officer, make_assessor):
    application, _people = screened
    assessor = make_assessor(first_name="Astrid", language="en")
    assign_assessor(application=application, assessor=as_staff(assessor), by=as_staff(officer))
    return application, assessor


def test_an_assessor_sees_only_the_declaration_before_declaring(client, assigned):
    application, assessor = assigned
    client.force_login(assessor)
    page = client.get(assess_url(application)).content.decode()
    assert "Jag är inte jävig" in page
    assert "score_" not in page  # no criteria to score yet
    assert "Läs ansökan" not in page


def test_an_assessor_declares_no_conflict_scores_and_submits(client, assigned):
    application, assessor = assigned
    client.force_login(assessor)
    response = client.post(assess_url(application), {"action": "declare_no_conflict"})
    assert response.status_code == 302
    page = client.get(assess_url(application)).content.decode()
    assert "Läs ansökan" in page
    assert page.count('type="radio"') == 5 * len(criteria_of(application))
    # Saved part-way, then submitted with every score.
    first = criteria_of(application)[0]
    client.post(assess_url(application), {"action": "save", f"score_{first.pk}": "2"})
    assert Assessment.objects.get().scores.get(criterion=first).score == 2
    response = client.post(assess_url(application), all_scored(application, 4))
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.status == "submitted"
    assert assessment.summary == "Sammantaget bra."
    assert {s.score for s in assessment.scores.all()} == {4}


def test_submitting_with_a_criterion_unscored_keeps_the_input_and_lists_the_error(client, assigned):
    application, assessor = assigned
    client.force_login(assessor)
    client.post(assess_url(application), {"action": "declare_no_conflict"})
    data = all_scored(application, 3, comment="Min kommentar")
    last = criteria_of(application)[-1]
    del data[f"score_{last.pk}"]
    response = client.post(assess_url(application), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page
    assert "Poängsätt varje kriterium innan du lämnar in." in page
    assert "Min kommentar" in page
    assert Assessment.objects.get().status == "declared"
    assert not Assessment.objects.get().scores.exists()  # the save rolled back with the submit


def test_a_score_outside_the_scale_is_an_error_linking_to_its_field(client, assigned):
    application, assessor = assigned
    client.force_login(assessor)
    client.post(assess_url(application), {"action": "declare_no_conflict"})
    first = criteria_of(application)[0]
    response = client.post(assess_url(application), {"action": "save", f"score_{first.pk}": "9"})
    assert response.status_code == 400
    assert f'href="#id_score_{first.pk}_0"' in response.content.decode()


def test_declaring_jav_makes_the_application_a_404_for_the_assessor(client, assigned):
    application, assessor = assigned
    client.force_login(assessor)
    response = client.post(assess_url(application), {"action": "declare_conflict"})
    assert response["Location"] == "/admin/assessments/mine/"
    assert client.get(assess_url(application)).status_code == 404
    assert client.post(assess_url(application), all_scored(application, 5)).status_code == 404
    assert client.get(case_url(application)).status_code == 404
    assert str(application) not in client.get("/admin/assessments/mine/").content.decode()


def test_an_assessor_sees_the_others_scores_only_after_submitting(
    client, assigned, officer, make_assessor
):
    application, assessor = assigned
    other = make_assessor(first_name="Bertil")
    assign_assessor(application=application, assessor=as_staff(other), by=as_staff(officer))
    client.force_login(other)
    client.post(assess_url(application), {"action": "declare_no_conflict"})
    client.post(assess_url(application), all_scored(application, 2, comment="Bertils skäl"))
    client.force_login(assessor)
    client.post(assess_url(application), {"action": "declare_no_conflict"})
    data = all_scored(application, 5)
    data["action"] = "save"
    client.post(assess_url(application), data)
    assert "Bertils skäl" not in client.get(assess_url(application)).content.decode()
    data["action"] = "submit"
    client.post(assess_url(application), data)
    page = client.get(assess_url(application)).content.decode()
    assert "Bertils skäl" in page
    assert "Bertil" in page


def test_the_officer_adds_an_assessor_and_writes_the_recommendation(
    client, screened, officer, make_assessor
):
    application, _people = screened
    assign_officer(applications=[application], officer=officer, by=as_staff(officer))
    assessor = make_assessor(first_name="Cecilia")
    client.force_login(officer)
    page = client.get(case_url(application))
    assert page.status_code == 200
    assert "Cecilia" in page.content.decode()  # offered as an assessor
    response = client.post(case_url(application), {"action": "assign", "assessor": assessor.pk})
    assert response.status_code == 302
    assert Assessment.objects.get().assessor == assessor
    response = client.post(
        case_url(application),
        {
            "action": "recommend",
            "outcome": "grant",
            "summary": "Väl förankrad.",
            "amount_travel": "100000",
            "amount_other": "",
        },
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.status, recommendation.outcome) == ("recommended", "grant")
    assert {a.category: a.amount_sek for a in recommendation.amounts.all()} == {"travel": 100000}
    page = client.get(case_url(application)).content.decode()
    assert 'value="100000"' in page and "Väl förankrad." in page


def test_a_recommendation_without_a_summary_re_renders_with_the_input(client, case, officer):
    application, _people = case
    assign_officer(applications=[application], officer=officer, by=as_staff(officer))
    client.force_login(officer)
    response = client.post(
        case_url(application),
        {"action": "recommend", "outcome": "grant", "summary": "", "amount_travel": "-5"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page
    assert 'href="#id_summary"' in page and 'href="#id_amount_travel"' in page
    assert 'value="-5"' in page
    assert not Recommendation.objects.exists()


def test_only_the_responsible_officer_records_the_recommendation(
    client, case, officer, make_officer
):
    application, _people = case
    assign_officer(applications=[application], officer=make_officer(), by=as_staff(officer))
    client.force_login(officer)
    response = client.post(
        case_url(application), {"action": "recommend", "outcome": "decline", "summary": "Nej."}
    )
    assert response.status_code == 400
    assert "Bara ärendets ansvariga handläggare" in response.content.decode()
    assert not Recommendation.objects.filter(status="recommended").exists()


def test_the_swedish_assessor_page(client, assigned):
    application, assessor = assigned
    assessor.language = "sv"
    assessor.save(update_fields=["language"])
    client.force_login(assessor)
    page = client.get(assess_url(application)).content.decode()
    assert "Bedömning av" in page and "Jag är inte jävig" in page
    assert 'lang="sv"' in page
