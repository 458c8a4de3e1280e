"""factory_boy factories for the portal's models. Reference rows come from the real data."""

import itertools

import factory
from factory.django import DjangoModelFactory

from core.models import User
from partnerships.models import (
    Component,
    ComponentHistory,
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
    # 9000-9999 are free of real codes; a test never makes a thousand.
    code = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")


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


def make_coordinator(organisation=None, **user_fields):
    """A user with an approved coordinator membership of `organisation`."""
    from partnerships.models import MembershipStatus

    membership = MembershipFactory(
        organisation=organisation or MunicipalityFactory(),
        status=MembershipStatus.APPROVED,
        **{f"user__{k}": v for k, v in user_fields.items()},
    )
    return membership.user


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = "applications.Application"

    organisation = factory.SubFactory(MunicipalityFactory)
    component = "forberedelse"
    created_by = factory.SubFactory(UserFactory)
    new_partner_name = "Kisumu County Government"
    new_partner_country = factory.SubFactory(CountryFactory)
    new_partner_type = "municipality"
    title = "Unga röster i Kisumu"


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = "applications.Participant"

    application = factory.SubFactory(ApplicationFactory)
    party = "swedish"
    name = factory.Sequence(lambda n: f"Deltagare {n}")
    organisation = "Testköpings kommun"
    position = "Handläggare"
    category = "official"
    gender = "woman"
    motivation = "Leder kommunens arbete med ungas inflytande."
    code_of_conduct = True


class ComponentHistoryFactory(DjangoModelFactory):
    class Meta:
        model = ComponentHistory

    partnership = factory.SubFactory(PartnershipFactory)
    component = Component.PROJEKT
    start_year = 2022
    end_year = 2024
    granted = True


class ContributorFactory(DjangoModelFactory):
    class Meta:
        model = "applications.Contributor"

    application = factory.SubFactory(ApplicationFactory)
    user = factory.SubFactory(UserFactory)
    role = "reader"


def case_with_people(**application_fields):
    """A case and everyone who might knock on its door, by persona name.

    outsider: a coordinator of another organisation; pending_colleague: a member of the case's
    organisation not yet approved; reader and editor: invited contributors; creator: the pending
    member who drafted the case; coordinator: an approved coordinator of the organisation.
    """
    from partnerships.models import MembershipStatus

    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    creator = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING).user
    application = ApplicationFactory(
        organisation=organisation, created_by=creator, **application_fields
    )
    return application, {
        "outsider": make_coordinator(),
        "pending_colleague": MembershipFactory(organisation=organisation).user,
        "reader": ContributorFactory(application=application, role="reader").user,
        "editor": ContributorFactory(application=application, role="editor").user,
        "creator": creator,
        "coordinator": coordinator,
    }


def pdf_bytes(text: str = "Beslut") -> bytes:
    """A tiny but well-formed one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 50] /Contents 4 0 R >>",
    ]
    stream = f"BT /F1 12 Tf 10 20 Td ({text}) Tj ET".encode()
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _zip(entries: list[tuple[str, str]], stored_first: bool = False) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, text) in enumerate(entries):
            compression = zipfile.ZIP_STORED if stored_first and index == 0 else None
            archive.writestr(name, text, compress_type=compression)
    return buffer.getvalue()


_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{target}"/></Relationships>'
)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{type}"/>{extra}</Types>'
)


def docx_bytes() -> bytes:
    """A minimal Word document: the three parts Word needs to open it."""
    return _zip(
        [
            (
                "[Content_Types].xml",
                _CONTENT_TYPES.format(
                    part="word/document.xml",
                    type="application/vnd.openxmlformats-officedocument.wordprocessingml."
                    "document.main+xml",
                    extra="",
                ),
            ),
            ("_rels/.rels", _RELS.format(target="word/document.xml")),
            (
                "word/document.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>Beslut</w:t></w:r></w:p></w:body></w:document>',
            ),
        ]
    )


def xlsx_bytes() -> bytes:
    """A minimal Excel workbook with one sheet."""
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return _zip(
        [
            (
                "[Content_Types].xml",
                _CONTENT_TYPES.format(
                    part="xl/workbook.xml",
                    type="application/vnd.openxmlformats-officedocument.spreadsheetml."
                    "sheet.main+xml",
                    extra=f'<Override PartName="/xl/worksheets/sheet1.xml" '
                    f'ContentType="{sheet_type}"/>',
                ),
            ),
            ("_rels/.rels", _RELS.format(target="xl/workbook.xml")),
            (
                "xl/workbook.xml",
                f'<workbook xmlns="{main}" xmlns:r="{relationships}"><sheets>'
                '<sheet name="Budget" sheetId="1" r:id="rId1"/></sheets></workbook>',
            ),
            (
                "xl/_rels/workbook.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'relationships"><Relationship Id="rId1" Type="{relationships}/worksheet" '
                'Target="worksheets/sheet1.xml"/></Relationships>',
            ),
            (
                "xl/worksheets/sheet1.xml",
                f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                "<is><t>Resor</t></is></c></row></sheetData></worksheet>",
            ),
        ]
    )


def odt_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    """A minimal OpenDocument text: `mimetype` first and stored, then manifest and content."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    return _zip(
        [
            ("mimetype", mimetype),
            (
                "META-INF/manifest.xml",
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                f'manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>',
            ),
            (
                "content.xml",
                f'<office:document-content xmlns:office="{office}" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                'office:version="1.2"><office:body><office:text><text:p>Beslut</text:p>'
                "</office:text></office:body></office:document-content>",
            ),
        ],
        stored_first=True,
    )


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = "applications.Attachment"

    application = factory.SubFactory(ApplicationFactory)
    file = factory.django.FileField(data=pdf_bytes(), filename="ignored.pdf")
    original_name = "Kommunstyrelsens beslut.pdf"
    content_type = "application/pdf"
    size = len(pdf_bytes())
    uploaded_by = factory.SubFactory(UserFactory)


# --- networks ---------------------------------------------------------------------------------


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = "networks.Network"
        skip_postgeneration_save = True

    name_sv = factory.Sequence(lambda n: f"Nätverk för jämställdhet {n}")
    name_en = factory.Sequence(lambda n: f"Gender equality network {n}")
    theme = factory.LazyFunction(lambda: SubjectCategoryFactory(slug="gender-equality"))
    cluster = "east_africa"
    description_sv = "Kommuner som arbetar med jämställdhet tillsammans."
    description_en = "Municipalities working together on gender equality."
    coordinator_name = "Karin Projektsson"
    coordinator_role = "Projektsamordnare, ICLD"
    adviser_name = "Lars Forskare"
    adviser_role = "Docent i statsvetenskap"

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create and extracted:
            self.partnerships.set(extracted)


class InterestRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = "networks.InterestRegistration"
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(MunicipalityFactory)
    contact_name = "Eva Samordnare"
    contact_email = factory.Sequence(lambda n: f"eva{n}@kommun.example.se")
    wants_to_develop = "Fler kvinnor i beslutande positioner."
    political_support_sought = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [self.network.theme])

    @factory.post_generation
    def preferred_countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.preferred_countries.set(extracted)


class PartnerInterestFactory(DjangoModelFactory):
    class Meta:
        model = "networks.PartnerInterest"

    seeking = factory.SubFactory(PartnerSeekingFactory, published=True)
    organisation = factory.SubFactory(MunicipalityFactory)
    user = factory.SubFactory(UserFactory)
    message = "Vi arbetar också med ungas delaktighet."


def make_staff(**fields):
    """An ICLD administrator (or, with is_superuser=False, a plain staff account) with an
    authenticator app set up, as /admin/ requires."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(**{"is_staff": True, "is_superuser": True} | fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def forberedelse_with_plan(**fields):
    """`valid_forberedelse` with a visit, a budget line and an attachment: everything a receipt
    snapshots."""
    from applications.models import BudgetLine, Visit

    application = valid_forberedelse(**fields)
    Visit.objects.create(
        application=application,
        host="partner",
        months="mars 2027",
        participants=4,
        days=4,
        learning_goals="Medborgarbudget i praktiken.",
        methods=["study_visit"],
    )
    BudgetLine.objects.create(
        application=application,
        category="travel",
        description="Flyg",
        explanation="Fyra resor Stockholm–Nairobi.",
        amount_sek=42000,
    )
    AttachmentFactory(application=application, original_name="Kommunstyrelsens beslut.pdf")
    return application


def application_of(coordinator, **fields):
    """A draft (or, with `status`, a case) of the organisation `coordinator` coordinates,
    created by them."""
    return ApplicationFactory(
        organisation=coordinator.memberships.get().organisation, created_by=coordinator, **fields
    )


def in_review_case(case_number: str):
    """A submitted case in review with a team of three, its coordinator its submitter."""
    from applications.models import ApplicationStatus

    coordinator = make_coordinator()
    application = application_of(
        coordinator,
        submitted_by=coordinator,
        status=ApplicationStatus.IN_REVIEW,
        case_number=case_number,
    )
    ParticipantFactory.create_batch(3, application=application)
    return application


def make_officer(*groups: str, **fields):
    """A case officer as they work (ICLD-handläggare): staff in the case officers' group and in
    `groups` (by name), no superuser, with a second factor set up."""
    from django.contrib.auth.models import Group

    from core.staff import STAFF_GROUP, ensure_staff_group

    user = make_staff(is_superuser=False, **fields)
    ensure_staff_group()
    user.groups.add(*(Group.objects.get(name=name) for name in (STAFF_GROUP, *groups)))
    return user


def as_staff(user):
    """`user` as a request with a second-factor session sees them (core.mfa)."""
    user.second_factor = True
    return user


def submitted_case(**application_fields):
    """`case_with_people`, submitted by its coordinator."""
    application, people = case_with_people(**application_fields)
    application.submitted_by = people["coordinator"]
    application.save(update_fields=["submitted_by"])
    return application, people


def valid_forberedelse(**fields):
    """A Förberedelse of an approved coordinator that meets every rule and can be submitted."""
    import datetime

    from partnerships.models import Country, SwedishOrganisation

    organisation = SwedishOrganisation.objects.get(code="0180")
    coordinator = make_coordinator(organisation)
    start = datetime.date.today() + datetime.timedelta(days=30)
    application = ApplicationFactory(
        organisation=organisation,
        created_by=coordinator,
        new_partner_country=Country.objects.get(code="KE"),
        purpose="Stärka ungas inflytande i lokala beslut.",
        period_start=start,
        period_end=start + datetime.timedelta(days=365),
        **{
            name: "Gemensamt planerat."
            for name in (
                "context_swedish",
                "context_partner",
                "shared_challenges",
                "target_group_involvement",
                "exchange_swedish",
                "exchange_partner",
            )
        },
        **fields,
    )
    for party in ("swedish", "partner"):
        for category, side, coordinates, gender in [
            ("politician", "majority", False, "woman"),
            ("politician", "opposition", False, "man"),
            ("official", "", True, "woman"),
        ]:
            ParticipantFactory(
                application=application,
                party=party,
                category=category,
                political_side=side,
                is_coordinator=coordinates,
                gender=gender,
            )
    return application


# --- participant changes ----------------------------------------------------------------------


def forberedelse_team(application) -> None:
    """A Förberedelse team for both parties that meets every team rule: per party a majority
    and an opposition politician and an official who coordinates."""
    for party in ("swedish", "partner"):
        for category, side, coordinates, gender in [
            ("politician", "majority", False, "woman"),
            ("politician", "opposition", False, "man"),
            ("official", "", True, "woman"),
        ]:
            ParticipantFactory(
                application=application,
                party=party,
                category=category,
                political_side=side,
                is_coordinator=coordinates,
                gender=gender,
            )


_CASE_NUMBERS = itertools.count(8000)


def granted_case_with_people(**application_fields):
    """`case_with_people` for a Förberedelse ICLD has granted: a valid team, approved, and
    version 1 of its participant form."""
    from django.utils import timezone

    from applications.participant_forms import create_participant_form_version

    application, people = case_with_people(
        status="approved",
        case_number=application_fields.pop("case_number", f"KP-2026-{next(_CASE_NUMBERS)}"),
        **application_fields,
    )
    application.submitted_by = people["coordinator"]
    application.save(update_fields=["submitted_by"])
    forberedelse_team(application)
    application.participants.update(approved_at=timezone.now())
    create_participant_form_version(application=application)
    return application, people


class ParticipantChangeFactory(DjangoModelFactory):
    """A pending change that replaces no one: an extra civil-society member of the Swedish team."""

    class Meta:
        model = "applications.ParticipantChange"

    application = factory.SubFactory(ApplicationFactory, status="approved")
    reason = "Ny representant för civilsamhället."
    party = "swedish"
    name = factory.Sequence(lambda n: f"Ny deltagare {n}")
    organisation = "Ungdomsföreningen"
    position = "Ordförande"
    category = "civil_society"
    gender = "man"
    motivation = "Leder en ungdomsförening med 300 medlemmar."
    code_of_conduct = True
    proposed_by = factory.SubFactory(UserFactory)
