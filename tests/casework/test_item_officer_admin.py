"""An item's own admin page (a participant change, a report, a payment) names its responsible
officer, and the changelists of items and cases filter by officer: mine, each case officer, or
nobody yet (issue 19, item 1)."""

from __future__ import annotations

import pytest

from casework.services import assign_item_officer, assign_officer
from tests.casework.test_item_officers import requested_payment, submitted_report
from tests.factories import ApplicationFactory, ParticipantChangeFactory, as_staff

pytestmark = pytest.mark.django_db

CHANGES = "/admin/applications/participantchange/"


def listed(client, url, **params) -> set[int]:
    response = client.get(url, params)
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


def test_each_items_page_names_its_responsible_officer(client, officer, colleague, granted_case):
    change = ParticipantChangeFactory(application=granted_case)
    report = submitted_report(granted_case)
    payment = requested_payment(granted_case, officer)
    assign_item_officer(items=[report], officer=colleague, by=as_staff(officer))
    client.force_login(officer)
    name = officer.get_full_name()
    pages = {
        f"/admin/applications/participantchange/{change.pk}/change/": f"{name} (ärendets handläggare)",
        f"/admin/reporting/report/{report.pk}/change/": "Cecilia Kollega (fått just denna)",
        f"/admin/payments/payment/{payment.pk}/change/": f"{name} (ärendets handläggare)",
    }
    for url, expected in pages.items():
        page = client.get(url).content.decode()
        assert "Ansvarig handläggare" in page, url
        assert expected in page, url


def test_an_item_on_a_case_without_officer_says_nobody_is_responsible(client, officer):
    change = ParticipantChangeFactory(application=ApplicationFactory(status="approved"))
    client.force_login(officer)
    page = client.get(f"/admin/applications/participantchange/{change.pk}/change/").content
    assert "Ingen ännu: ärendet har ingen handläggare." in page.decode()


def test_the_changelist_filters_items_by_officer_mine_each_and_none(
    client, officer, colleague, granted_case
):
    mine = ParticipantChangeFactory(application=granted_case)
    given = ParticipantChangeFactory(application=granted_case)
    assign_item_officer(items=[given], officer=colleague, by=as_staff(officer))
    nobodys = ParticipantChangeFactory(application=ApplicationFactory(status="approved"))
    client.force_login(officer)
    assert listed(client, CHANGES) == {mine.pk, given.pk, nobodys.pk}
    assert listed(client, CHANGES, officer="mine") == {mine.pk}
    assert listed(client, CHANGES, officer=str(colleague.pk)) == {given.pk}
    assert listed(client, CHANGES, officer="none") == {nobodys.pk}
    assert listed(client, CHANGES, officer="x") == set()  # made by hand: nothing, no error
    page = client.get(CHANGES).content.decode()
    for choice in ("?officer=mine", f"?officer={colleague.pk}", "?officer=none"):
        assert choice in page
    assert "Mina" in page and "Ingen ännu" in page


def test_the_application_changelist_filters_by_officer_too(
    client, officer, colleague, granted_case
):
    other = ApplicationFactory(status="submitted")
    assign_officer(applications=[other], officer=colleague, by=as_staff(officer))
    nobodys = ApplicationFactory(status="submitted")
    client.force_login(officer)
    url = "/admin/applications/application/"
    assert listed(client, url, officer="mine") == {granted_case.pk}
    assert listed(client, url, officer=str(colleague.pk)) == {other.pk}
    assert nobodys.pk in listed(client, url, officer="none")
    assert not {granted_case.pk, other.pk} & listed(client, url, officer="none")


def test_the_payment_changelist_filters_by_responsible_officer(
    client, officer, colleague, granted_case
):
    payment = requested_payment(granted_case, officer)
    client.force_login(officer)
    url = "/admin/payments/payment/"
    assert listed(client, url, officer="mine") == {payment.pk}
    assert listed(client, url, officer=str(colleague.pk)) == set()
