"""The exports' admin pages: who gets in, the New export form, the job page, its status, the
download, and the round's link to a ZIP of its participant forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from exports import production, tasks
from exports.models import ExportJob, ExportStatus
from tests.factories import make_coordinator

from .conftest import make_job, staff_without_exports

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
# The first sentence of Django's own messages about a value that is not among the choices.
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def sv(text: str) -> str:
    """`text` as the admin shows it: /admin/ is never language-prefixed, so always Swedish."""
    with translation.override("sv"):
        return gettext(text)


@pytest.fixture
def done_job(world) -> ExportJob:
    job = make_job(world.staff)
    production.produce_export(job_id=job.pk)
    job.refresh_from_db()
    return job


def urls(job: ExportJob) -> list[str]:
    return [
        reverse("admin:exports_exportjob_add"),
        reverse("admin:exports_exportjob_changelist"),
        reverse("admin:exports_exportjob_change", args=[job.pk]),
        reverse("admin:exports_exportjob_status", args=[job.pk]),
        reverse("admin:exports_exportjob_download", args=[job.pk]),
    ]


@pytest.mark.parametrize("persona", ["anonymous", "coordinator"])
def test_anyone_but_staff_is_sent_to_the_login_from_every_url(client, done_job, persona):
    if persona == "coordinator":
        client.force_login(make_coordinator())
    for url in urls(done_job):
        for response in (client.get(url), client.post(url, {"kind": "applications"})):
            assert response.status_code == 302, url
            assert response["Location"].startswith(LOGIN), url
    assert ExportJob.objects.count() == 1


def test_staff_without_the_exports_permission_are_refused_everywhere(client, done_job):
    client.force_login(staff_without_exports())
    for url in urls(done_job):
        assert client.get(url).status_code == 403, url
    assert client.post(urls(done_job)[0], {"kind": "applications"}).status_code == 403
    assert ExportJob.objects.count() == 1


def test_staff_who_may_only_view_follow_and_download_but_start_nothing(client, done_job):
    user = staff_without_exports()
    user.user_permissions.add(Permission.objects.get(codename="view_exportjob"))
    client.force_login(user)
    new, *others = urls(done_job)

    assert [client.get(url).status_code for url in others] == [200, 200, 200, 200]
    assert client.get(new).status_code == 403
    assert client.post(new, {"kind": "applications", "format": "csv"}).status_code == 403


def test_staff_with_the_permission_get_every_page(client, done_job, world):
    client.force_login(world.staff)
    assert [client.get(url).status_code for url in urls(done_job)] == [200] * 5


def test_the_rounds_page_links_to_a_new_zip_of_its_participant_forms(client, world):
    client.force_login(world.staff)

    page = client.get(reverse("admin:applications_applicationround_change", args=[world.round.pk]))

    link = f"{reverse('admin:exports_exportjob_add')}?kind=participant_forms_zip&amp;round={world.round.pk}"
    assert link in page.text


def test_the_rounds_page_has_no_export_link_for_staff_who_cannot_export(client, world):
    user = staff_without_exports()
    user.user_permissions.add(Permission.objects.get(codename="change_applicationround"))
    client.force_login(user)

    page = client.get(reverse("admin:applications_applicationround_change", args=[world.round.pk]))

    assert page.status_code == 200
    assert "participant_forms_zip" not in page.text


def test_the_new_export_page_is_prefilled_with_the_round(client, world):
    client.force_login(world.staff)

    page = client.get(
        reverse("admin:exports_exportjob_add"),
        {"kind": "participant_forms_zip", "round": world.round.pk},
    )

    assert '<option value="participant_forms_zip" selected>' in page.text
    assert f'<option value="{world.round.pk}" selected>' in page.text
    assert not page.context["form"].errors  # a prefilled form is not judged before it is sent


def test_a_prefill_that_makes_no_sense_still_shows_the_empty_form(client, world):
    client.force_login(world.staff)

    for query in ({"kind": "x", "round": "abc", "format": "pdf"}, {"round": "1" * 30}):
        page = client.get(reverse("admin:exports_exportjob_add"), query)
        assert page.status_code == 200
        assert "selected>" not in page.text.split('id="id_kind"')[1].split("</select>")[0]


def test_starting_an_export_records_the_job_and_queues_it_after_commit(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(tasks.run_export, "delay", queued.append)
    client.force_login(world.staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:exports_exportjob_add"),
            {"kind": "participant_forms_zip", "round": world.round.pk, "format": "xlsx"},
        )

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:exports_exportjob_change", args=[job.pk])
    assert job.requested_by == world.staff
    assert job.parameters == {"round": world.round.pk, "round_name": "2026-01", "format": "zip"}
    assert job.status == ExportStatus.QUEUED
    assert queued == [job.pk]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": "participant_forms_zip", "format": "csv"},
            "round",
            "Choose the round to export.",
        ),
        ({"kind": "applications", "format": "pdf"}, "format", "Choose a file format."),
        ({"kind": "applications", "format": ""}, "format", "Choose a file format."),
        ({"kind": "no-such-kind", "format": "csv"}, "kind", INVALID_CHOICE),
        ({"kind": "applications", "round": "abc", "format": "csv"}, "round", INVALID_CHOICE),
        ({"kind": "applications", "round": "99999", "format": "csv"}, "round", INVALID_CHOICE),
    ],
)
def test_bad_input_is_shown_again_with_a_message_and_nothing_starts(
    client, world, data, field, message
):
    client.force_login(world.staff)

    response = client.post(reverse("admin:exports_exportjob_add"), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert sv(message).split(".")[0] in " ".join(errors[field])
    assert sv("Please correct the errors below.") in response.text
    if data["kind"] == "participant_forms_zip":
        assert '<option value="participant_forms_zip" selected>' in response.text
    assert ExportJob.objects.count() == 0


def test_the_page_of_a_running_job_shows_its_progress_and_asks_for_updates(client, world):
    job = make_job(world.staff, status=ExportStatus.RUNNING, progress_done=3, progress_total=12)
    client.force_login(world.staff)

    page = client.get(reverse("admin:exports_exportjob_change", args=[job.pk])).text

    assert '<progress id="export-progress" value="3" max="12"' in page
    assert (
        sv("%(done)s of %(total)s done (%(percent)s %%).")
        % {
            "done": 3,
            "total": 12,
            "percent": 25,
        }
        in page
    )
    assert "js/export-progress.js" in page
    assert f'data-status-url="{reverse("admin:exports_exportjob_status", args=[job.pk])}"' in page
    assert reverse("admin:exports_exportjob_download", args=[job.pk]) not in page


def test_the_page_of_a_finished_job_has_the_download_link_and_no_script(client, done_job, world):
    client.force_login(world.staff)

    page = client.get(reverse("admin:exports_exportjob_change", args=[done_job.pk])).text

    assert reverse("admin:exports_exportjob_download", args=[done_job.pk]) in page
    assert done_job.download_name in page
    assert "js/export-progress.js" not in page


def test_a_failed_job_says_why(client, world):
    job = make_job(world.staff, status=ExportStatus.FAILED, error="ValueError: no round")
    client.force_login(world.staff)

    page = client.get(reverse("admin:exports_exportjob_change", args=[job.pk])).text

    assert "ValueError: no round" in page


def test_the_status_is_json_that_is_never_cached(client, world):
    job = make_job(world.staff, status=ExportStatus.RUNNING, progress_done=5, progress_total=10)
    client.force_login(world.staff)

    response = client.get(reverse("admin:exports_exportjob_status", args=[job.pk]))

    assert response.json() == {
        "status": "running",
        "finished": False,
        "done": 5,
        "total": 10,
        "text": sv("%(done)s of %(total)s done (%(percent)s %%).")
        % {"done": 5, "total": 10, "percent": 50},
    }
    assert "no-store" in response["Cache-Control"]


def test_the_download_is_an_attachment_that_is_never_stored(client, done_job, world):
    client.force_login(world.staff)

    response = client.get(reverse("admin:exports_exportjob_download", args=[done_job.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="applications-{done_job.pk}.csv"'
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(response.streaming_content) == Path(done_job.file.path).read_bytes()


def test_there_is_nothing_to_download_before_the_job_is_done_or_for_an_unknown_job(client, world):
    job = make_job(world.staff, status=ExportStatus.RUNNING)
    client.force_login(world.staff)

    assert client.get(reverse("admin:exports_exportjob_download", args=[job.pk])).status_code == 404
    for name in ("status", "download"):
        url = reverse(f"admin:exports_exportjob_{name}", args=[job.pk + 1000])
        assert client.get(url).status_code == 404
    assert client.get(reverse("admin:exports_exportjob_status", args=["x"])).status_code == 404


def test_a_file_gone_from_the_storage_is_a_404_not_an_error(client, done_job, world):
    Path(done_job.file.path).unlink()
    client.force_login(world.staff)

    response = client.get(reverse("admin:exports_exportjob_download", args=[done_job.pk]))

    assert response.status_code == 404


def test_the_files_are_not_under_the_static_or_a_served_media_url(done_job, settings):
    path = Path(done_job.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not path.is_relative_to(Path(settings.STATIC_ROOT))
    assert done_job.download_name not in done_job.file.name  # a random name, not guessable


def test_deleting_a_job_deletes_its_file(client, done_job, world):
    path = Path(done_job.file.path)
    client.force_login(world.staff)

    client.post(reverse("admin:exports_exportjob_delete", args=[done_job.pk]), {"post": "yes"})

    assert not ExportJob.objects.exists()
    assert not path.exists()


def test_the_job_list_makes_the_same_number_of_queries_for_three_jobs_or_thirty(
    client, world, django_assert_num_queries
):
    client.force_login(world.staff)
    url = reverse("admin:exports_exportjob_changelist")
    for _ in range(3):
        make_job(world.staff)

    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200
    for _ in range(27):
        make_job(make_coordinator())
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).context["cl"].result_count == 30


def test_the_job_page_makes_a_fixed_number_of_queries(
    client, done_job, world, django_assert_num_queries
):
    client.force_login(world.staff)
    with django_assert_num_queries(JOB_QUERIES):
        client.get(reverse("admin:exports_exportjob_change", args=[done_job.pk]))


# Session, user (the session records the second factor), permissions and the page's own.
LIST_QUERIES = 7
JOB_QUERIES = 4


def test_an_export_that_found_nothing_says_so_on_its_page_and_in_its_email(client, world):
    """Issue 18, item 12: "an export with no forms says so" — an empty ZIP is not a fault."""
    from core.models import OutgoingEmail

    from .conftest import make_round

    empty = make_round("2026-03")
    job = make_job(
        world.staff,
        kind="participant_forms_zip",
        parameters={"round": empty.pk, "round_name": empty.name, "format": "zip"},
    )
    production.produce_export(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress_total) == (ExportStatus.DONE, 0)
    client.force_login(world.staff)

    page = client.get(reverse("admin:exports_exportjob_change", args=[job.pk])).text

    said = (
        "Done, but no case of this round has a participant form yet (a form is made when an "
        "application is submitted): the ZIP is empty."
    )
    assert sv(said) in page
    assert sv("Done: %(total)s of %(total)s.") % {"total": 0} not in page
    mail = OutgoingEmail.objects.filter(recipient=world.staff.email).latest("created_at")
    with translation.override("en"):  # the requester's language
        assert gettext(said) in mail.body


def test_an_export_that_found_something_says_how_much(client, world):
    job = make_job(
        world.staff,
        kind="participant_forms_zip",
        parameters={"round": world.round.pk, "round_name": world.round.name, "format": "zip"},
    )
    production.produce_export(job_id=job.pk)
    client.force_login(world.staff)
    page = client.get(reverse("admin:exports_exportjob_change", args=[job.pk])).text
    assert sv("Done: %(total)s of %(total)s.") % {"total": 2} in page
    assert sv("Done, but nothing matched what was asked for: the file is empty.") not in page
