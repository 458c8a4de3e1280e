"""The participant form (deltagarformulär): made on submission, rendered by a worker, downloaded."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import re
import subprocess
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications import tasks
from applications.findings import findings_for
from applications.models import ParticipantFormVersion
from applications.participant_forms import create_participant_form_version
from applications.workflow import submit_application
from core.pdf import RefusingURLFetcher
from tests.factories import (
    ApplicationFactory,
    ParticipantFactory,
    case_with_people,
    make_staff,
    pdf_bytes,
    valid_forberedelse,
)


def submittable_forberedelse(**fields):
    """A Förberedelse that the programme's rules let through, its coordinator and team."""
    application = valid_forberedelse(**fields)
    assert not [f for f in findings_for(application) if f.severity == "error"]
    names = list(application.participants.values_list("name", flat=True))
    return application, application.created_by, names


def pdf_text(path: str) -> str:
    """The PDF's text in reading order, a cell's wrapped lines joined again."""
    text = subprocess.run(
        ["pdftotext", path, "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(text.split())


def pdf_catalog_says_language(data: bytes, language: str) -> bool:
    """Whether the document catalogue (kept in a compressed object stream) names `language`."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    for stream in streams:
        with contextlib.suppress(zlib.error):
            if b"/Type /Catalog" in (text := zlib.decompress(stream)):
                return f"/Lang ({language})".encode() in text
    return False


def rendered_version(application, **fields) -> ParticipantFormVersion:
    """A version with its file, as the task leaves it."""
    version = ParticipantFormVersion.objects.create(
        application=application,
        version=fields.pop("version", 1),
        language=application.language,
        rendered_at=timezone.now(),
        **fields,
    )
    version.file.save("ignored.pdf", ContentFile(pdf_bytes("Deltagare")))
    return version


# --- on submission, through the broker and a real worker ---------------------------------------


@pytest.mark.redis
def test_a_submission_yields_a_pdf_naming_every_participant_and_the_case(
    celery_worker, reference_data
):
    application, coordinator, names = submittable_forberedelse(language="en")

    submit_application(application=application, by=coordinator)

    version = ParticipantFormVersion.objects.get(application=application)
    celery_worker.wait_for(
        lambda: ParticipantFormVersion.objects.filter(
            pk=version.pk, rendered_at__isnull=False
        ).exists(),
        what="rendering the participant form",
    )
    version.refresh_from_db()
    application.refresh_from_db()
    data = Path(version.file.path).read_bytes()
    text = pdf_text(version.file.path)
    assert application.case_number in text
    for name in names:
        assert name in text
    assert "Case number" in text  # in the case's language, English
    assert "Page 1 of 1" in text
    assert pdf_catalog_says_language(data, "en")
    assert version.version == 1
    assert version.checksum == hashlib.sha256(data).hexdigest()
    info = subprocess.run(["pdfinfo", version.file.path], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    assert "Page size:       841.89 x 595.276 pts (A4)" in info


# --- rendering ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_run_twice_renders_the_version_once(media, reference_data):
    application, _coordinator, names = submittable_forberedelse(case_number="KP-2026-0042")
    version = create_participant_form_version(application=application)

    tasks.render_participant_form(version.pk)
    version.refresh_from_db()
    first = (version.file.name, version.checksum, version.rendered_at)
    tasks.render_participant_form(version.pk)
    version.refresh_from_db()

    assert (version.file.name, version.checksum, version.rendered_at) == first
    assert len(list((media / "participant-forms").rglob("*.pdf"))) == 1
    data = Path(version.file.path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == version.checksum
    text = pdf_text(version.file.path)
    assert "KP-2026-0042" in text
    assert all(name in text for name in names)
    assert "Ärendenummer" in text  # in the case's language, Swedish
    assert pdf_catalog_says_language(data, "sv")


@pytest.mark.django_db
def test_the_form_shows_the_team_as_it_was_when_the_version_was_made(media, reference_data):
    application, _coordinator, names = submittable_forberedelse(case_number="KP-2026-0043")
    version = create_participant_form_version(application=application)
    application.participants.filter(name=names[0]).update(name="Renamed Afterwards")

    tasks.render_participant_form(version.pk)

    version.refresh_from_db()
    text = pdf_text(version.file.path)
    assert names[0] in text
    assert "Renamed Afterwards" not in text


def test_the_renderer_fetches_nothing():
    for url in ["https://example.com/logo.png", "file:///etc/passwd", "data:text/css,p{}"]:
        with pytest.raises(ValueError, match="fetches nothing"):
            RefusingURLFetcher().fetch(url)


# --- versions ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_versions_are_numbered_per_case_and_hold_the_team():
    application = ApplicationFactory(case_number="KP-2026-0044")
    ParticipantFactory(application=application, name="Ann", is_coordinator=True)

    first = create_participant_form_version(application=application)
    second = create_participant_form_version(application=application)

    assert (first.version, second.version) == (1, 2)
    assert create_participant_form_version(application=ApplicationFactory()).version == 1
    person = first.team[0]
    assert person["name"] == "Ann"
    assert person["role"] == ["coordinator"]
    assert person["approved_at"] is None
    assert set(person) == {
        "id",
        "party",
        "name",
        "organisation",
        "position",
        "category",
        "side",
        "role",
        "gender",
        "motivation",
        "approved_at",
    }


@pytest.mark.django_db
def test_version_2_with_one_person_replaced_shows_who_left_and_who_joined(client, media):
    application, people = case_with_people(case_number="KP-2026-0045", status="submitted")
    ParticipantFactory(application=application, name="Stays Stina")
    leaving = ParticipantFactory(application=application, name="Leaving Lars")
    first = create_participant_form_version(application=application)
    first.file.save("ignored.pdf", ContentFile(pdf_bytes()))
    leaving.delete()
    ParticipantFactory(application=application, name="Joining Jenny")
    create_participant_form_version(application=application)

    client.force_login(people["reader"])
    page = client.get(reverse("applications:case", args=[application.pk])).text

    second = page.split('data-version="2"')[1].split("</li>")[0]
    assert 'data-change="left">Leaving Lars<' in second
    assert 'data-change="joined">Joining Jenny<' in second
    assert "Stays Stina" not in second
    assert reverse("applications:participant_form", args=[application.pk, 2]) not in page
    assert reverse("applications:participant_form", args=[application.pk, 1]) in page


@pytest.mark.django_db
def test_the_case_page_lists_versions_in_one_query_whatever_their_number(client):
    application, people = case_with_people(case_number="KP-2026-0048", status="submitted")
    ParticipantFactory.create_batch(3, application=application)
    client.force_login(people["coordinator"])
    url = reverse("applications:case", args=[application.pk])

    create_participant_form_version(application=application)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        create_participant_form_version(application=application)
    with CaptureQueriesContext(connection) as five:
        page = client.get(url).text

    assert len(five.captured_queries) == len(one.captured_queries)
    assert page.count("data-version=") == 5


# --- downloading --------------------------------------------------------------------------------


@pytest.fixture
def case(db, media):
    application, people = case_with_people(case_number="KP-2026-0046", status="submitted")
    rendered_version(application)
    return application, people


def download_url(application, version: int = 1) -> str:
    return reverse("applications:participant_form", args=[application.pk, version])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("outsider", 404), ("pending_colleague", 404), ("reader", 200), ("coordinator", 200)],
)
def test_the_form_is_downloaded_by_those_who_see_the_case(client, case, persona, status):
    application, people = case
    client.force_login(people[persona])

    response = client.get(download_url(application))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "KP-2026-0046" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == pdf_bytes("Deltagare")


def test_staff_download_the_form(client, case):
    application, _people = case
    client.force_login(make_staff())  # with the second factor, as staff powers need
    assert client.get(download_url(application)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client, case):
    application, _people = case
    response = client.get(download_url(application))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_version_not_yet_rendered_or_made_is_not_found(client, case):
    application, people = case
    ParticipantFormVersion.objects.create(application=application, version=2, language="sv")
    client.force_login(people["coordinator"])
    assert client.get(download_url(application, 2)).status_code == 404
    assert client.get(download_url(application, 3)).status_code == 404


# --- when the broker was down ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sweep_queues_only_versions_still_without_a_pdf(monkeypatch, media):
    queued = []
    monkeypatch.setattr(tasks.render_participant_form, "delay", queued.append)
    old = timezone.now() - datetime.timedelta(minutes=10)
    missing = ParticipantFormVersion.objects.create(
        application=ApplicationFactory(), version=1, language="sv"
    )
    rendered = rendered_version(ApplicationFactory())
    just_made = ParticipantFormVersion.objects.create(
        application=ApplicationFactory(), version=1, language="sv"
    )
    ParticipantFormVersion.objects.filter(pk__in=[missing.pk, rendered.pk]).update(created_at=old)

    assert tasks.render_missing_participant_forms() == [missing.pk]
    assert queued == [missing.pk]
    assert just_made.pk not in queued


@pytest.fixture
def broker_unreachable(monkeypatch) -> None:
    from icld_portal.celery import app

    # A closed port, and no connection pools left over from earlier tests.
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)


@pytest.mark.django_db
def test_a_submission_succeeds_with_the_broker_unreachable(
    broker_unreachable, django_capture_on_commit_callbacks, reference_data, caplog
):
    application, coordinator, _names = submittable_forberedelse()

    with django_capture_on_commit_callbacks(execute=True):
        submit_application(application=application, by=coordinator)

    application.refresh_from_db()
    assert application.status == "submitted"
    version = ParticipantFormVersion.objects.get(application=application)
    assert not version.file  # left for the sweep
    assert version.rendered_at is None
    assert any("render_participant_form" in r.getMessage() for r in caplog.records)
