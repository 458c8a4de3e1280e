"""The visit plan and the budget step (issue 20, item 2): each planned visit's lines computed
from the cost norms in force, each explained; the coordinator's own lines with an explanation;
the total against the component's ceiling; the visit plan's deviations asking for a reason.
Amounts are recomputed here from the norms in the database."""

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation

from applications.models import BudgetLine, Visit
from costnorms.examples import load_example_norms
from costnorms.models import ComponentCeiling, CountryRate, LanguageFee, TravelBand
from tests.factories import valid_forberedelse

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, reference_data):
    load_example_norms()
    application = valid_forberedelse(language="sv")
    client.force_login(application.created_by)
    return application


def step_url(application, step):
    return reverse("applications:step", args=[application.pk, step])


def visit_row(i, **fields):
    data = {
        "host": "swedish",
        "months": "Mars 2027",
        "participants": "3",
        "days": "4",
        "learning_goals": "Medborgardialog.",
        "methods": ["study_visit"],
    } | fields
    return {f"visits-{i}-{key}": value for key, value in data.items() if value is not None}


def visits_post(*rows, initial=0, **extra):
    data = {
        "visits-TOTAL_FORMS": len(rows),
        "visits-INITIAL_FORMS": initial,
        "visits-MIN_NUM_FORMS": 0,
        "visits-MAX_NUM_FORMS": 1000,
        "save": "",
    }
    for row in rows:
        data |= row
    return data | extra


def budget_post(*rows, initial=0):
    data = {
        "budget-TOTAL_FORMS": len(rows),
        "budget-INITIAL_FORMS": initial,
        "budget-MIN_NUM_FORMS": 0,
        "budget-MAX_NUM_FORMS": 1000,
        "save": "",
    }
    for i, row in enumerate(rows):
        data |= {f"budget-{i}-{key}": value for key, value in row.items()}
    return data


TWO_VISITS = (
    # Kenya's team of three comes to Sweden for four days; four go to Kenya for five days with
    # an interpreter.
    visit_row(0),
    visit_row(1, host="partner", participants="4", days="5", interpreter="on"),
)


def norm(model, **keys):
    return model.objects.filter(**keys).order_by("-valid_from").first()


def expected_lines() -> dict[tuple[str, str], int]:
    """The two visits' lines recomputed from the norm tables: {(host, kind): amount}."""
    ke_rate, se_rate = norm(CountryRate, country__code="KE"), norm(CountryRate, country=None)
    journey = norm(TravelBand, route="international", country__code="KE").amount_sek
    ke_domestic = norm(TravelBand, route="domestic", country__code="KE").amount_sek
    se_domestic = norm(TravelBand, route="domestic", country=None).amount_sek
    interpreter = norm(LanguageFee, service="interpreter_day").amount_sek
    return {
        ("swedish", "international_travel"): 3 * journey,
        ("swedish", "domestic_travel"): 3 * se_domestic,
        ("swedish", "per_diem"): 3 * 4 * se_rate.per_diem_sek,
        ("swedish", "accommodation"): 3 * 3 * se_rate.accommodation_sek,
        ("partner", "international_travel"): 4 * journey,
        ("partner", "domestic_travel"): 4 * ke_domestic,
        ("partner", "per_diem"): 4 * 5 * ke_rate.per_diem_sek,
        ("partner", "accommodation"): 4 * 4 * ke_rate.accommodation_sek,
        ("partner", "interpreter"): 5 * interpreter,
    }


def saved_lines(application) -> dict[tuple[str, str], int]:
    return {
        (line.visit.host, line.basis["kind"]): line.amount_sek
        for line in BudgetLine.objects.filter(application=application, visit__isnull=False)
    }


def test_saving_the_visit_plan_computes_each_visits_lines_from_the_norms(client, draft):
    response = client.post(step_url(draft, "visits"), visits_post(*TWO_VISITS))
    assert response.status_code == 302
    assert saved_lines(draft) == expected_lines()
    # Each line is in a category a decision grants by; the interpreter's is interpretation.
    categories = dict(
        BudgetLine.objects.filter(application=draft).values_list("basis__kind", "category")
    )
    assert categories["interpreter"] == "interpretation"
    assert categories["accommodation"] == "accommodation"
    assert {categories["per_diem"], categories["international_travel"]} == {"travel"}


def test_the_budget_step_explains_every_line_and_adds_them_up(client, draft):
    client.post(step_url(draft, "visits"), visits_post(*TWO_VISITS))
    with translation.override("sv"):
        page = client.get(step_url(draft, "budget"), HTTP_ACCEPT_LANGUAGE="sv").text
    per_diem = norm(CountryRate, country__code="KE")
    # "4 personer × 5 dygn × 600 kr traktamente (norm för Kenya från 2026-01-01)"
    assert "4 personer × 5 dygn ×" in page
    assert f"norm för Kenya från {per_diem.valid_from.isoformat()}" in page
    assert "tolk" in page.lower()
    assert page.count("<caption>") == 2
    total = BudgetLine.objects.filter(application=draft).aggregate(s=Sum("amount_sek"))["s"]
    assert total == sum(expected_lines().values())
    assert f"{total:,}".replace(",", "\xa0") in page or f"{total:,}".replace(",", " ") in page


def test_the_same_plan_saved_again_changes_no_line_and_a_change_updates_in_place(client, draft):
    client.post(step_url(draft, "visits"), visits_post(*TWO_VISITS))
    before = dict(BudgetLine.objects.values_list("pk", "amount_sek"))
    visits = list(Visit.objects.filter(application=draft).order_by("pk"))
    rows = [
        visit_row(0, id=visits[0].pk),
        visit_row(1, id=visits[1].pk, host="partner", participants="4", days="6"),
    ]
    client.post(step_url(draft, "visits"), visits_post(*rows, initial=2))
    after = dict(BudgetLine.objects.values_list("pk", "amount_sek"))
    # The interpreter is no longer needed: its line goes; six days instead of five.
    assert set(after) < set(before)
    per_diem = BudgetLine.objects.get(visit=visits[1], basis__kind="per_diem")
    assert per_diem.pk in before
    assert per_diem.amount_sek == 4 * 6 * norm(CountryRate, country__code="KE").per_diem_sek
    assert not BudgetLine.objects.filter(basis__kind="interpreter").exists()
    # Removing a visit removes its lines.
    rows[1]["visits-1-DELETE"] = "on"
    client.post(step_url(draft, "visits"), visits_post(*rows, initial=2))
    assert set(BudgetLine.objects.values_list("visit_id", flat=True)) == {visits[0].pk}


def test_an_own_line_without_an_explanation_is_refused_with_the_input_kept(client, draft):
    client.post(step_url(draft, "visits"), visits_post(*TWO_VISITS))
    response = client.post(
        step_url(draft, "budget"),
        budget_post({"category": "meetings", "description": "Lokalhyra", "amount_sek": "4000"}),
    )
    assert response.status_code == 200
    page = response.text
    assert 'href="#id_budget-0-explanation"' in page  # the error summary links to the field
    assert 'value="Lokalhyra"' in page and 'value="4000"' in page
    assert not BudgetLine.objects.filter(visit__isnull=True).exists()
    # The total adds up what the coordinator sees, the typed line included.
    total = sum(expected_lines().values()) + 4000
    assert f"{total:,}".replace(",", "\xa0") in page


def test_own_lines_with_an_explanation_count_in_the_total(client, draft):
    client.post(step_url(draft, "visits"), visits_post(*TWO_VISITS))
    line = {
        "category": "meetings",
        "description": "Lokalhyra",
        "amount_sek": "4000",
        "explanation": "Två halvdagar i stadshuset, 2 000 kr styck.",
    }
    assert client.post(step_url(draft, "budget"), budget_post(line)).status_code == 302
    assert BudgetLine.objects.get(visit__isnull=True).amount_sek == 4000
    page = client.get(step_url(draft, "budget")).text
    assert 'data-code="budget_line_unexplained"' not in page
    # The formset holds the own line only: the computed ones are not edited there.
    assert 'name="budget-TOTAL_FORMS" value="2"' in page
    total = BudgetLine.objects.filter(application=draft).aggregate(s=Sum("amount_sek"))["s"]
    assert total == sum(expected_lines().values()) + 4000
    assert f"{total:,}".replace(",", "\xa0") in page


def test_an_unexplained_line_saved_before_is_an_error_until_explained(client, draft):
    """Lines from before explanations were asked for (or from the admin) block submission."""
    BudgetLine.objects.create(
        application=draft, category="meetings", description="Lokalhyra", amount_sek=4000
    )
    page = client.get(step_url(draft, "budget")).text
    assert 'data-code="budget_line_unexplained"' in page
    review = client.get(reverse("applications:review", args=[draft.pk])).text
    assert 'data-code="budget_line_unexplained"' in review


def test_a_budget_over_the_components_ceiling_is_an_error_with_the_figures(client, draft):
    client.post(step_url(draft, "visits"), visits_post(*TWO_VISITS))
    ceiling = norm(ComponentCeiling, component="forberedelse").ceiling_sek
    computed = sum(expected_lines().values())
    extra = ceiling - computed + 1_000
    client.post(
        step_url(draft, "budget"),
        budget_post(
            {
                "category": "other",
                "description": "Konferens",
                "amount_sek": str(extra),
                "explanation": "Slutkonferens.",
            }
        ),
    )
    with translation.override("en"):
        page = client.get(step_url(draft, "budget"), HTTP_ACCEPT_LANGUAGE="en").text
    assert 'data-code="budget_over_ceiling"' in page
    assert f"{ceiling + 1_000:,}" in page and f"{ceiling:,}" in page and "1,000" in page
    review = client.get(reverse("applications:review", args=[draft.pk])).text
    assert 'data-code="budget_over_ceiling"' in review
    failed = client.post(reverse("applications:submit", args=[draft.pk]), {"declaration": "on"})
    assert failed.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_visit_plan_that_differs_asks_for_the_reason(client, draft):
    """Seed 004 line 7: Förberedelse "två möten mellan parterna, ett i vardera land, för cirka
    fyra deltagare". Two visits both in Sweden, one with six people: warnings, and the reason."""
    rows = (visit_row(0, participants="6"), visit_row(1))
    client.post(step_url(draft, "visits"), visits_post(*rows))
    page = client.get(step_url(draft, "visits")).text
    for code in ("visit_hosts", "visit_participants", "visit_plan_reason"):
        assert f'data-code="{code}"' in page
    assert 'name="visit_plan_reason"' in page
    visits = list(Visit.objects.filter(application=draft).order_by("pk"))
    rows = (
        visit_row(0, participants="6", id=visits[0].pk),
        visit_row(1, id=visits[1].pk),
    )
    reason = "Partnern deltar digitalt; sex politiker ur nämnden reser."
    client.post(step_url(draft, "visits"), visits_post(*rows, initial=2, visit_plan_reason=reason))
    draft.refresh_from_db()
    assert draft.visit_plan_reason == reason
    page = client.get(step_url(draft, "visits")).text
    assert 'data-code="visit_plan_reason"' not in page
    assert 'data-code="visit_hosts"' in page  # the deviation itself stays in view


@pytest.mark.parametrize("days", ["0", "-2", "abc", "61"])
def test_nonsense_days_are_errors_with_the_input_kept(client, draft, days):
    response = client.post(step_url(draft, "visits"), visits_post(visit_row(0, days=days)))
    assert response.status_code == 200
    assert f'value="{days}"' in response.text
    assert not Visit.objects.exists() and not BudgetLine.objects.exists()


def test_without_a_partner_country_the_budget_says_what_is_missing(client, draft):
    client.post(step_url(draft, "visits"), visits_post(visit_row(0, days=None)))
    page = client.get(step_url(draft, "budget")).text
    assert not BudgetLine.objects.exists()
    assert 'data-code="visit_days"' in client.get(step_url(draft, "visits")).text
    assert "alert alert-info" in page


@pytest.mark.parametrize("visits", [1, 4])
def test_the_budget_step_issues_a_fixed_number_of_queries(
    client, draft, visits, django_assert_num_queries
):
    rows = [visit_row(i, host="partner" if i % 2 else "swedish") for i in range(visits)]
    client.post(step_url(draft, "visits"), visits_post(*rows))
    url = step_url(draft, "budget")
    client.get(url)
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200


def test_submission_recomputes_the_budget_from_the_norms_in_force_that_day(client, draft):
    """Issue 20, item 2: the lines were computed when the visit plan was saved; a per diem
    changed between that save and the submission is what the submitted budget, and its
    receipt, carry ("Belopp i kronor", the norms in force on the day of submission)."""
    from django.utils import timezone

    from applications.workflow import submit_application

    client.post(step_url(draft, "visits"), visits_post(*TWO_VISITS))
    old = norm(CountryRate, country__code="KE")
    line = BudgetLine.objects.get(application=draft, visit__host="partner", basis__kind="per_diem")
    assert line.amount_sek == 4 * 5 * old.per_diem_sek
    today = timezone.localdate()
    CountryRate.objects.create(
        country=old.country,
        valid_from=today,
        per_diem_sek=old.per_diem_sek + 100,
        accommodation_sek=old.accommodation_sek,
        source="Ny norm",
    )
    submitted = submit_application(application=draft, by=draft.created_by, declaration="Ja")
    line.refresh_from_db()
    assert line.amount_sek == 4 * 5 * (old.per_diem_sek + 100)
    assert line.basis["norm_from"] == today.isoformat()
    assert saved_lines(draft) == expected_lines()  # every line as the norms of today give it
    snapshot = submitted.receipts.get().snapshot
    frozen = next(b for b in snapshot["budget"] if b["computed_from"] == line.basis)
    assert frozen["amount"] == line.amount_sek
    assert (
        sum(b["amount"] for b in snapshot["budget"])
        == BudgetLine.objects.filter(application=draft).aggregate(s=Sum("amount_sek"))["s"]
    )
