"""The agreement's pages: who sees them, who signs (after the password again), the downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agreements.models import AgreementStatus
from tests.agreements.helpers import (
    PASSWORD,
    grant,
    sign_in_portal,
    signatory_of,
    signed_and_in_force,
)
from tests.factories import ContributorFactory, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(officer, decider, in_review):
    return grant(in_review, officer, decider)


def test_the_signatory_signs_after_giving_the_password_again(client, drafted):
    application = drafted.application
    signatory = signatory_of(application)
    client.force_login(signatory)

    first = client.get(reverse("agreements:sign", args=[application.pk]))
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("account_reauthenticate"))

    sign_in_portal(client, application)

    drafted.refresh_from_db()
    assert drafted.status == AgreementStatus.SIGNED_BY_ORGANISATION
    assert drafted.signed_by == signatory


def test_the_box_must_be_ticked_and_the_form_says_so(client, drafted):
    application = drafted.application
    client.force_login(signatory_of(application))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(reverse("agreements:sign", args=[application.pk]), {})

    assert response.status_code == 400
    assert 'href="#id_accept"' in response.content.decode()
    drafted.refresh_from_db()
    assert drafted.status == AgreementStatus.DRAFTED


def test_a_coordinator_who_is_not_the_signatory_is_refused(client, drafted):
    application = drafted.application
    coordinator = application.created_by
    coordinator.set_password(PASSWORD)
    coordinator.save()
    client.force_login(coordinator)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    assert client.get(reverse("agreements:sign", args=[application.pk])).status_code == 403
    response = client.post(reverse("agreements:sign", args=[application.pk]), {"accept": "on"})

    assert response.status_code == 403
    drafted.refresh_from_db()
    assert drafted.status == AgreementStatus.DRAFTED


@pytest.mark.parametrize("name", ["agreement", "sign"])
def test_an_outsider_sees_nothing(client, drafted, name):
    client.force_login(make_coordinator())

    assert (
        client.get(reverse(f"agreements:{name}", args=[drafted.application_id])).status_code == 404
    )
    download = reverse("agreements:download", args=[drafted.application_id, 1])
    assert client.get(download).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, drafted):
    response = client.get(reverse("agreements:agreement", args=[drafted.application_id]))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_contributor_reads_the_agreement_but_cannot_sign(client, drafted):
    reader = ContributorFactory(application=drafted.application, role="reader").user
    client.force_login(reader)

    page = client.get(reverse("agreements:agreement", args=[drafted.application_id]))
    assert page.status_code == 200
    assert "Underteckna avtalet" not in page.content.decode()
    assert client.get(reverse("agreements:sign", args=[drafted.application_id])).status_code == 403


def test_the_case_page_shows_who_signed_when(client, drafted, decider):
    application = drafted.application
    signatory = signatory_of(application)
    signed_and_in_force(drafted, signatory, decider)
    client.force_login(signatory)

    page = client.get(reverse("applications:case", args=[application.pk])).content.decode()

    assert 'data-agreement="in_force"' in page
    assert "undertecknat av" in page and "kontrasignerat av" in page


def test_the_signed_pdf_is_downloaded_by_the_case_side(client, drafted, decider):
    application = drafted.application
    signatory = signatory_of(application)
    signed_and_in_force(drafted, signatory, decider)
    client.force_login(application.created_by)

    response = client.get(reverse("agreements:download", args=[application.pk, 1]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_countersign_in_the_admin(
    client, drafted, decider, django_capture_on_commit_callbacks
):
    from agreements import workflow
    from tests.agreements.helpers import evidence

    workflow.sign(agreement=drafted, by=signatory_of(drafted.application), evidence=evidence())
    client.force_login(decider)
    url = reverse("admin:agreements_agreement_transition", args=[drafted.pk, "countersign"])

    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks():
        client.post(url, {"comment": ""})

    drafted.refresh_from_db()
    assert drafted.status == AgreementStatus.COUNTERSIGNED
    assert drafted.countersigned_by == decider


def test_a_case_officer_cannot_countersign(client, drafted, officer):
    from agreements import workflow
    from tests.agreements.helpers import evidence

    workflow.sign(agreement=drafted, by=signatory_of(drafted.application), evidence=evidence())
    client.force_login(officer)
    url = reverse("admin:agreements_agreement_transition", args=[drafted.pk, "countersign"])

    assert client.get(url).status_code == 404
    client.post(url, {"comment": ""})
    drafted.refresh_from_db()
    assert drafted.status == AgreementStatus.SIGNED_BY_ORGANISATION
