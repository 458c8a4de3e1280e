"""factory_boy factories for the portal's models. Reference rows come from the real data."""

import factory
from factory.django import DjangoModelFactory

from core.models import User
from partnerships.models import (
    Country,
    County,
    Membership,
    PartnerOrganisation,
    PartnerOrganisationType,
    PartnerSeeking,
    Partnership,
    SubjectCategory,
    SwedishOrganisation,
    SwedishOrganisationType,
)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Andersson{n}")
    password = factory.django.Password("correct horse battery staple")


class CountyFactory(DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ["code"]

    code = "01"
    name = "Stockholms län"


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "KE"
    name_sv = "Kenya"
    name_en = "Kenya"
    cluster = "east_africa"
    status = "cluster"


class SwedishOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = SwedishOrganisation

    name = factory.Sequence(lambda n: f"Förbund {n}")
    type = SwedishOrganisationType.MUNICIPAL_FEDERATION
    county = factory.SubFactory(CountyFactory)


class MunicipalityFactory(SwedishOrganisationFactory):
    name = factory.Sequence(lambda n: f"Testköpings kommun {n}")
    type = SwedishOrganisationType.MUNICIPALITY
    code = factory.Sequence(lambda n: f"{9000 + n:04d}")


class PartnerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Kisumu County {n}")
    country = factory.SubFactory(CountryFactory)
    type = PartnerOrganisationType.MUNICIPALITY
    city = "Kisumu"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    swedish_organisation = factory.SubFactory(MunicipalityFactory)
    partner_organisation = factory.SubFactory(PartnerOrganisationFactory)
    start_year = 2022

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class SubjectCategoryFactory(DjangoModelFactory):
    class Meta:
        model = SubjectCategory
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_sv = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(MunicipalityFactory)


class PartnerSeekingFactory(DjangoModelFactory):
    class Meta:
        model = PartnerSeeking

    organisation_name = factory.Sequence(lambda n: f"Gulu City Council {n}")
    organisation_type = PartnerOrganisationType.MUNICIPALITY
    country = factory.SubFactory(CountryFactory)
    description = "Seeks a Swedish partner for youth participation."
    contact_email = "contact@gulu.example"
