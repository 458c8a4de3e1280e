"""Retention: stale drafts are warned, then deleted unless touched; participants of long-ended
partnerships are anonymised once the disposal period is set, never earlier."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from applications import invitations, workflow
from applications.models import (
    AddressRequest,
    Application,
    Invitation,
    Participant,
    ParticipantFormVersion,
    SubmissionReceipt,
)
from core.models import OutgoingEmail
from privacy import retention
from privacy.models import RetentionWarning
from privacy.tasks import apply_retention
from tests.factories import (
    ApplicationFactory,
    ComponentHistoryFactory,
    ParticipantFactory,
    PartnershipFactory,
    UserFactory,
    make_coordinator,
)

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2030, 6, 15, 3, 30))


@pytest.fixture(autouse=True)
def periods(settings):
    settings.RETENTION_DRAFT_MONTHS = 24
    settings.RETENTION_WARNING_DAYS = 30
    settings.RETENTION_PARTICIPANT_YEARS = 0


def draft(last_saved: datetime.datetime, **fields) -> Application:
    application = ApplicationFactory(**fields)
    Application.objects.filter(pk=application.pk).update(updated_at=last_saved)
    return application


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def test_a_draft_untouched_for_24_months_is_warned_once_and_its_author_mailed():
    stale = draft(NOW - days(731), title="Gammalt utkast", created_by__language="en")
    recent = draft(NOW - days(700))

    first = retention.sweep(now=NOW)
    again = retention.sweep(now=NOW + days(1))

    assert (first.warned, again.warned) == (1, 0)
    assert RetentionWarning.objects.get().application == stale
    assert not RetentionWarning.objects.filter(application=recent).exists()
    mail = OutgoingEmail.objects.get()
    assert mail.recipient == stale.created_by.email
    assert mail.subject == "Your draft “Gammalt utkast” will be deleted on July 15, 2030"
    assert "will be deleted" in mail.body  # in the author's language


def test_a_warned_draft_is_deleted_after_the_warning_period_and_not_before():
    stale = draft(NOW - days(800))
    ParticipantFactory(application=stale)
    retention.sweep(now=NOW)

    assert retention.sweep(now=NOW + days(29)).deleted == 0
    assert Application.objects.filter(pk=stale.pk).exists()
    assert retention.sweep(now=NOW + days(30)).deleted == 1
    assert not Application.objects.filter(pk=stale.pk).exists()
    assert Participant.with_left.count() == 0
    assert RetentionWarning.objects.count() == 0
    assert Application.history.filter(id=stale.pk).latest().history_type == "-"


def test_a_draft_saved_after_its_warning_survives_and_can_be_warned_again_later():
    stale = draft(NOW - days(800))
    retention.sweep(now=NOW)
    touched = Application.objects.get(pk=stale.pk)
    touched.title = "Vi fortsätter"
    touched.save()  # now, i.e. after the warning
    Application.objects.filter(pk=stale.pk).update(updated_at=NOW + days(5))

    result = retention.sweep(now=NOW + days(40))

    assert (result.forgiven, result.deleted) == (1, 0)
    assert Application.objects.filter(pk=stale.pk).exists()
    assert not RetentionWarning.objects.exists()
    later = NOW + days(5) + datetime.timedelta(days=24 * 31)
    assert retention.sweep(now=later).warned == 1


def test_submitted_applications_are_never_warned_or_deleted():
    old = draft(NOW - days(2000), status="submitted")

    retention.sweep(now=NOW)
    retention.sweep(now=NOW + days(60))

    assert Application.objects.filter(pk=old.pk).exists()
    assert not RetentionWarning.objects.exists()


def test_running_the_task_twice_changes_nothing_the_second_time(settings):
    settings.RETENTION_PARTICIPANT_YEARS = 5
    draft(timezone.now() - days(800))  # the task runs at the real time
    ended = PartnershipFactory(start_year=2010, end_year=2012)
    ParticipantFactory(application=ApplicationFactory(partnership=ended, status="approved"))

    first = apply_retention()
    second = apply_retention()

    assert first["warned"] == 1 and first["anonymised"] == 1
    assert second == {
        "warned": 0,
        "forgiven": 0,
        "deleted": 0,
        "purged": 0,
        "anonymised": 0,
        "pruned": 0,
        "expired": 0,
        "forgotten": 0,
    }
    assert OutgoingEmail.objects.count() == 1


def test_participants_are_never_anonymised_while_the_period_is_off(settings):
    settings.RETENTION_PARTICIPANT_YEARS = 0
    ended = PartnershipFactory(start_year=1999, end_year=2001)
    ParticipantFactory(application=ApplicationFactory(partnership=ended), name="Anna Andersson")

    assert retention.sweep(now=NOW).anonymised == 0
    assert Participant.objects.get().name == "Anna Andersson"


def test_participants_of_a_partnership_ended_long_enough_ago_are_anonymised(settings, tmp_path):
    settings.RETENTION_PARTICIPANT_YEARS = 10
    settings.MEDIA_ROOT = tmp_path
    # 2019 ended on 31 December 2019: ten years later is 31 December 2029, before NOW.
    ended = PartnershipFactory(start_year=2015, end_year=2019)
    ComponentHistoryFactory(partnership=ended, start_year=2017, end_year=2019)
    case = ApplicationFactory(partnership=ended, status="approved")
    person = ParticipantFactory(
        application=case,
        name="Anna Andersson",
        email="anna@testkoping.se",
        position="Kommunstyrelsens ordförande",
        organisation="Testköpings kommun",
        gender="woman",
        category="politician",
    )
    ParticipantFormVersion.objects.create(
        application=case,
        version=1,
        language="sv",
        team=[
            {
                "id": person.pk,
                "name": "Anna Andersson",
                "position": "Ordförande",
                "party": "swedish",
            }
        ],
    )

    receipt = SubmissionReceipt.objects.create(
        application=case,
        number=1,
        submitted_at=NOW,
        submitted_by=UserFactory(),
        language="sv",
        snapshot={"title": "Unga röster", "team": [{"id": person.pk, "name": "Anna Andersson"}]},
    )
    receipt.file.save("r.pdf", ContentFile(b"%PDF-1.7 Anna Andersson"))

    assert retention.sweep(now=NOW).anonymised == 1

    # The receipt keeps what was submitted but the names; its PDF is made again from that.
    receipt.refresh_from_db()
    assert receipt.snapshot == {
        "title": "Unga röster",
        "team": [{"id": person.pk, "name": "Anonymised"}],
    }
    assert not receipt.file
    person.refresh_from_db()
    assert (person.name, person.email, person.position, person.motivation) == (
        "Anonymised",
        "",
        "",
        "",
    )
    assert (person.organisation, person.gender, person.category) == (
        "Testköpings kommun",
        "woman",
        "politician",
    )
    assert not Participant.history.filter(name="Anna Andersson").exists()
    assert not Participant.history.filter(email="anna@testkoping.se").exists()
    version = ParticipantFormVersion.objects.get()
    assert version.team == [
        {"id": person.pk, "name": "Anonymised", "position": "", "party": "swedish"}
    ]
    assert all(
        row["name"] == "Anonymised"
        for record in ParticipantFormVersion.history.all()
        for row in record.team
    )


@pytest.mark.parametrize(
    ("end_year", "component_end", "anonymised"),
    [
        (2019, 2019, True),
        (2020, 2020, False),  # ten years end on 31 December 2030, after NOW
        (2019, 2021, False),  # a later component is the last period
        (None, None, False),  # still running
    ],
)
def test_anonymisation_never_comes_before_the_period_has_passed(
    settings, end_year, component_end, anonymised
):
    settings.RETENTION_PARTICIPANT_YEARS = 10
    partnership = PartnershipFactory(start_year=2015, end_year=end_year)
    if component_end:
        ComponentHistoryFactory(partnership=partnership, start_year=2015, end_year=component_end)
    ParticipantFactory(application=ApplicationFactory(partnership=partnership), name="Bo Berg")

    retention.sweep(now=NOW)

    assert (Participant.objects.get().name == "Anonymised") is anonymised


def test_beat_runs_the_sweep_every_night(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert entry["task"] == apply_retention.name == "privacy.tasks.apply_retention"
    assert entry["schedule"].hour == {3}


def test_a_report_pdf_that_lists_the_participants_is_rendered_again_without_them(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from reporting.models import Report
    from reporting.services import reports_without_pdf
    from tests.factories import pdf_bytes
    from tests.reporting.factories import report_of

    settings.MEDIA_ROOT = tmp_path
    settings.RETENTION_PARTICIPANT_YEARS = 10
    ended = PartnershipFactory(start_year=2015, end_year=2019)
    case = ApplicationFactory(
        partnership=ended,
        status="approved",
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2019, 12, 31),
    )
    person = ParticipantFactory(application=case, name="Anna Andersson")
    report = report_of(case, submitted_at=NOW - days(3650))
    report.participants.set([person])
    report.pdf.save("r.pdf", ContentFile(pdf_bytes("Anna Andersson")), save=True)
    stored = tmp_path / report.pdf.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        retention.sweep(now=NOW)

    report = Report.objects.get()
    assert (report.pdf.name, report.pdf_checksum, report.pdf_rendered_at) in [("", "", None)]
    assert not stored.exists()
    assert report in reports_without_pdf(older_than=days(0))  # the sweep renders it again


def test_the_addresses_of_invitations_and_requests_to_join_go_with_the_participants(settings):
    settings.RETENTION_PARTICIPANT_YEARS = 10
    ended = PartnershipFactory(start_year=2015, end_year=2019)
    running = PartnershipFactory(start_year=2025, end_year=None)
    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    case = ApplicationFactory(partnership=ended, organisation=organisation)
    kept = ApplicationFactory(partnership=running, organisation=organisation)
    ParticipantFactory(application=case, name="Anna Andersson")
    _invitation, token = invitations.invite_contributor(
        application=case, email="gustav@kommun.example", role="reader", by=coordinator
    )
    asked = workflow.ask_to_join(token=token, user=UserFactory(email="privat@example.org"))
    # Confirmed, so the invitation was accepted: only the partnership's end forgets them.
    workflow.confirm_address(address_request=asked, by=coordinator)
    still, _token = invitations.invite_contributor(
        application=kept, email="still@kommun.example", role="reader", by=coordinator
    )
    # Still open at NOW: a running partnership's invitation keeps its address.
    Invitation.objects.filter(pk=still.pk).update(expires_at=NOW + days(10))

    retention.sweep(now=NOW)

    asked.refresh_from_db()
    assert asked.email == ""
    assert asked.invitation.email == ""
    assert asked.invitation.role == "reader"  # what the invitation was stays, not to whom
    assert not Invitation.history.filter(email="gustav@kommun.example").exists()
    assert Invitation.objects.get(application=kept).email == "still@kommun.example"
    assert AddressRequest.objects.filter(email="privat@example.org").count() == 0


def test_an_invitation_nobody_accepted_forgets_its_address_once_its_e_mail_is_gone(settings):
    settings.RETENTION_OUTBOX_DAYS = 90
    coordinator = make_coordinator()
    case = ApplicationFactory(organisation=coordinator.memberships.get().organisation)

    def invited(email: str, **fields) -> Invitation:
        invitation, _token = invitations.invite_contributor(
            application=case, email=email, role="reader", by=coordinator
        )
        Invitation.objects.filter(pk=invitation.pk).update(**fields)
        return invitation

    expired = invited("expired@kommun.example", expires_at=NOW - days(91))
    withdrawn = invited("withdrawn@kommun.example", revoked_at=NOW - days(91), expires_at=NOW)
    recent = invited("recent@kommun.example", expires_at=NOW - days(89))
    accepted = invited(
        "accepted@kommun.example", expires_at=NOW - days(91), accepted_at=NOW - days(100)
    )
    _refused, token = invitations.invite_contributor(
        application=case, email="asked@kommun.example", role="reader", by=coordinator
    )
    asked = workflow.ask_to_join(token=token, user=UserFactory(email="privat@example.org"))
    Invitation.objects.filter(pk=asked.invitation_id).update(expires_at=NOW - days(91))

    assert retention.sweep(now=NOW).forgotten == 3
    assert retention.sweep(now=NOW).forgotten == 0

    emails = dict(Invitation.objects.values_list("pk", "email"))
    assert emails[expired.pk] == emails[withdrawn.pk] == emails[asked.invitation_id] == ""
    assert emails[recent.pk] == "recent@kommun.example"
    assert emails[accepted.pk] == "accepted@kommun.example"
    asked.refresh_from_db()
    assert asked.email == ""
    assert not Invitation.history.filter(email="expired@kommun.example").exists()
    assert Invitation.history.filter(email="recent@kommun.example").exists()
