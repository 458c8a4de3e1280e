"""Example site content for a development installation: rounds, FAQ, a guideline, news.

Idempotent: rows are found by their name or address and created only when missing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from applications.demo import seed_rounds
from networks.demo import seed_networks

from .models import FaqEntry, Guideline, NewsItem

FAQ = [
    (
        "Vem kan ansöka?",
        "Who can apply?",
        "Svenska kommuner, regioner, kommundels- och stadsdelsnämnder, kommunalförbund, "
        "regionförbund, gemensamma nämnder och kommunala samverkansorganisationer kan ansöka, "
        "alltid tillsammans med en motsvarande organisation i ett samarbetsland.",
        "Swedish municipalities, regions, district committees, municipal and regional "
        "federations, joint committees and municipal cooperation organisations can apply, always "
        "together with a corresponding organisation in a cooperation country.",
    ),
    (
        "Hur hittar vi en partner?",
        "How do we find a partner?",
        "Under Partner som söker en svensk partner finns internationella organisationer som vill "
        "samarbeta. Kontakta oss så sätter vi er i kontakt med dem. I de tematiska nätverken "
        "matchar ICLD kommuner och regioner med en internationell partner.",
        "The list of partners seeking a Swedish partner shows organisations abroad that want to "
        "cooperate. Contact us and we put you in touch. In the thematic networks ICLD matches "
        "municipalities and regions with an international partner.",
    ),
    (
        "När är nästa ansökningsomgång?",
        "When is the next application round?",
        "Förberedelse kan sökas när som helst. Övriga komponenter behandlas i omgångar; se sidan "
        "Ansökningsomgångar för öppna och kommande omgångar och deras sista ansökningsdag.",
        "A Preparation can be applied for at any time. The other components are processed in "
        "rounds; the Application rounds page lists open and coming rounds and their closing "
        "dates.",
    ),
    (
        "Vad gäller för tolktjänster?",
        "What applies to interpretation?",
        "Att parterna förstår varandra fullt ut är viktigt. Professionella tolkar och översättare "
        "uppmuntras och deras arvoden kan ersättas. Se riktlinjen för tolkning.",
        "Understanding each other fully matters. Professional interpreters and translators are "
        "encouraged and their fees can be reimbursed. See the guideline on interpretation.",
    ),
]


@transaction.atomic
def seed_content(*, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    added = {"rounds": 0, "faq": 0, "guidelines": 0, "news": 0}
    added["rounds"] = seed_rounds(today=today)
    added["networks"] = seed_networks()
    for position, (q_sv, q_en, a_sv, a_en) in enumerate(FAQ):
        _, created = FaqEntry.objects.get_or_create(
            question_sv=q_sv,
            defaults={
                "question_en": q_en,
                "answer_sv": a_sv,
                "answer_en": a_en,
                "position": position,
            },
        )
        added["faq"] += created
    _, created = Guideline.objects.get_or_create(
        slug="interpretation",
        defaults={
            "title_sv": "Riktlinjer för tolkning",
            "title_en": "Guidelines for interpretation",
            "body_sv": "Vad som gäller vid tolkning och översättning, vilka arvoden ICLD kan "
            "ersätta och hur ni använder tolkresursen väl.",
            "body_en": "What applies to interpretation and translation, which fees ICLD can "
            "reimburse and how to make good use of interpreters.",
        },
    )
    added["guidelines"] += created
    _, created = NewsItem.objects.get_or_create(
        slug="ny-portal",
        defaults={
            "title_sv": "Ny portal för kommunala partnerskap",
            "title_en": "A new portal for municipal partnerships",
            "summary_sv": "Sök bland alla partnerskap genom åren och ansök direkt i webbläsaren.",
            "summary_en": "Search every partnership through the years and apply in the browser.",
            "body_sv": "Portalen samlar databasen över partnerskap, kartan och ansökningarna.\n\n"
            "Hör av er med synpunkter.",
            "body_en": "The portal brings together the partnership database, the map and the "
            "applications.\n\nTell us what you think.",
            "published_at": timezone.now(),
        },
    )
    added["news"] += created
    return added
