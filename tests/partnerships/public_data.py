"""Data for the public database's tests: a small, varied programme and bulk rows for counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import TestCase

from partnerships.models import (
    Component,
    ComponentHistory,
    Country,
    PartnerOrganisation,
    PartnerOrganisationType,
    Partnership,
    PartnershipStatus,
    SubjectCategory,
    SwedishOrganisation,
)
from partnerships.search import refresh_search_text
from tests.factories import (
    ComponentHistoryFactory,
    PartnershipFactory,
    SwedishOrganisationFactory,
)


def organisation(code: str) -> SwedishOrganisation:
    """A municipality (4 digits) or region (2 digits) from the reference data."""
    return SwedishOrganisation.objects.get(code=code)


def partner(name: str, country: str, city: str = "") -> PartnerOrganisation:
    found, _created = PartnerOrganisation.objects.get_or_create(
        name=name,
        country=Country.objects.get(code=country),
        defaults={"city": city, "type": PartnerOrganisationType.MUNICIPALITY},
    )
    return found


@dataclass
class Programme:
    """Eight partnerships across countries, clusters, counties, categories and decades."""

    goteborg_kisumu: Partnership
    goteborg_gulu: Partnership
    malmo_sarajevo: Partnership
    malmo_bogota: Partnership
    stockholm_wuhan: Partnership
    stockholm_izmir: Partnership
    region_kisumu: Partnership
    federation_gulu: Partnership

    @property
    def all(self) -> list[Partnership]:
        return list(vars(self).values())


def make_programme() -> Programme:
    gender = SubjectCategory.objects.get(slug="gender-equality")
    climate = SubjectCategory.objects.get(slug="climate-environment")
    youth = SubjectCategory.objects.get(slug="youth-participation")
    goteborg, malmo, stockholm = organisation("1480"), organisation("1280"), organisation("0180")
    vastra_gotaland = organisation("14")
    kisumu = partner("Kisumu County Government", "KE", "Kisumu")
    gulu = partner("Gulu City Council", "UG", "Gulu")
    sarajevo = partner("Grad Sarajevo", "BA", "Sarajevo")
    bogota = partner("Alcaldía de Bogotá", "CO", "Bogotá")
    wuhan = partner("Wuhan Municipal People's Government", "CN", "Wuhan")
    izmir = partner("İzmir Büyükşehir Belediyesi", "TR", "İzmir")
    ended = PartnershipStatus.ENDED

    programme = Programme(
        goteborg_kisumu=PartnershipFactory(
            swedish_organisation=goteborg,
            partner_organisation=kisumu,
            start_year=2015,
            end_year=2019,
            status=ended,
            categories=[gender],
        ),
        goteborg_gulu=PartnershipFactory(
            swedish_organisation=goteborg,
            partner_organisation=gulu,
            start_year=2021,
            categories=[climate],
        ),
        malmo_sarajevo=PartnershipFactory(
            swedish_organisation=malmo,
            partner_organisation=sarajevo,
            start_year=2010,
            end_year=2012,
            status=ended,
            description="Vatten och sanitet i stadens förorter.",
        ),
        malmo_bogota=PartnershipFactory(
            swedish_organisation=malmo,
            partner_organisation=bogota,
            start_year=2020,
            categories=[youth, gender],
        ),
        stockholm_wuhan=PartnershipFactory(
            swedish_organisation=stockholm,
            partner_organisation=wuhan,
            start_year=2005,
            end_year=2008,
            status=ended,
        ),
        stockholm_izmir=PartnershipFactory(
            swedish_organisation=stockholm,
            partner_organisation=izmir,
            start_year=1998,
            end_year=2003,
            status=ended,
        ),
        region_kisumu=PartnershipFactory(
            swedish_organisation=vastra_gotaland,
            partner_organisation=kisumu,
            start_year=2023,
        ),
        federation_gulu=PartnershipFactory(
            swedish_organisation=SwedishOrganisationFactory(
                name="Fyrbodals kommunalförbund", county=goteborg.county
            ),
            partner_organisation=gulu,
            start_year=2024,
        ),
    )
    # Göteborg also takes part, as a further party, in the region's partnership.
    programme.region_kisumu.additional_swedish_organisations.add(goteborg)
    programme.malmo_bogota.additional_partner_organisations.add(kisumu)
    for partnership, component, start, end, granted in [
        (programme.goteborg_kisumu, Component.FORBEREDELSE, 2015, 2015, True),
        (programme.goteborg_kisumu, Component.PROJEKT, 2016, 2019, True),
        (programme.goteborg_gulu, Component.PROJEKT, 2021, 2023, True),
        (programme.malmo_bogota, Component.STYRGRUPP, 2020, 2022, True),
        (programme.stockholm_wuhan, Component.BREDDNING, 2005, 2005, False),
        (programme.region_kisumu, Component.FORBEREDELSE, 2023, 2024, True),
    ]:
        ComponentHistoryFactory(
            partnership=partnership,
            component=component,
            start_year=start,
            end_year=end,
            granted=granted,
        )
    return programme


def bulk_partnerships(
    count: int,
    *,
    swedish_organisation: SwedishOrganisation | None = None,
    partner_organisation: PartnerOrganisation | None = None,
    status: str = PartnershipStatus.ACTIVE,
    components: int = 2,
) -> list[Partnership]:
    """`count` partnerships with every relation a page shows (a category, components, a
    further organisation on each side), written with bulk inserts in a few queries."""
    swedish = swedish_organisation or organisation("1480")
    abroad = partner_organisation or partner("Kisumu County Government", "KE", "Kisumu")
    further_swedish = organisation("1280")
    further_partner = partner("Gulu City Council", "UG", "Gulu")
    category = SubjectCategory.objects.get(slug="gender-equality")
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            swedish_organisation=swedish,
            partner_organisation=abroad,
            start_year=2000 + n % 25,
            end_year=None if status == PartnershipStatus.ACTIVE else 2025,
            status=status,
            description=f"Partnership number {n}",
        )
        for n in range(count)
    )
    Partnership.categories.through.objects.bulk_create(
        Partnership.categories.through(partnership=p, subjectcategory=category)
        for p in partnerships
    )
    Partnership.additional_swedish_organisations.through.objects.bulk_create(
        Partnership.additional_swedish_organisations.through(
            partnership=p, swedishorganisation=further_swedish
        )
        for p in partnerships
    )
    Partnership.additional_partner_organisations.through.objects.bulk_create(
        Partnership.additional_partner_organisations.through(
            partnership=p, partnerorganisation=further_partner
        )
        for p in partnerships
    )
    ComponentHistory.objects.bulk_create(
        ComponentHistory(
            partnership=p,
            component=Component.PROJEKT,
            start_year=p.start_year,
            end_year=p.start_year + 1,
            granted=bool(i % 2),
        )
        for p in partnerships
        for i in range(components)
    )
    # The data version moves when the import commits; the test's transaction never does.
    with TestCase.captureOnCommitCallbacks(execute=True):
        refresh_search_text(Partnership.objects.filter(pk__in=[p.pk for p in partnerships]))
    return partnerships
