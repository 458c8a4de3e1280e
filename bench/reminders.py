"""How fast the daily reminder sweep is: `bench_reminders(n)` seeds n Projekt drafts whose round
closes in 7 days (spread over the reference organisations, each with a coordinator who drafted
them and three participants), times one `send_due_reminders()` in-process and prints the time.

The sweep commits, as it does in production (each reminder is recorded, its e-mail written to
the outbox and its sending queued after commit); everything seeded and sent is deleted
afterwards, so a developer's database keeps its data. Run alone with
`python bench/reminders.py [N]`: the e-mails are queued on kombu's in-memory transport and never
sent. `bench/run.py` runs it the same way.
"""

import datetime
import os
import sys
import time
from pathlib import Path

PARTICIPANTS_PER_DRAFT = 3
ROUND_NAME = "2099-99"  # a name no real round has: the bench's round is deleted afterwards


def seed(n: int, today: datetime.date) -> list[int]:
    """n drafts whose round closes in 7 days; returns the ids of the users it made."""
    from django.contrib.auth.hashers import make_password

    from applications.models import Application, ApplicationRound, Participant
    from core.models import User
    from partnerships.models import Country, Membership, MembershipStatus, SwedishOrganisation

    ApplicationRound.objects.create(
        name=ROUND_NAME,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=7),
        components=["projekt", "styrgrupp"],
    )
    organisations = list(SwedishOrganisation.objects.order_by("pk")[:n])
    unusable = make_password(None)  # the coordinators never sign in
    coordinators = User.objects.bulk_create(
        User(
            username=f"bench-reminders-{i}",
            email=f"bench-reminders-{i}@example.se",
            password=unusable,
            language="sv" if i % 3 else "en",
        )
        for i in range(len(organisations))
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisation, status=MembershipStatus.APPROVED)
        for user, organisation in zip(coordinators, organisations, strict=True)
    )
    kenya = Country.objects.get(code="KE")
    drafts = Application.objects.bulk_create(
        Application(
            organisation=organisations[i % len(organisations)],
            created_by=coordinators[i % len(organisations)],
            component="projekt",
            title=f"Bench draft {i}",
            new_partner_name=f"Partner {i}",
            new_partner_country=kenya,
            period_start=today + datetime.timedelta(days=60),
            period_end=today + datetime.timedelta(days=60 + 730),
        )
        for i in range(n)
    )
    Participant.objects.bulk_create(
        Participant(
            application=draft,
            party=party,
            name=f"Deltagare {draft.pk}-{k}",
            organisation="Kommunen",
            position="Handläggare",
            category="official",
            gender="woman" if k % 2 else "man",
            motivation="Leder arbetet.",
            code_of_conduct=bool(k),
        )
        for draft in drafts
        for k, party in enumerate(["swedish", "swedish", "partner"][:PARTICIPANTS_PER_DRAFT])
    )
    return [user.pk for user in coordinators]


def clean_up(user_ids: list[int], first_email_id: int) -> None:
    """Delete what the bench made, leaving no trace in the audit history either (its rows were
    bulk-created, so they have no history to begin with)."""
    from django.test.utils import override_settings

    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        _delete(user_ids, first_email_id)


def _delete(user_ids: list[int], first_email_id: int) -> None:
    from applications.models import Application, ApplicationRound
    from core.models import OutgoingEmail, User
    from partnerships.models import Membership
    from reminders.models import Reminder

    Reminder.objects.filter(recipient_id__in=user_ids).delete()
    OutgoingEmail.objects.filter(pk__gt=first_email_id).delete()
    Application.objects.filter(created_by_id__in=user_ids).delete()
    Membership.objects.filter(user_id__in=user_ids).delete()
    User.objects.filter(pk__in=user_ids).delete()
    ApplicationRound.objects.filter(name=ROUND_NAME).delete()


def bench_reminders(n: int) -> None:
    from django.db.models import Max
    from django.utils import timezone

    from core.models import OutgoingEmail
    from partnerships.reference_data import load_reference_data
    from reminders.tasks import send_due_reminders

    load_reference_data()  # committed and not timed: every installation has it
    today = timezone.localdate()
    first_email_id = OutgoingEmail.objects.aggregate(last=Max("pk"))["last"] or 0
    user_ids = seed(n, today)
    try:
        start = time.perf_counter()
        sent = send_due_reminders()
        elapsed = time.perf_counter() - start
        print(
            f"reminder sweep over {n} drafts: {elapsed:.1f} s "
            f"({sent} reminders sent, {sent / elapsed:.0f} per second)"
        )
    finally:
        clean_up(user_ids, first_email_id)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icld_portal.settings")
    # Queue the reminders' e-mails in memory: a bench sends no mail and fills no real queue.
    os.environ["CELERY_BROKER_URL"] = "memory://localhost/"
    import django

    django.setup()
    bench_reminders(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
