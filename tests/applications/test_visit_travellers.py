"""Who travels on each planned visit (issue 20, item 2: each visit lists "which team members
travel"): once the team exists the coordinator ticks the travellers of the party that does not
host, and the visit's budget lines count them; while no one is ticked the number of travellers
stands, with a warning asking to name the people before submission."""

import pytest
from django.urls import reverse

from applications.findings import findings_for
from applications.models import BudgetLine, Participant, Visit
from applications.rules import check_visits, travelling, visit_facts
from costnorms.models import CountryRate
from tests.applications.test_budget_step import draft, norm, step_url, visit_row, visits_post
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
__all__ = ["draft"]  # the fixture


class V:
    def __init__(self, host="partner", participants=3, days=4, named=0):
        self.host, self.participants, self.days, self.named = host, participants, days, named
        self.interpreter = False


def test_the_people_chosen_count_and_the_number_stands_while_none_are():
    assert travelling(named=2, participants=5) == 2
    assert travelling(named=0, participants=5) == 5
    assert travelling(named=0, participants=None) is None
    assert visit_facts(V(), "KE", named=2).travellers == 2
    assert visit_facts(V(), "KE", named=0).travellers == 3
    # Named people cost a visit whose number was never given.
    assert visit_facts(V(participants=None), "KE", named=1).travellers == 1


def test_a_visit_without_named_travellers_is_a_warning_to_name_them():
    findings = check_visits("forberedelse", [V(host="swedish", named=2), V(named=0)])
    [finding] = [f for f in findings if f.code == "visit_travellers_unnamed"]
    assert finding.severity == "warning"
    assert "1" in str(finding.message)
    # A plan judged without the team (no `named`) is not asked.
    plain = type("P", (), {"host": "partner", "participants": 3, "days": 4})()
    assert "visit_travellers_unnamed" not in {f.code for f in check_visits("forberedelse", [plain])}


def team(application, party):
    return list(Participant.objects.filter(application=application, party=party).order_by("pk"))


def test_the_visit_step_offers_the_team_and_the_lines_follow_the_people_ticked(client, draft):
    swedes = team(draft, "swedish")
    assert len(swedes) >= 2
    page = client.get(step_url(draft, "visits")).text
    assert all(person.name in page for person in swedes)
    # Four go to Kenya by number; two of the Swedish team are ticked: the lines count two.
    row = visit_row(0, host="partner", participants="4", days="5")
    row |= {"visits-0-travellers": [swedes[0].pk, swedes[1].pk]}
    response = client.post(step_url(draft, "visits"), visits_post(row))
    assert response.status_code == 302
    visit = Visit.objects.get(application=draft)
    assert set(visit.travellers.all()) == {swedes[0], swedes[1]}
    assert visit.participants == 2
    per_diem = BudgetLine.objects.get(visit=visit, basis__kind="per_diem")
    assert per_diem.basis["persons"] == 2
    assert per_diem.amount_sek == 2 * 5 * norm(CountryRate, country__code="KE").per_diem_sek
    codes = {f.code for f in findings_for(draft)}
    assert "visit_travellers_unnamed" not in codes
    # The ticks are kept when the step is shown again.
    page = client.get(step_url(draft, "visits")).text
    assert page.count("checked") >= 2


def test_someone_who_leaves_the_team_is_no_longer_counted(client, draft):
    swedes = team(draft, "swedish")
    row = visit_row(0, host="partner", participants=None, days="5")
    row |= {"visits-0-travellers": [swedes[0].pk, swedes[1].pk]}
    client.post(step_url(draft, "visits"), visits_post(row))
    Participant.objects.filter(pk=swedes[1].pk).delete()
    client.post(step_url(draft, "content"), {"title": draft.title, "purpose": draft.purpose})
    line = BudgetLine.objects.get(application=draft, basis__kind="per_diem")
    assert line.basis["persons"] == 1


def test_the_hosts_own_team_cannot_be_ticked_and_the_input_is_kept(client, draft):
    partners = team(draft, "partner")
    row = visit_row(0, host="partner", participants="4", days="5")
    row |= {"visits-0-travellers": [partners[0].pk]}
    response = client.post(step_url(draft, "visits"), visits_post(row))
    assert response.status_code == 200
    assert partners[0].name in response.text
    assert 'href="#id_visits-0-travellers' in response.text  # the error summary links to it
    assert not Visit.objects.filter(application=draft).exists()


def test_a_visit_needs_a_number_or_people(client, draft):
    response = client.post(step_url(draft, "visits"), visits_post(visit_row(0, participants=None)))
    assert response.status_code == 200
    assert 'href="#id_visits-0-participants"' in response.text
    assert not Visit.objects.filter(application=draft).exists()


def test_a_forged_person_of_another_case_is_an_error_not_a_500(client, draft):
    stranger = Participant.objects.create(
        application=ApplicationFactory(),
        party="swedish",
        name="Främling",
        organisation="X",
        position="Y",
        category="official",
        gender="woman",
        motivation="Z",
    )
    row = visit_row(0, host="partner") | {"visits-0-travellers": [stranger.pk]}
    response = client.post(step_url(draft, "visits"), visits_post(row))
    assert response.status_code == 200
    assert not Visit.objects.filter(application=draft).exists()


def test_while_the_team_is_empty_the_number_stands_and_a_warning_asks_for_the_people(client, draft):
    Participant.objects.filter(application=draft).delete()
    page = client.get(step_url(draft, "visits")).text

    assert 'name="visits-0-travellers"' not in page
    client.post(step_url(draft, "visits"), visits_post(visit_row(0, host="partner")))
    line = BudgetLine.objects.get(application=draft, basis__kind="per_diem")
    assert line.basis["persons"] == 3
    assert "visit_travellers_unnamed" in {f.code for f in findings_for(draft)}
    review = client.get(reverse("applications:review", args=[draft.pk])).text
    assert 'data-code="visit_travellers_unnamed"' in review
