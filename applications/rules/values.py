"""The choice values the rules speak of; the models and forms reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# The choice values. Models and forms reuse them, so the stored values and the rules agree.
FORBEREDELSE, PROJEKT, STYRGRUPP, BREDDNING, SPRIDNING = COMPONENTS = (
    "forberedelse",
    "projekt",
    "styrgrupp",
    "breddning",
    "spridning",
)
SWEDISH, PARTNER = PARTIES = ("swedish", "partner")
POLITICIAN, OFFICIAL, CIVIL_SOCIETY, ACADEMIA, BUSINESS, EXTERNAL = CATEGORIES = (
    "politician",
    "official",
    "civil_society",
    "academia",
    "business",
    "external",
)
MAJORITY, OPPOSITION = SIDES = ("majority", "opposition")
WOMAN, MAN, OTHER, UNDISCLOSED = GENDERS = ("woman", "man", "other", "undisclosed")
ERROR, WARNING = SEVERITIES = ("error", "warning")

# The stored values of partnerships.models.SwedishOrganisationType: everyone who may apply.
# Repeated here because the rules import no models; a test keeps the two lists equal.
APPLICANT_TYPES = frozenset(
    {
        "kommun",
        "region",
        "stadsdelsnamnd",
        "kommunalforbund",
        "regionforbund",
        "gemensam_namnd",
        "samverkansorganisation",
    }
)
CLUSTER, CONTINUING, FORMER = COUNTRY_STATUSES = ("cluster", "continuing", "former")

# Förberedelse is applied for at any time; every other component is processed in rounds.
ROUND_COMPONENTS = tuple(c for c in COMPONENTS if c != FORBEREDELSE)

PARTY_LABELS = {SWEDISH: _("Swedish party"), PARTNER: _("Partner party")}

# Women and men should each be at least this share of a team (DOMAIN: gender-balanced groups).
GENDER_BALANCE_MIN_PERCENT = 40
