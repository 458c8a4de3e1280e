"""Rules as data (applications.rulebook), the dialogue with ICLD, and submitting between
rounds: through the database, the services and the admin."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applications import rules
from applications.findings import findings_for
from applications.models import ApplicationRound, ApplicationStatus
from applications.rulebook import RuleLimit, RuleSet, load_default_rule_set, rules_in_force
from applications.workflow import submit_application
from core.models import OutgoingEmail
from partnerships.models import Country, CountryStatus, Dialogue
from partnerships.workflow import confirm_dialogue, state_dialogue
from tests.factories import (
    ApplicationFactory,
    ParticipantFactory,
    PartnershipFactory,
    application_of,
    make_coordinator,
    make_staff,
    valid_forberedelse,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def codes(application) -> set[str]:
    return {f.code for f in findings_for(application)}


# --- the rule set as data --------------------------------------------------------------------


def test_load_reference_data_loads_the_default_rule_set_once_and_keeps_staffs_edits():
    call_command("load_reference_data", verbosity=0)
    rule_set = RuleSet.objects.get()
    politicians = rule_set.limits.get(component="forberedelse", key="politicians")
    assert (politicians.minimum, politicians.maximum) == (2, 2)
    assert "två politiker" in politicians.quote and politicians.seed == rules.SEED_COMPONENTS
    politicians.maximum = 3
    politicians.save()
    call_command("load_reference_data", verbosity=0)
    assert RuleSet.objects.count() == 1
    assert RuleLimit.objects.get(pk=politicians.pk).maximum == 3


def test_the_stored_default_rule_set_judges_as_the_code_does():
    load_default_rule_set()
    stored = rules_in_force(TODAY)
    for key, limit in rules.DEFAULT_RULES.limits.items():
        assert stored.limit(*key) == limit, key


def test_before_any_stored_rule_set_the_default_applies():
    assert rules_in_force(TODAY) is rules.DEFAULT_RULES


def admin_post(rule_set: RuleSet, changes: dict) -> dict:
    """The admin's change form of `rule_set` as posted, with `changes` to its limits:
    {(component, key): {field: value}}."""
    limits = list(rule_set.limits.order_by("component", "key"))
    data = {
        "name": "Ny tolkning",
        "effective_from": TODAY.isoformat(),
        "note": "Tre politiker i förberedelseteamet.",
        "limits-TOTAL_FORMS": str(len(limits)),
        "limits-INITIAL_FORMS": str(len(limits)),
        "limits-MIN_NUM_FORMS": "0",
        "limits-MAX_NUM_FORMS": "1000",
        "_saveasnew": "Spara som ny",
    }
    for i, limit in enumerate(limits):
        row = {
            "id": limit.pk,
            "rule_set": rule_set.pk,
            "component": limit.component,
            "key": limit.key,
            "minimum": "" if limit.minimum is None else limit.minimum,
            "maximum": "" if limit.maximum is None else limit.maximum,
            "severity": limit.severity,
            "categories": json.dumps(limit.categories),
            "quote": limit.quote,
        }
        row.update(changes.get((limit.component, limit.key), {}))
        data.update({f"limits-{i}-{name}": value for name, value in row.items()})
    return data


def test_staff_change_a_team_size_in_the_admin_new_drafts_follow_submitted_keep_their_verdict(
    staff_client, reference_data
):
    """Issue 14: "An application is judged by the rule version in force when it was
    submitted; a draft by today's." Seed 004: "Teamet ska bestå av två politiker"."""
    load_default_rule_set()
    old = RuleSet.objects.get()
    submitted = valid_forberedelse()
    submitted.status = ApplicationStatus.SUBMITTED
    submitted.submitted_at = timezone.now() - 2 * DAY
    submitted.save()
    assert "politician_count" not in codes(submitted)

    url = reverse("admin:applications_ruleset_change", args=[old.pk])
    response = staff_client.post(
        url, admin_post(old, {("forberedelse", "politicians"): {"minimum": 3, "maximum": 3}})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    new = RuleSet.objects.exclude(pk=old.pk).get()
    assert new.effective_from == TODAY
    assert new.limits.get(component="forberedelse", key="politicians").minimum == 3
    # The old rule set is as it was.
    assert old.limits.get(component="forberedelse", key="politicians").minimum == 2

    draft = valid_forberedelse()
    assert "politician_count" in codes(draft)
    assert "politician_count" not in codes(submitted)


def test_a_rule_set_in_force_cannot_be_changed_in_place(staff_client):
    load_default_rule_set()
    old = RuleSet.objects.get()
    data = admin_post(old, {("forberedelse", "politicians"): {"minimum": 3}})
    del data["_saveasnew"]
    data["_save"] = "Spara"
    response = staff_client.post(reverse("admin:applications_ruleset_change", args=[old.pk]), data)
    assert response.status_code == 200
    assert "Save as new" in response.content.decode() or "Spara som ny" in response.content.decode()
    assert old.limits.get(component="forberedelse", key="politicians").minimum == 2


# --- the dialogue with ICLD (continuing countries) -------------------------------------------


def test_a_dialogue_stated_by_the_coordinator_counts_once_staff_confirm_it(reference_data):
    """Seed 002: "länder där kommuner sedan tidigare har en dialog eller genomförda/pågående
    Förberedelser eller Projekt. ICLD har för avsikt att tillåta att dessa fortsätter"."""
    country = Country.objects.get(code="MZ")
    assert country.status == CountryStatus.CONTINUING
    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    partnership = PartnershipFactory(
        swedish_organisation=organisation, partner_organisation__country=country
    )
    application = ApplicationFactory(
        component="forberedelse",
        organisation=organisation,
        partnership=partnership,
        created_by=coordinator,
    )
    assert "country_continuing_new_partnership" in codes(application)

    dialogue = state_dialogue(
        partnership=partnership, held_on=TODAY - DAY, note="Samtal om fortsättning.", by=coordinator
    )
    assert not dialogue.is_confirmed
    assert "country_continuing_new_partnership" in codes(application)

    confirm_dialogue(dialogue=dialogue, by=make_staff())
    assert Dialogue.objects.get().is_confirmed
    assert "country_continuing_new_partnership" not in codes(application)
    assert [e.to_status for e in dialogue.events.all()] == ["stated", "confirmed"]


def test_someone_outside_the_organisation_cannot_state_a_dialogue():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        state_dialogue(
            partnership=PartnershipFactory(),
            held_on=TODAY,
            note="x",
            by=make_coordinator(),
        )


def test_staff_record_a_dialogue_in_the_admin_and_it_counts_at_once(staff_client):
    partnership = PartnershipFactory()
    response = staff_client.post(
        reverse("admin:partnerships_dialogue_add"),
        {"partnership": partnership.pk, "held_on": TODAY.isoformat(), "note": "Möte på ICLD."},
    )
    assert response.status_code == 302
    assert Dialogue.objects.get().is_confirmed


def test_a_dialogue_in_the_future_is_refused_in_the_admin_without_a_500(staff_client):
    response = staff_client.post(
        reverse("admin:partnerships_dialogue_add"),
        {
            "partnership": PartnershipFactory().pk,
            "held_on": (TODAY + DAY).isoformat(),
            "note": "x",
        },
    )
    assert response.status_code == 200
    assert not Dialogue.objects.exists()


# --- submitting between rounds ---------------------------------------------------------------


def valid_spridning():
    coordinator = make_coordinator()
    application = application_of(
        coordinator,
        component="spridning",
        purpose="Sprida metoden för budgetdialoger.",
        period_start=TODAY + 30 * DAY,
        period_end=TODAY + 200 * DAY,
        dialogue_date=TODAY - 10 * DAY,
        dialogue_note="ICLD föreslog tre kommuner.",
    )
    for party in ("swedish", "partner"):
        ParticipantFactory(application=application, party=party, is_project_leader=True)
        ParticipantFactory(application=application, party=party, gender="man")
    return application, coordinator


def test_submitting_between_rounds_queues_into_the_next_round_shown_on_receipt_and_case(client):
    """Seed 002: "Ansökan till programmets övriga komponenter kan också göras under hela året
    men behandlas i särskilda ansökningsomgångar"."""
    ApplicationRound.objects.create(
        name="2031-01",
        opens_on=TODAY - 60 * DAY,
        closes_on=TODAY - 30 * DAY,
        components=["spridning"],
    )
    ahead = ApplicationRound.objects.create(
        name="2031-02",
        opens_on=TODAY + 20 * DAY,
        closes_on=TODAY + 50 * DAY,
        components=["spridning"],
    )
    application, coordinator = valid_spridning()
    assert not [f for f in findings_for(application) if f.is_error]
    submitted = submit_application(application=application, by=coordinator)
    assert submitted.round == ahead
    receipt = OutgoingEmail.objects.get()
    assert "2031-02" in receipt.body and "mellan" in receipt.body
    client.force_login(coordinator)
    page = client.get(reverse("applications:case", args=[application.pk])).content.decode()
    assert 'data-round="2031-02"' in page


def test_with_no_round_ahead_submitting_is_an_explained_error():
    application, _coordinator = valid_spridning()
    found = [f for f in findings_for(application) if f.code == "no_round"]
    assert [f.is_error for f in found] == [True]
