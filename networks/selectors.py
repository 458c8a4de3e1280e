"""Reads for the networks' pages, the partner-seeking list and the admin's suggestions.

Each returns rows with their relations loaded, so a page issues the same number of queries
however many rows it shows.
"""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from partnerships.models import (
    Cluster,
    Country,
    CountryStatus,
    Membership,
    MembershipStatus,
    PartnerOrganisation,
    PartnerSeeking,
    Partnership,
    SubjectCategory,
    SwedishOrganisation,
)

from . import ranking
from .models import InterestRegistration, Network, NetworkStatus

SUGGESTION_LIMIT = 10


def _name_field() -> str:
    return "name_en" if get_language() == "en" else "name_sv"


def themes() -> QuerySet[SubjectCategory]:
    return SubjectCategory.objects.order_by(_name_field())


def cluster_countries() -> QuerySet[Country]:
    """The countries where a new partnership may start: the ones a partner can choose."""
    return Country.objects.filter(status=CountryStatus.CLUSTER).order_by(_name_field())


def public_networks() -> QuerySet[Network]:
    """Every network with its theme and the number of its partnerships: open ones first,
    then running, then closed."""
    status_order = Case(
        *(When(status=status, then=Value(index)) for index, status in enumerate(NetworkStatus)),
        output_field=IntegerField(),
    )
    return (
        Network.objects.select_related("theme")
        .annotate(partnership_count=Count("partnerships"))
        .order_by(status_order, _name_field(), "pk")
    )


def network_detail(pk: int) -> Network:
    """One network with its partnerships (and their organisations) for its public page."""
    partnerships = Partnership.objects.select_related(
        "swedish_organisation", "partner_organisation__country"
    ).order_by("swedish_organisation__name", "pk")
    return get_object_or_404(
        Network.objects.select_related("theme").prefetch_related(
            Prefetch("partnerships", queryset=partnerships.defer("search_text", "search_names"))
        ),
        pk=pk,
    )


def published_seekings() -> QuerySet[PartnerSeeking]:
    """Partners abroad seeking a Swedish partner that ICLD has published, newest first."""
    return (
        PartnerSeeking.objects.filter(published=True)
        .select_related("country")
        .prefetch_related(Prefetch("themes", queryset=themes()))
        .order_by("-created_at", "-pk")
    )


def organisations_of(user) -> QuerySet[SwedishOrganisation]:
    """The organisations `user` is an approved coordinator of."""
    if not user.is_authenticated:
        return SwedishOrganisation.objects.none()
    return SwedishOrganisation.objects.filter(
        memberships__user=user, memberships__status=MembershipStatus.APPROVED
    ).order_by("name")


def registration_initial(user) -> dict[str, object]:
    """What the interest form can fill in for a signed-in user: name, e-mail, organisation."""
    if not user.is_authenticated:
        return {}
    initial: dict[str, object] = {
        "contact_name": user.get_full_name(),
        "contact_email": user.email,
    }
    # An approved membership first ("approved" sorts before "pending"); a pending one is
    # still the organisation the user said they work for.
    membership = (
        Membership.objects.filter(user=user)
        .order_by("status", "pk")
        .values_list("organisation_id", flat=True)
        .first()
    )
    if membership is not None:
        initial["organisation"] = membership
    return initial


# --- Matching --------------------------------------------------------------------------------


def ranking_input(
    registration: InterestRegistration,
) -> tuple[ranking.Seeker, list[ranking.Candidate], frozenset[tuple[int, int]], dict[str, str]]:
    """The plain data `ranking.rank` needs for `registration`: five queries."""
    name_field = _name_field()
    network = registration.network
    seeker = ranking.Seeker(
        organisation_id=registration.organisation_id,
        themes=frozenset(registration.themes.values_list("slug", flat=True)) | {network.theme.slug},
        countries=frozenset(registration.preferred_countries.values_list("code", flat=True)),
        cluster=registration.preferred_cluster,
        network_cluster=network.cluster,
    )
    cluster_names = dict(Cluster.choices)

    organisations = {
        row["pk"]: row
        for row in PartnerOrganisation.objects.filter(country__status=CountryStatus.CLUSTER).values(
            "pk",
            "name",
            "country__code",
            "country__status",
            "country__cluster",
            f"country__{name_field}",
        )
    }
    organisation_themes: dict[int, set[str]] = {pk: set() for pk in organisations}
    categories = Partnership.categories.through.objects.filter(
        partnership__partner_organisation__in=organisations
    ).values_list("partnership__partner_organisation_id", "subjectcategory__slug")
    for organisation_id, slug in categories:
        organisation_themes[organisation_id].add(slug)
    by_name = {
        (row["country__code"], row["name"].casefold()): pk for pk, row in organisations.items()
    }

    candidates = [
        ranking.Candidate(
            key=f"organisation:{pk}",
            name=row["name"],
            country=row["country__code"],
            country_status=row["country__status"],
            cluster=row["country__cluster"],
            themes=frozenset(organisation_themes[pk]),
            partner_organisation_id=pk,
            country_name=row[f"country__{name_field}"],
            cluster_name=str(cluster_names.get(row["country__cluster"], "")),
        )
        for pk, row in organisations.items()
    ]
    for seeking in published_seekings().filter(country__status=CountryStatus.CLUSTER):
        country = seeking.country
        candidates.append(
            ranking.Candidate(
                key=f"seeking:{seeking.pk}",
                name=seeking.organisation_name,
                country=country.code,
                country_status=country.status,
                cluster=country.cluster,
                themes=frozenset(theme.slug for theme in seeking.themes.all()),
                seeks_swedish_partner=True,
                partner_organisation_id=by_name.get(
                    (country.code, seeking.organisation_name.casefold())
                ),
                country_name=country.name,
                cluster_name=str(cluster_names.get(country.cluster, "")),
            )
        )
    return seeker, candidates, existing_partnerships(registration.organisation_id), theme_names()


def existing_partnerships(organisation_id: int) -> frozenset[tuple[int, int]]:
    """(organisation, partner organisation) for every partnership the organisation is in, as
    main or further party, with every partner in it, whatever its status."""
    involving = Partnership.objects.filter(
        Q(swedish_organisation_id=organisation_id)
        | Q(additional_swedish_organisations__id=organisation_id)
    )
    main = involving.values_list("partner_organisation_id", flat=True)
    further = Partnership.additional_partner_organisations.through.objects.filter(
        partnership__in=involving
    ).values_list("partnerorganisation_id", flat=True)
    return frozenset((organisation_id, pk) for pk in [*main, *further])


def theme_names() -> dict[str, str]:
    return dict(SubjectCategory.objects.values_list("slug", _name_field()))


def suggestions_for(
    registration: InterestRegistration, *, limit: int | None = SUGGESTION_LIMIT
) -> list[ranking.Suggestion]:
    """Partners for `registration`, best first, each with the reasons for it."""
    seeker, candidates, existing, names = ranking_input(registration)
    return ranking.rank(
        seeker, candidates, existing_partnerships=existing, theme_names=names, limit=limit
    )
