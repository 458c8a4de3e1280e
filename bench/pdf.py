"""How fast a participant form renders: `bench_pdf()` prints the median of 10 renderings of a
form with 12 people (6 per party), in Swedish, from a version that is never saved.

Needs no database: the PDF is made from the version's snapshot of the team. Run alone with
`python bench/pdf.py`; `bench/run.py` calls `bench_pdf`.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

RUNS = 10
PEOPLE_PER_PARTY = 6


def bench_pdf() -> None:
    from django.utils import timezone

    from applications.models import Application, Participant, ParticipantFormVersion
    from applications.participant_form_pdf import PARTICIPANT_FORM_PDF
    from applications.participant_forms import snapshot_person
    from partnerships.models import Country, SwedishOrganisation

    application = Application(
        pk=1,
        case_number="KP-2026-0042",
        component="projekt",
        language="sv",
        organisation=SwedishOrganisation(name="Testköpings kommun"),
        new_partner_name="Kisumu County Government",
        new_partner_country=Country(code="KE", name_sv="Kenya", name_en="Kenya"),
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2028, 8, 31),
    )
    roles = [
        {"category": "politician", "political_side": "majority", "gender": "woman"},
        {"category": "politician", "political_side": "opposition", "gender": "man"},
        {"category": "official", "is_coordinator": True, "gender": "woman"},
        {"category": "official", "is_project_leader": True, "gender": "man"},
        {"category": "civil_society", "gender": "woman"},
        {"category": "academia", "gender": "undisclosed", "approved_at": timezone.now()},
    ]
    team = [
        snapshot_person(
            Participant(
                pk=index + 1,
                party=party,
                name=f"Förnamn Efternamnsson {index + 1}",
                organisation="Testköpings kommun" if party == "swedish" else "Kisumu County",
                position="Utvecklingsstrateg för demokrati och delaktighet",
                motivation=(
                    "Leder kommunens arbete med ungas inflytande och har ansvar för "
                    "medborgardialogen; har erfarenhet av internationellt samarbete."
                ),
                **fields,
            )
        )
        for index, (party, fields) in enumerate(
            (party, fields) for party in ("swedish", "partner") for fields in roles
        )
    ]
    version = ParticipantFormVersion(
        application=application,
        version=1,
        language="sv",
        team=team,
        created_at=timezone.now(),
    )
    # Warm up: fonts, templates and catalogues are loaded once.
    PARTICIPANT_FORM_PDF.render(version)
    times = []
    for _run in range(RUNS):
        start = time.perf_counter()
        PARTICIPANT_FORM_PDF.render(version)
        times.append(time.perf_counter() - start)
    print(
        f"participant form, {len(team)} people: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}) over {RUNS} renderings"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icld_portal.settings")
    import django

    django.setup()
    bench_pdf()
