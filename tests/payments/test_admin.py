"""Payments in the admin: staff approve a requested payment on its own page (the permission, a
session that passed the second factor, never on their own case nor on a payment they asked for);
staff change a case's plan while its instalments are not yet due, within the granted total."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import TRACKED  # noqa: F401 (the history of instalments is registered)
from core.money import sek
from payments import services
from payments.models import Instalment, Payment, PaymentStatus, Trigger
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(granted):
    [payment] = services.agreement_signed(granted.application, timezone.now())
    return payment


def transition_url(payment, name):
    return reverse("admin:payments_payment_transition", args=[payment.pk, name])


def plan_url(decision):
    return reverse("admin:payments_instalment_plan", args=[decision.pk])


def test_the_payment_page_offers_approval_and_says_four_eyes(client, approver, requested):
    client.force_login(approver)
    page = client.get(reverse("admin:payments_payment_change", args=[requested.pk]))
    assert page.status_code == 200
    assert transition_url(requested, "approve") in page.text
    assert transition_url(requested, "reject") in page.text
    assert 'id="four-eyes"' in page.text
    assert plan_url(requested.instalment.decision) in page.text


def test_the_payment_page_titles_the_amount_in_the_readers_money_format(
    client, approver, requested
):
    """Issue 20, item 4: the admin title said "68000 SEK". The admin speaks Swedish (its URLs
    have no language prefix); the same title reads the English way in English."""
    client.force_login(approver)
    page = client.get(reverse("admin:payments_payment_change", args=[requested.pk]))
    assert page.status_code == 200
    assert "#1: 68\xa0000\xa0kr" in page.text
    assert "68000 SEK" not in page.text
    with translation.override("en"):
        assert str(requested).endswith("#1: SEK\xa068,000")


def test_the_payment_and_instalment_lists_show_the_amounts_as_money(client, approver, requested):
    """The lists' amount columns said 68000 too (core.money.money_column)."""
    client.force_login(approver)
    payments = client.get(reverse("admin:payments_payment_changelist")).text
    assert "68\xa0000\xa0kr</td>" in payments
    instalments = client.get(reverse("admin:payments_instalment_changelist")).text
    assert "68\xa0000\xa0kr</td>" in instalments and "17\xa0000\xa0kr</td>" in instalments


def test_staff_approve_a_payment_on_its_own_page(client, approver, requested):
    client.force_login(approver)
    assert client.get(transition_url(requested, "approve")).status_code == 200
    client.post(transition_url(requested, "approve"), {"comment": ""})
    requested.refresh_from_db()
    assert (requested.status, requested.approved_by) == (PaymentStatus.APPROVED, approver)
    assert requested.events.get().actor == approver


def test_a_rejection_needs_a_comment(client, approver, requested):
    client.force_login(approver)
    client.post(transition_url(requested, "reject"), {"comment": ""})
    requested.refresh_from_db()
    assert requested.status == PaymentStatus.REQUESTED


def test_the_approval_page_is_not_there_for_staff_without_the_permission(client, requested):
    client.force_login(make_staff(is_superuser=False))
    assert client.get(transition_url(requested, "approve")).status_code in (403, 404)
    client.post(transition_url(requested, "approve"), {"comment": ""})
    requested.refresh_from_db()
    assert requested.status == PaymentStatus.REQUESTED


def test_a_session_without_the_second_factor_approves_nothing(client, approver, requested):
    import time

    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

    client.force_login(approver)
    session = client.session  # as after a password alone: the code was never typed
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": time.time()}]
    session.save()
    response = client.post(transition_url(requested, "approve"), {"comment": ""})
    assert response.status_code == 302 and "/admin/" not in response["Location"].split("?")[0]
    requested.refresh_from_db()
    assert requested.status == PaymentStatus.REQUESTED


def test_staff_change_the_plan_within_the_granted_total(client, approver, granted):
    client.force_login(approver)
    page = client.get(plan_url(granted))
    assert page.status_code == 200 and 'value="68000"' in page.text
    client.post(
        plan_url(granted),
        {
            "trigger_1": "signing",
            "amount_1": "40000",
            "trigger_2": "signing",
            "amount_2": "20000",
            "trigger_3": "final_report",
            "amount_3": "25000",
            "reason": "Projektet startar i två steg.",
        },
    )
    plan = list(Instalment.objects.filter(decision=granted).values_list("trigger", "amount_sek"))
    assert plan == [("signing", 40_000), ("signing", 20_000), ("final_report", 25_000)]
    history = Instalment.history.filter(history_change_reason="Projektet startar i två steg.")
    assert history.filter(history_type="+").count() == 3
    assert history.filter(history_type="-").count() == 2


def test_a_plan_that_does_not_add_up_is_shown_again_with_its_errors(client, approver, granted):
    client.force_login(approver)
    bad = client.post(
        plan_url(granted),
        {
            "trigger_1": "signing",
            "amount_1": "70000",
            "trigger_2": "final_report",
            "amount_2": "17000",
            "amount_3": "5",
            "reason": "",
        },
    )
    assert bad.status_code == 400
    assert 'id="error-summary"' in bad.text
    assert 'href="#id_trigger_3"' in bad.text and 'href="#id_reason"' in bad.text
    assert 'value="70000"' in bad.text
    assert list(Instalment.objects.values_list("amount_sek", flat=True)) == [68_000, 17_000]
    wrong_sum = client.post(
        plan_url(granted),
        {"trigger_1": "signing", "amount_1": "70000", "reason": "Mer i förskott."},
    )
    assert wrong_sum.status_code == 400 and sek(85_000, language="sv") in wrong_sum.text


def test_after_signing_the_advance_stays_and_a_new_part_is_requested_by_its_author(
    approver, granted, requested
):
    services.change_plan(
        decision=granted,
        rows=[("signing", 5_000), ("final_report", 12_000)],
        by=approver,
        reason="Delbetalning efter första året.",
    )
    assert list(
        Instalment.objects.filter(decision=granted).values_list("sequence", "trigger", "amount_sek")
    ) == [(1, "signing", 68_000), (2, "signing", 5_000), (3, "final_report", 12_000)]
    new = Payment.objects.get(instalment__sequence=2)
    assert (new.amount_sek, new.requested_by) == (5_000, approver)
    # Four eyes: who asked for a payment does not approve it.
    from django.core.exceptions import ValidationError

    from payments import workflow

    with pytest.raises(ValidationError):
        workflow.approve(payment=new, by=approver)


def test_a_settled_plan_does_not_change(approver, granted):
    services.agreement_signed(granted.application, timezone.now())
    services.final_report_approved(granted.application, actual_sek=85_000)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="settled"):
        services.change_plan(decision=granted, rows=[], by=approver, reason="För sent.")
    assert Instalment.objects.filter(trigger=Trigger.FINAL_REPORT).get().amount_sek == 17_000


def test_the_plan_page_is_a_404_to_staff_without_the_permission(client, granted):
    client.force_login(make_staff(is_superuser=False))
    assert client.get(plan_url(granted)).status_code == 404
    assert client.post(plan_url(granted), {"reason": "x"}).status_code == 404
