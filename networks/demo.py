"""Demo networks: one taking interest registrations, one running, so that a newcomer can try
registering interest (intresseanmälan) and see what a network offers. Idempotent."""

from __future__ import annotations

from partnerships.models import SubjectCategory

from .models import Network, NetworkStatus

NETWORKS = [
    (
        "gender-equality",
        "Nätverk för jämställdhet",
        "Gender equality network",
        NetworkStatus.OPEN_FOR_INTEREST,
        "Kommuner och regioner som vill arbeta med jämställdhet tillsammans. Anmäl intresse "
        "utan att ha valt partner: ICLD matchar er med en partnerkommun.",
        "Municipalities and regions that want to work on gender equality together. Register "
        "interest without having chosen a partner: ICLD matches you with a partner municipality.",
    ),
    (
        "climate-environment",
        "Klimatnätverket",
        "Climate network",
        NetworkStatus.RUNNING,
        "Partnerskap som arbetar med lokala klimatåtgärder och delar metoder.",
        "Partnerships working on local climate action and sharing methods.",
    ),
]


def seed_networks() -> int:
    added = 0
    for slug, name_sv, name_en, status, description_sv, description_en in NETWORKS:
        theme = SubjectCategory.objects.filter(slug=slug).first()
        if theme is None:  # the reference data are not loaded
            continue
        _network, created = Network.objects.get_or_create(
            name_sv=name_sv,
            defaults={
                "name_en": name_en,
                "theme": theme,
                "status": status,
                "description_sv": description_sv,
                "description_en": description_en,
                "coordinator_name": "Hanna Handläggare",
                "coordinator_role": "Projektkoordinator, ICLD",
            },
        )
        added += created
    return added
