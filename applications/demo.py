"""Demo applications: rounds, and applications in every component and status with both
parties' teams — valid ones and ones that break the rules — so every page can be tried on
realistic data. Bulk inserts; the same seed gives the same applications."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from core.models import User
from partnerships.models import (
    Component,
    DemocraticArea,
    Membership,
    MembershipStatus,
    Partnership,
)

from .models import (
    ROUND_COMPONENTS,
    TEAM_MEMBER_FIELDS,
    Application,
    ApplicationRound,
    ApplicationStatus,
    BudgetLine,
    CaseCounter,
    Participant,
    ParticipantChange,
    ParticipantChangeEvent,
    ParticipantChangeStatus,
    ParticipantFormVersion,
    Party,
)
from .participant_forms import snapshot_person

BATCH_SIZE = 2000
DEMO_COORDINATOR_EMAIL = "samordnare@example.se"
# ICLD's demo case officer: decides the demo changes and reports, and lets a newcomer try the
# admin (group ICLD-handläggare, an authenticator app already set up with this secret).
DEMO_STAFF_EMAIL = "handlaggare@demo.example.se"
# How many granted demo cases get one approved and one waiting participant change.
CHANGED_CASES = 6
# Only for a development database: `seed_demo` refuses to run with DEBUG off.
DEMO_COORDINATOR_PASSWORD = "demo-samordnare-2026"  # noqa: S105
DEMO_STAFF_PASSWORD = "demo-handlaggare-2026"  # noqa: S105
DEMO_STAFF_TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"  # noqa: S105

SWEDISH_NAMES = [
    "Anna Lindqvist",
    "Erik Johansson",
    "Maria Karlsson",
    "Lars Nilsson",
    "Sara Ahmed",
    "Johan Berg",
    "Elin Svensson",
    "Mohammed Hassan",
    "Karin Holm",
    "Per Eriksson",
    "Fatima Ali",
    "Olof Sandberg",
    "Ingrid Persson",
    "Ali Yilmaz",
    "Emma Lund",
    "Nils Ström",
    "Hanna Ek",
    "Jonas Wikström",
]
# Plausible names per partner country; other countries use the general list.
PARTNER_NAMES = {
    "KE": "Achieng Otieno|Brian Kiprop|Wanjiru Kamau|Daniel Mwangi|Faith Njeri|Peter Omondi",
    "TZ": "Neema Mushi|Juma Mrema|Rehema Salim|Baraka Mollel|Zawadi Kimaro|Hamisi Ally",
    "UG": "Grace Namutebi|Moses Okello|Sarah Nakato|Isaac Mugisha|Esther Atim|Joseph Ssali",
    "UA": "Olena Kovalenko|Andrii Shevchenko|Iryna Bondarenko|Taras Melnyk|Oksana Tkachenko",
    "RS": "Jelena Petrović|Marko Jovanović|Ivana Nikolić|Nikola Marković|Milica Ilić",
    "BA": "Amra Hodžić|Emir Delić|Lejla Begić|Adnan Kovačević|Selma Mehić|Dario Marić",
    "XK": "Arta Krasniqi|Besnik Gashi|Drita Berisha|Arben Hoxha|Valbona Shala",
    "CO": "María Fernanda Gómez|Carlos Rodríguez|Luz Marina Díaz|Andrés Morales|Paola Ríos",
    "GT": "Ana Lucía Pérez|José Ajcip|Rosa Tzul|Miguel Cifuentes|Lucía Xicay",
    "ZA": "Thandiwe Nkosi|Sipho Dlamini|Lerato Mokoena|Johan van Wyk|Nomvula Khumalo",
    "BW": "Neo Mosweu|Kagiso Molefe|Boitumelo Seretse|Tebogo Kgosi|Mpho Ramotswa",
    "ZM": "Chanda Mwale|Mutale Banda|Natasha Phiri|Bwalya Zulu|Mulenga Tembo",
    "ZW": "Rudo Moyo|Tendai Ncube|Chipo Dube|Farai Sibanda|Nyasha Mutasa",
}
GENERAL_NAMES = "Nino Beridze|Ana Popescu|Nguyen Thi Lan|Dewi Lestari|Aida Mussa|Li Wei"
POSITIONS = {
    "politician": ["Kommunstyrelsens ordförande", "Oppositionsråd", "Ledamot, kommunfullmäktige"],
    "official": ["Utvecklingsstrateg", "Demokratisamordnare", "Förvaltningschef", "Handläggare"],
    "civil_society": ["Ordförande, ungdomsförening", "Verksamhetsledare, ideell förening"],
}
# The teams of each component per party (category, side, coordinator, project leader).
TEAMS = {
    Component.FORBEREDELSE: [
        ("politician", "majority", False, False),
        ("politician", "opposition", False, False),
        ("official", "", True, False),
    ],
    Component.PROJEKT: [
        ("official", "", False, True),
        ("official", "", False, False),
        ("official", "", False, False),
        ("civil_society", "", False, False),
    ],
    Component.STYRGRUPP: [
        ("politician", "majority", False, False),
        ("politician", "opposition", False, False),
        ("official", "", True, False),
    ],
    Component.BREDDNING: [
        ("politician", "majority", False, False),
        ("official", "", True, False),
        ("official", "", False, False),
        ("official", "", False, False),
    ],
    Component.SPRIDNING: [("official", "", False, True), ("official", "", False, False)],
}
TITLES = ["Unga röster", "Öppna beslut", "Kvinnor leder", "Klimat i dialog", "Delaktig stad"]
STATUS_WEIGHTS = {
    ApplicationStatus.DRAFT: 4,
    ApplicationStatus.SUBMITTED: 3,
    ApplicationStatus.IN_REVIEW: 2,
    ApplicationStatus.RETURNED: 1,
    ApplicationStatus.APPROVED: 4,
    ApplicationStatus.DECLINED: 1,
    ApplicationStatus.WITHDRAWN: 1,
}


def seed_rounds(*, today: datetime.date) -> int:
    """The rounds DOMAIN.md names, and one open and one coming round around `today`."""
    rounds = [
        ("2024-03", datetime.date(2024, 6, 1), datetime.date(2024, 8, 28)),
        ("2024-04", datetime.date(2024, 9, 1), datetime.date(2024, 11, 1)),
        (
            f"{today.year}-90",
            today - datetime.timedelta(days=30),
            today + datetime.timedelta(days=20),
        ),
        (
            f"{today.year + 1}-01",
            today + datetime.timedelta(days=60),
            today + datetime.timedelta(days=120),
        ),
    ]
    added = 0
    for name, opens_on, closes_on in rounds:
        _, created = ApplicationRound.objects.get_or_create(
            name=name,
            defaults={
                "opens_on": opens_on,
                "closes_on": closes_on,
                "components": [c.value for c in ROUND_COMPONENTS],
            },
        )
        added += created
    return added


def _names(code: str) -> list[str]:
    return PARTNER_NAMES.get(code, GENERAL_NAMES).split("|")


def _team(
    rng: random.Random,
    application: Application,
    party: Party,
    names: Sequence[str],
    *,
    broken: bool,
) -> list[Participant]:
    roles = list(TEAMS[application.component])
    if broken:
        roles = roles[1:]  # one person short: the rules will say so
    women = rng.random() < 0.8  # most teams balanced, some not
    # Different people: no name twice in one party's team.
    chosen = rng.sample(list(names), len(roles))
    people = []
    for i, (category, side, coordinator, leader) in enumerate(roles):
        gender = ("woman", "man")[i % 2] if women else rng.choice(["man", "man", "woman"])
        people.append(
            Participant(
                application=application,
                party=party,
                name=chosen[i],
                organisation=application.organisation.name
                if party == Party.SWEDISH
                else application.partner_name,
                position=rng.choice(POSITIONS[category]),
                category=category,
                political_side=side,
                is_coordinator=coordinator,
                is_project_leader=leader,
                gender=gender,
                motivation="Har mandat i frågan och erfarenhet av att leda dialog med unga.",
                code_of_conduct=True,
                approved_at=timezone.now()
                if application.status == ApplicationStatus.APPROVED
                else None,
            )
        )
    return people


def _coordinators(organisations) -> dict[int, User]:
    """A coordinator per organisation (no password: they cannot log in), one who can."""
    users = {}
    existing = {u.email: u for u in User.objects.filter(email__endswith="@demo.example.se")}
    new = []
    for organisation in organisations:
        email = f"samordnare-{organisation.pk}@demo.example.se"
        user = existing.get(email) or User(
            username=email, email=email, first_name="Samordnare", last_name=organisation.name
        )
        if user.pk is None:
            user.set_unusable_password()
            new.append(user)
        users[organisation.pk] = user
    User.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation_id=org_id, status=MembershipStatus.APPROVED)
            for org_id, user in users.items()
        ],
        ignore_conflicts=True,
        batch_size=BATCH_SIZE,
    )
    return users


def demo_login(organisation) -> None:
    """The coordinator a developer logs in as (see README): of the first demo organisation."""
    user, _created = User.objects.get_or_create(
        email=DEMO_COORDINATOR_EMAIL,
        defaults={
            "username": DEMO_COORDINATOR_EMAIL,
            "first_name": "Anna",
            "last_name": "Samordnare",
            "password": make_password(DEMO_COORDINATOR_PASSWORD),
        },
    )
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"status": MembershipStatus.APPROVED}
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@transaction.atomic
def seed_applications(*, seed: int, per_partnership: int = 2, limit: int = 400) -> dict[str, int]:
    """Applications for the most recent partnerships, in every component and status."""
    rng = random.Random(f"{seed}/applications")  # noqa: S311 - demo data, not secrets
    today = timezone.localdate()
    seed_rounds(today=today)
    # A submitted application sits in a round that had opened by then.
    rounds = list(ApplicationRound.objects.filter(opens_on__lte=today).order_by("closes_on"))
    # Partnerships that have no applications yet: a second run (--append) adds, never repeats.
    partnerships = list(
        Partnership.objects.filter(start_year__gte=2018, applications__isnull=True)
        .select_related("swedish_organisation", "partner_organisation__country")
        .order_by("-start_year", "pk")[:limit]
    )
    if not partnerships:
        return {"applications": 0, "participants": 0}
    coordinators = _coordinators({p.swedish_organisation for p in partnerships})
    demo_login(partnerships[0].swedish_organisation)
    areas = list(DemocraticArea.objects.order_by("pk"))
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    components = list(Component)

    # Demo cases are numbered in last year's series, after any numbers already given.
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(year=today.year - 1)
    applications = []
    for i, partnership in enumerate(partnerships):
        partner = partnership.partner_organisation
        for j in range(per_partnership):
            component = components[(i + j) % len(components)]
            status = rng.choices(statuses, weights=weights)[0]
            start = today + datetime.timedelta(days=rng.randint(30, 200))
            months = {"forberedelse": 12, "breddning": 6}.get(component, 24)
            submitted = status != ApplicationStatus.DRAFT
            applications.append(
                Application(
                    organisation=partnership.swedish_organisation,
                    partnership=partnership,
                    component=component,
                    status=status,
                    case_number=f"KP-{counter.year}-{counter.last + len(applications) + 1:04d}"
                    if submitted
                    else None,
                    round=rng.choice(rounds)
                    if submitted and component != Component.FORBEREDELSE
                    else None,
                    title=f"{rng.choice(TITLES)} i {partner.city or partner.name}",
                    purpose="Stärka invånarnas inflytande över lokala beslut, särskilt ungas.",
                    target_group="Unga 15–25 år och förtroendevalda",
                    sdgs=sorted(rng.sample(range(1, 18), 2)),
                    period_start=start,
                    period_end=start + datetime.timedelta(days=30 * months),
                    context_swedish="Kommunen har ett ungdomsråd sedan 2015.",
                    context_partner="Kommunen inför medborgarbudget.",
                    shared_challenges="Lågt valdeltagande bland unga.",
                    target_group_involvement="Ungdomsråden planerar aktiviteterna.",
                    exchange_swedish="Metoder för medborgarbudget.",
                    exchange_partner="Erfarenheter av ungdomsråd.",
                    dialogue_date=today - datetime.timedelta(days=rng.randint(20, 120))
                    if component == Component.SPRIDNING
                    else None,
                    dialogue_note="Dialog med ICLD om spridning."
                    if component == Component.SPRIDNING
                    else "",
                    created_by=coordinators[partnership.swedish_organisation_id],
                    submitted_by=coordinators[partnership.swedish_organisation_id]
                    if submitted
                    else None,
                    submitted_at=timezone.now() if submitted else None,
                    language="sv" if rng.random() < 0.8 else "en",
                )
            )
    Application.objects.bulk_create(applications, batch_size=BATCH_SIZE)
    counter.last += len(applications)
    counter.save(update_fields=["last"])

    participants = []
    area_links = []
    budget = []
    through = Application.democratic_areas.through
    for application in applications:
        broken = rng.random() < 0.2
        code = application.partnership.partner_organisation.country.code
        participants += _team(rng, application, Party.SWEDISH, SWEDISH_NAMES, broken=broken)
        participants += _team(rng, application, Party.PARTNER, _names(code), broken=False)
        area_links += [
            through(application_id=application.pk, democraticarea_id=area.pk)
            for area in rng.sample(areas, 2)
        ]
        budget += [
            BudgetLine(
                application=application,
                category=category,
                description=description,
                explanation=explanation,
                # Three lines under the smallest ceiling (costnorms.examples): a demo budget
                # is not over it by chance.
                amount_sek=rng.randrange(10_000, 60_000, 1_000),
            )
            for category, description, explanation in [
                ("travel", "Flyg för fyra deltagare", "Enligt resebyråns offert."),
                ("accommodation", "Hotell under besöket", "Fyra rum i tre nätter."),
                ("interpretation", "Tolk under workshops", "Två dagar enligt ICLD:s arvode."),
            ]
        ]
    Participant.objects.bulk_create(participants, batch_size=BATCH_SIZE)
    through.objects.bulk_create(area_links, batch_size=BATCH_SIZE)
    BudgetLine.objects.bulk_create(budget, batch_size=BATCH_SIZE)
    forms = seed_participant_forms(applications, participants)
    changes = seed_participant_changes(rng, applications, participants)
    return {
        "applications": len(applications),
        "participants": len(participants),
        "participant_forms": forms,
        "participant_changes": changes,
    }


def seed_participant_forms(
    applications: Sequence[Application], participants: Sequence[Participant]
) -> int:
    """Version 1 of the participant form of every submitted demo case, as a submission makes
    it, so that a round's ZIP export holds forms (issue 18, item 12). The PDFs are left to the
    worker's sweep and to the export, which renders a missing one when it needs it."""
    teams: dict[int, list[dict]] = {}
    for person in participants:
        teams.setdefault(person.application_id, []).append(snapshot_person(person))
    versions = [
        ParticipantFormVersion(
            application=application,
            version=1,
            language=application.language,
            team=teams.get(application.pk, []),
        )
        for application in applications
        if application.case_number
    ]
    ParticipantFormVersion.objects.bulk_create(versions, batch_size=BATCH_SIZE)
    return len(versions)


def demo_staff() -> User:
    """ICLD's demo case officer, who decides the demo changes and reports. Logs in to /admin/
    with DEMO_STAFF_PASSWORD and a code from DEMO_STAFF_TOTP_SECRET (development data only)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from core.staff import ensure_staff_group

    staff, created = User.objects.get_or_create(
        email=DEMO_STAFF_EMAIL,
        defaults={
            "username": DEMO_STAFF_EMAIL,
            "first_name": "Hanna",
            "last_name": "Handläggare",
            "is_staff": True,
            "password": make_password(DEMO_STAFF_PASSWORD),
        },
    )
    if created:
        staff.groups.add(ensure_staff_group())
        EmailAddress.objects.get_or_create(
            user=staff, email=staff.email, defaults={"verified": True, "primary": True}
        )
        if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(staff, DEMO_STAFF_TOTP_SECRET)
    return staff


def seed_participant_changes(
    rng: random.Random, applications: Sequence[Application], participants: Sequence[Participant]
) -> int:
    """A few granted cases get a change ICLD approved (a Swedish team member replaced: the row
    kept as having left, the new person approved) and a change still waiting (an addition)."""
    granted = [a for a in applications if a.status == ApplicationStatus.APPROVED][:CHANGED_CASES]
    if not granted:
        return 0
    staff = demo_staff()
    now = timezone.now()
    # The last of each Swedish team leaves; the person replacing them takes the same role.
    leavers = {
        a.pk: next(
            p for p in reversed(participants) if p.application_id == a.pk and p.party == "swedish"
        )
        for a in granted
    }
    approved, waiting = [], []
    for application in granted:
        leaving = leavers[application.pk]
        on_team = {p.name for p in participants if p.application_id == application.pk}
        newcomer, added = rng.sample([n for n in SWEDISH_NAMES if n not in on_team], 2)
        person = {field: getattr(leaving, field) for field in TEAM_MEMBER_FIELDS}
        approved.append(
            ParticipantChange(
                application=application,
                leaving=leaving,
                reason="Har fått en ny tjänst och lämnar partnerskapet.",
                status=ParticipantChangeStatus.APPROVED,
                proposed_by=application.created_by,
                decided_by=staff,
                decided_at=now,
                decision_comment="Godkänt: samma roll och mandat.",
                **person | {"name": newcomer},
            )
        )
        waiting.append(
            ParticipantChange(
                application=application,
                reason="Civilsamhället ska vara med i gruppen.",
                proposed_by=application.created_by,
                **person
                | {
                    "name": added,
                    "category": "civil_society",
                    "political_side": "",
                    "is_coordinator": False,
                    "is_project_leader": False,
                    "position": POSITIONS["civil_society"][0],
                },
            )
        )
    ParticipantChange.objects.bulk_create(approved + waiting)
    joined = []
    for change in approved:
        change.leaving.left_at, change.leaving.left_through = now, change
        joined.append(
            Participant(
                application=change.application,
                approved_at=now,
                approved_by=staff,
                joined_through=change,
                **{field: getattr(change, field) for field in TEAM_MEMBER_FIELDS},
            )
        )
    Participant.with_left.bulk_update([c.leaving for c in approved], ["left_at", "left_through"])
    Participant.objects.bulk_create(joined)
    ParticipantChangeEvent.objects.bulk_create(
        [ParticipantChangeEvent(change=c, actor=c.proposed_by, to_status=c.status) for c in waiting]
        + [
            event
            for c in approved
            for event in (
                ParticipantChangeEvent(
                    change=c, actor=c.proposed_by, to_status=ParticipantChangeStatus.PENDING
                ),
                ParticipantChangeEvent(
                    change=c,
                    actor=staff,
                    from_status=ParticipantChangeStatus.PENDING,
                    to_status=c.status,
                    comment=c.decision_comment,
                ),
            )
        ]
    )
    return len(approved) + len(waiting)
