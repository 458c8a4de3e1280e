"""Countries, organisations on both sides, partnerships and who belongs to which organisation."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import StatusEvent

from .search import fill_search_fields, refresh_search_text
from .validators import validate_organisation_number

FIRST_YEAR = 1996  # ICLD's partnerships began in the late 1990s
LAST_YEAR = 2100


class SearchTextSource(models.Model):
    """A model whose fields are copied into `Partnership.search_text`.

    Saving it with one of `search_source_fields` changed recomputes the search text of the
    partnerships that show it, in bulk. Staff rename rarely, so the extra read that detects a
    change costs nothing that matters.
    """

    search_source_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        changed = (
            not self._state.adding
            and type(self)
            ._default_manager.filter(pk=self.pk)
            .exclude(**{field: getattr(self, field) for field in self.search_source_fields})
            .exists()
        )
        super().save(*args, **kwargs)
        if changed:
            refresh_search_text(self.partnerships_showing_it())

    def partnerships_showing_it(self) -> models.QuerySet[Partnership]:
        raise NotImplementedError


class TranslatedName(models.Model):
    """A name in Swedish and English; `name` is the one of the active language."""

    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv


class Cluster(models.TextChoices):
    EUROPE = "europe", _("Europe")
    EAST_AFRICA = "east_africa", _("East Africa")
    LATIN_AMERICA = "latin_america", _("Latin America")
    SOUTHERN_AFRICA = "southern_africa", _("Southern Africa")


class CountryStatus(models.TextChoices):
    CLUSTER = "cluster", _("Cluster country")
    CONTINUING = "continuing", _("Continuing country")
    FORMER = "former", _("Former country")


class Component(models.TextChoices):
    """The components (phases) of a partnership; each application is for one of them."""

    FORBEREDELSE = "forberedelse", _("Preparation")
    PROJEKT = "projekt", _("Project")
    STYRGRUPP = "styrgrupp", _("Steering group")
    BREDDNING = "breddning", _("Widening")
    SPRIDNING = "spridning", _("Dissemination")


class Country(SearchTextSource, TranslatedName):
    """A cooperation country. Its cluster and status are data that staff change over time."""

    search_source_fields = ("name_sv", "name_en")

    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. KE")
    )
    cluster = models.CharField(_("cluster"), max_length=20, choices=Cluster.choices, blank=True)
    status = models.CharField(_("programme status"), max_length=20, choices=CountryStatus.choices)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_sv"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_iso_alpha2",
                violation_error_message=_("The code is two capital letters (ISO 3166-1)."),
            ),
            # Partners are abroad: Sweden is never a cooperation country.
            models.CheckConstraint(
                condition=~Q(code="SE"),
                name="country_not_sweden",
                violation_error_message=_("Sweden cannot be a cooperation country."),
            ),
        ]

    def partnerships_showing_it(self) -> models.QuerySet[Partnership]:
        through = Partnership.additional_partner_organisations.through
        return Partnership.objects.filter(
            Q(partner_organisation__country=self)
            | Q(
                pk__in=through.objects.filter(partnerorganisation__country=self).values(
                    "partnership_id"
                )
            )
        )


class County(models.Model):
    """A Swedish county (län), the area of one region."""

    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class SubjectCategory(TranslatedName):
    """An area partnerships work in, e.g. gender equality or water and sanitation."""

    slug = models.SlugField(_("identifier"), unique=True)

    class Meta:
        verbose_name = _("subject category")
        verbose_name_plural = _("subject categories")
        ordering = ["name_sv"]


class DemocraticArea(TranslatedName):
    """One of the programme's four core democratic areas."""

    slug = models.SlugField(_("identifier"), unique=True)

    class Meta:
        verbose_name = _("core democratic area")
        verbose_name_plural = _("core democratic areas")
        ordering = ["pk"]


class SwedishOrganisationType(models.TextChoices):
    """The organisations that may apply (DOMAIN: who may apply)."""

    MUNICIPALITY = "kommun", _("Municipality")
    REGION = "region", _("Region")
    DISTRICT_COMMITTEE = "stadsdelsnamnd", _("District or borough committee")
    MUNICIPAL_FEDERATION = "kommunalforbund", _("Municipal federation")
    REGIONAL_FEDERATION = "regionforbund", _("Regional federation")
    JOINT_COMMITTEE = "gemensam_namnd", _("Joint committee")
    COOPERATION_ORGANISATION = "samverkansorganisation", _("Municipal cooperation organisation")


class SwedishOrganisation(SearchTextSource):
    """The Swedish party: a municipality, a region or another eligible local body."""

    search_source_fields = ("name", "short_name", "code")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=SwedishOrganisationType.choices)
    code = models.CharField(
        _("official code"),
        max_length=4,
        blank=True,
        help_text=_("Four digits for a municipality, two for a region."),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Ten digits, e.g. 212000-0142."),
    )
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("county")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("Swedish organisation")
        verbose_name_plural = _("Swedish organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "code"],
                condition=~Q(code=""),
                name="swedish_organisation_code_unique",
                violation_error_message=_("An organisation of this type already has this code."),
            ),
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~Q(organisation_number=""),
                name="swedish_organisation_number_unique",
                violation_error_message=_("Another organisation has this organisation number."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(type=SwedishOrganisationType.MUNICIPALITY, code__regex=r"^[0-9]{4}$")
                    | Q(type=SwedishOrganisationType.REGION, code__regex=r"^[0-9]{2}$")
                    | (
                        ~Q(
                            type__in=[
                                SwedishOrganisationType.MUNICIPALITY,
                                SwedishOrganisationType.REGION,
                            ]
                        )
                        & Q(code="")
                    )
                ),
                name="swedish_organisation_code_format",
                violation_error_message=_(
                    "A municipality has a four-digit code, a region a two-digit code and "
                    "other organisations none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def partnerships_showing_it(self) -> models.QuerySet[Partnership]:
        through = Partnership.additional_swedish_organisations.through
        return Partnership.objects.filter(
            Q(swedish_organisation=self)
            | Q(pk__in=through.objects.filter(swedishorganisation=self).values("partnership_id"))
        )


class PartnerOrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region or province")
    ASSOCIATION = "association", _("Association of local authorities")
    OTHER = "other", _("Other")


class PartnerOrganisation(SearchTextSource):
    """The counterpart abroad."""

    search_source_fields = ("name", "city", "country_id")

    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("country")
    )
    type = models.CharField(_("type"), max_length=20, choices=PartnerOrganisationType.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"],
                name="partner_organisation_unique_in_country",
                violation_error_message=_("This country already has an organisation by that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def partnerships_showing_it(self) -> models.QuerySet[Partnership]:
        through = Partnership.additional_partner_organisations.through
        return Partnership.objects.filter(
            Q(partner_organisation=self)
            | Q(pk__in=through.objects.filter(partnerorganisation=self).values("partnership_id"))
        )


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


def year_validators() -> list:
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class Partnership(models.Model):
    """Cooperation between a Swedish organisation and one abroad (sometimes a third party)."""

    swedish_organisation = models.ForeignKey(
        SwedishOrganisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("Swedish organisation"),
    )
    partner_organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("partner organisation"),
    )
    additional_swedish_organisations = models.ManyToManyField(
        SwedishOrganisation,
        blank=True,
        related_name="additional_partnerships",
        verbose_name=_("further Swedish organisations"),
    )
    additional_partner_organisations = models.ManyToManyField(
        PartnerOrganisation,
        blank=True,
        related_name="additional_partnerships",
        verbose_name=_("further partner organisations"),
    )
    categories = models.ManyToManyField(
        SubjectCategory, blank=True, related_name="partnerships", verbose_name=_("categories")
    )
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=year_validators())
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=year_validators()
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Denormalised for the public free-text search (see search.py); never edited by hand.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    # The names alone, for the typo-forgiving search (search.py).
    search_names = models.TextField(_("search names"), blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="partnership_ends_after_start",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start_year"]),
            # The default order of the list and the API: their pages walk this index.
            models.Index(F("start_year").desc(), "id", name="partnership_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.swedish_organisation} – {self.partner_organisation}"

    def save(self, *args, **kwargs) -> None:
        # A new partnership has no many-to-many rows yet; adding them later refreshes the text
        # (signals.py), as does renaming an organisation or a country (SearchTextSource).
        fill_search_fields(self, with_additional=not self._state.adding)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_names"}
        super().save(*args, **kwargs)

    @property
    def country(self) -> Country:
        return self.partner_organisation.country

    def clean(self) -> None:
        if self.status == PartnershipStatus.ENDED and self.end_year is None:
            raise ValidationError({"end_year": _("An ended partnership has an end year.")})


class ComponentHistory(models.Model):
    """One component a partnership applied for or ran: which, when, and whether granted."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="components"
    )
    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=year_validators())
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=year_validators())
    granted = models.BooleanField(_("granted"))

    class Meta:
        verbose_name = _("component of a partnership")
        verbose_name_plural = _("components of partnerships")
        ordering = ["start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="component_ends_after_start",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()} {self.start_year}–{self.end_year}"


class DialogueStatus(models.TextChoices):
    STATED = "stated", _("Stated by the coordinator")
    CONFIRMED = "confirmed", _("Confirmed by ICLD")


class Dialogue(models.Model):
    """A dialogue the partnership had with ICLD. In a continuing country it lets a partnership
    go on: "länder där kommuner sedan tidigare har en dialog eller genomförda/pågående
    Förberedelser eller Projekt" (seed 002). Staff record one (confirmed at once), or a
    coordinator states one and staff confirm it; only a confirmed dialogue counts."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="dialogues",
        verbose_name=_("partnership"),
    )
    held_on = models.DateField(_("date of the dialogue"))
    note = models.TextField(_("what the dialogue was about"))
    status = models.CharField(
        _("status"), max_length=10, choices=DialogueStatus.choices, default=DialogueStatus.STATED
    )
    stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stated by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue with ICLD")
        verbose_name_plural = _("dialogues with ICLD")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == DialogueStatus.CONFIRMED


class DialogueEvent(StatusEvent):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=DialogueStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=DialogueStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("dialogue event")
        verbose_name_plural = _("dialogue events")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")


class Membership(models.Model):
    """A user's tie to a Swedish organisation; staff approve it before the user may submit."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        SwedishOrganisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.COORDINATOR
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    # Granted by staff (partnerships.services.set_signatory): only an authorised signatory signs
    # the organisation's agreements with ICLD (agreements/).
    is_signatory = models.BooleanField(
        _("authorised signatory"),
        default=False,
        help_text=_("May sign agreements with ICLD on behalf of the organisation."),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_once_per_organisation",
                violation_error_message=_("This user already belongs to this organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class PartnerSeeking(models.Model):
    """An organisation abroad that seeks a Swedish partner. Contact goes through ICLD."""

    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(
        _("type"), max_length=20, choices=PartnerOrganisationType.choices
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="partner_seekings",
        verbose_name=_("country"),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    themes = models.ManyToManyField(
        SubjectCategory, blank=True, related_name="partner_seekings", verbose_name=_("themes")
    )
    description = models.TextField(
        _("description"), help_text=_("Who the organisation is and what it wants to work on.")
    )
    # Only ICLD sees the contact; the public page never shows it.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner seeking a Swedish partner")
        verbose_name_plural = _("partners seeking a Swedish partner")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.country})"
