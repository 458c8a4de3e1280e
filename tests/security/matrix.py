"""The route matrix's world and vocabulary: everyone who knocks on the portal's doors, real
objects behind every URL parameter, and what a response means (ok, login, 403, 404, 405, mfa).

tests/security/test_route_matrix.py holds the table; tests/e2e/test_axe_matrix.py opens every
HTML page the table lets a persona reach and runs axe on it. Both build this world.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .routes import Route, all_routes

# Who knocks, in the order the table's columns are read.
PERSONAS = [
    "anonymous",
    "outsider",  # an approved coordinator of another organisation
    "pending",  # asked to join the case's organisation; not approved
    "reader",  # invited onto the cases to read
    "editor",  # invited onto the cases to edit
    "coordinator",  # an approved coordinator of the cases' organisation
    "staff_without_second_factor",  # a superuser whose session never passed TOTP
    "officer",  # a case officer: staff in ICLD-handläggare, with TOTP, not a superuser
    "superuser",  # ICLD's administrator, with TOTP
]


@dataclass
class World:
    """Everyone of PERSONAS and, per kind of object, a value for each URL parameter."""

    people: dict[str, object]
    values: dict[str, dict[str, object]]  # world name ("draft", "grant", …) -> param -> value
    admin_objects: dict[str, object] = field(default_factory=dict)  # "app.model" -> pk

    def values_for(self, route: Route, on: str) -> dict[str, object]:
        values = dict(self.values[on])
        if on == "admin" and "object_id" in route.params:
            label = admin_model_of(route)
            if label in self.admin_objects:
                values["object_id"] = self.admin_objects[label]
        return values


def admin_model_of(route: Route) -> str | None:
    """ "app_label.model" of an admin route, from its pattern (admin/<app>/<model>/…)."""
    parts = route.pattern.split("/")
    if len(parts) >= 3 and parts[0] == "admin":
        label = f"{parts[1]}.{parts[2]}"
        if label in registered_models():
            return label
    return None


def registered_models() -> dict[str, object]:
    return {
        f"{model._meta.app_label}.{model._meta.model_name}": model_admin
        for model, model_admin in admin.site._registry.items()
    }


def build_world() -> World:
    """A draft case and a granted one (decided, agreement drafted, a report with its PDF and an
    attachment) of one organisation, with the same people on both, and an object for every
    other kind of URL (a network, a partner-seeking listing, news, a guideline, an export)."""
    from agreements.models import Agreement, AgreementStatus
    from applications import invitations
    from applications import workflow as application_workflow
    from applications.models import (
        ApplicationRound,
        ApplicationStatus,
        BudgetLine,
        Contributor,
        ParticipantFormVersion,
        SubmissionReceipt,
    )
    from casework.models import Message, MessageAttachment
    from core.staff import STAFF_GROUP, ensure_staff_group
    from decisions import services as decision_services
    from decisions import workflow as decision_workflow
    from decisions.models import Outcome
    from exports.models import ExportJob
    from pages.models import Guideline, NewsItem
    from partnerships.services import set_signatory
    from reporting.models import ReportAttachment
    from tests.factories import (
        ApplicationFactory,
        AttachmentFactory,
        ContributorFactory,
        InterestRegistrationFactory,
        NetworkFactory,
        ParticipantChangeFactory,
        ParticipantFactory,
        PartnerSeekingFactory,
        PartnershipFactory,
        UserFactory,
        case_with_people,
        make_staff,
        pdf_bytes,
    )

    draft, people = case_with_people()
    people["pending"] = people.pop("pending_colleague")
    people.pop("creator")
    coordinator = people["coordinator"]
    organisation = draft.organisation
    ensure_staff_group()
    people["officer"] = make_staff(is_superuser=False)
    people["officer"].groups.add(Group.objects.get(name=STAFF_GROUP))
    people["superuser"] = make_staff()
    people["staff_without_second_factor"] = UserFactory(is_staff=True, is_superuser=True)

    # The draft: an attachment, invitations, a participant form, a proposed change, a thread.
    to_revoke, _ = invitations.invite_contributor(
        application=draft, email="revoke-me@kommun.example", role="reader", by=coordinator
    )
    _, token = invitations.invite_contributor(
        application=draft, email="accept-me@kommun.example", role="reader", by=coordinator
    )
    # The outsider, signed in with another address, asked to join on that link.
    address_request = application_workflow.ask_to_join(token=token, user=people["outsider"])
    attachment = AttachmentFactory(application=draft, uploaded_by=coordinator)
    form = ParticipantFormVersion.objects.create(
        application=draft,
        version=1,
        language="sv",
        file=ContentFile(pdf_bytes("Deltagarformular"), name="v1.pdf"),
    )
    change = ParticipantChangeFactory(application=draft, proposed_by=coordinator)
    partnership = PartnershipFactory(swedish_organisation=organisation)
    message = Message.objects.create(application=draft, author=coordinator, body="Hej")
    message_attachment = MessageAttachment.objects.create(
        message=message,
        file=ContentFile(pdf_bytes("Bilaga"), name="b.pdf"),
        original_name="b.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=coordinator,
    )

    # The granted case: the officer proposes, the superuser decides; the agreement is drafted.
    grant = ApplicationFactory(
        organisation=organisation,
        created_by=coordinator,
        submitted_by=coordinator,
        status=ApplicationStatus.IN_REVIEW,
        case_number="KP-2026-0901",
        period_start=datetime.date(2024, 7, 1),
        period_end=datetime.date(2026, 6, 30),
    )
    for persona in ("reader", "editor"):
        role = Contributor.objects.get(application=draft, user=people[persona]).role
        ContributorFactory(application=grant, user=people[persona], role=role)
    team = ParticipantFactory.create_batch(3, application=grant, approved_at=timezone.now())
    receipt = SubmissionReceipt.objects.create(
        application=grant,
        number=1,
        submitted_at=timezone.now(),
        submitted_by=coordinator,
        language="sv",
    )
    receipt.file.save("kvitto.pdf", ContentFile(pdf_bytes("Kvitto")), save=True)
    BudgetLine.objects.create(
        application=grant, category="travel", description="Resor", amount_sek=40_000
    )
    decision = decision_services.propose(
        application=grant, by=people["officer"], outcome=Outcome.GRANTED
    )
    decision_workflow.decide(decision=decision, by=people["superuser"])
    grant.refresh_from_db()
    decision.refresh_from_db()
    decision.letter.save("brev.pdf", ContentFile(pdf_bytes("Beslut")), save=True)
    # Version 1 in force (an amendment can be asked for), version 2 waiting for the signature
    # of the coordinator, the organisation's signatory.
    agreement = grant.agreements.get()
    agreement.document.save("avtal.pdf", ContentFile(pdf_bytes("Avtal")), save=True)
    Agreement.objects.filter(pk=agreement.pk).update(status=AgreementStatus.IN_FORCE)
    agreement.pk, agreement.version = None, 2
    agreement.save()
    # A case under review, in a round: staff screen it, propose its decision, return or
    # decline it, and see it on the round's board.
    round_ = ApplicationRound.objects.create(
        name="2026-09",
        opens_on=datetime.date(2026, 7, 1),
        closes_on=datetime.date(2026, 9, 15),
        components=["projekt", "styrgrupp", "breddning", "spridning"],
    )
    review = ApplicationFactory(
        round=round_,
        organisation=organisation,
        created_by=coordinator,
        submitted_by=coordinator,
        status=ApplicationStatus.IN_REVIEW,
        case_number="KP-2026-0902",
    )
    # An agreement signed by the organisation waits for ICLD's countersignature in the admin
    # (one open agreement per case: this one is the case under review's, as test data).
    countersign = Agreement.objects.get(pk=agreement.pk)
    countersign.pk, countersign.application = None, review
    countersign.status = AgreementStatus.SIGNED_BY_ORGANISATION
    countersign.save()
    set_signatory(
        membership=coordinator.memberships.get(organisation=organisation),
        signatory=True,
        by=people["superuser"],
    )
    report = grant.reports.order_by("pk").first()  # made when the grant was decided
    report.participants.set(team)
    report.pdf.save("r.pdf", ContentFile(pdf_bytes("Rapport")), save=True)
    report_attachment = ReportAttachment(
        report=report,
        original_name="Protokoll.pdf",
        content_type="application/pdf",
        size=100,
        uploaded_by=coordinator,
    )
    report_attachment.file.save("p.pdf", ContentFile(pdf_bytes()), save=True)

    network = NetworkFactory()
    registration = InterestRegistrationFactory(network=network)
    registration.decision.save("beslut.pdf", ContentFile(pdf_bytes()), save=True)
    seeking = PartnerSeekingFactory(published=True)
    NewsItem.objects.create(
        slug="matrix",
        title_sv="Nyhet",
        summary_sv="Kort",
        body_sv="Text",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    guideline = Guideline.objects.create(slug="matrix", title_sv="Riktlinje", body_sv="Text")
    guideline.document.save("riktlinje.pdf", ContentFile(pdf_bytes("Riktlinje")), save=True)
    export = ExportJob.objects.create(
        kind="participants", status="done", requested_by=people["superuser"]
    )
    export.file.save("export.csv", ContentFile(b"a,b\n"), save=True)

    common = {
        "slug": "matrix",
        "content_type_id": ContentType.objects.get_for_model(type(draft)).pk,
        "object_id": draft.pk,
        "id": coordinator.pk,
        "app_label": "applications",
        "uidb36": "0",
        "key": "set-by-the-e-mail-link",
        "url": "no-such-admin-page/",
        "name": "start_review",
        "number": 1,
        "token": token,
        "decision": "approve",
    }
    case = common | {
        "contributor_pk": Contributor.objects.get(application=draft, user=people["reader"]).pk,
        "invitation_pk": to_revoke.pk,
        "change_pk": change.pk,
        "partnership_pk": partnership.pk,
        "request_pk": address_request.pk,
    }
    values = {
        "draft": case | {"pk": draft.pk, "attachment_pk": attachment.pk, "version": form.version},
        "thread": case | {"pk": draft.pk, "attachment_pk": message_attachment.pk},
        "grant": case | {"pk": grant.pk, "version": 1, "attachment_pk": 0},
        "report": common | {"pk": report.pk, "attachment_pk": report_attachment.pk},
        "network": common | {"pk": network.pk},
        "registration": common | {"pk": registration.pk},
        "seeking": common | {"pk": seeking.pk},
        "partnership": common | {"pk": partnership.pk},
        "organisation": common | {"pk": organisation.pk},
        "none": common | {"pk": 0},
    }
    values["admin"] = common | {"pk": grant.pk, "object_id": grant.pk}
    values["review"] = common | {"pk": review.pk, "object_id": review.pk}
    values["round"] = common | {"pk": round_.pk}
    values["decision"] = common | {"object_id": decision.pk}
    values["countersign"] = common | {"object_id": countersign.pk}
    # The admin's change pages: an existing object of each registered model.
    objects = {}
    for model in admin.site._registry:
        pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            objects[f"{model._meta.app_label}.{model._meta.model_name}"] = pk
    objects["applications.application"] = grant.pk
    objects["exports.exportjob"] = export.pk
    objects["core.user"] = coordinator.pk
    return World(people=people, values=values, admin_objects=objects)


def classify(response) -> str:
    """What a response means to the table."""
    status = response.status_code
    location = response.get("Location", "")
    if status in (400, 401, 403, 404, 405, 413, 429):
        return str(status)
    target = urlsplit(location).path
    if status == 302 and target in (reverse("account_login"), reverse("admin:login")):
        return "login"
    if status == 302 and target in (reverse("mfa_reauthenticate"), reverse("mfa_activate_totp")):
        return "mfa"
    on_site = url_has_allowed_host_and_scheme(location, {"testserver"}) and urlsplit(
        location
    ).netloc in ("", "testserver")
    if 200 <= status < 300 or (300 <= status < 400 and on_site):
        return "ok"
    return f"{status} {location}"


def routes_by_name() -> dict[str, list[Route]]:
    found: dict[str, list[Route]] = {}
    for route in all_routes():
        found.setdefault(route.name or route.pattern, []).append(route)
    return found


# --- an app's own access table (assessments_staff, decisions_staff) ------------------------------


def urls_without_rule(namespace: str, rules) -> set[str]:
    """The URLs of `namespace` that an app's table of `(name, method)` rules leaves out (and the
    rules that name no URL): empty when the table covers the app."""
    names = {r.name for r in all_routes() if r.namespace == namespace}
    return names ^ {f"{namespace}:{name}" for name, _method in rules}


def table_outcomes(client, namespace: str, rules, kwargs: dict) -> dict[tuple[str, str], str]:
    """What `client` gets on each `(name, method)` of the table (GET, or an empty POST), as
    `classify` says it."""
    routes = {r.name: r for r in all_routes() if r.namespace == namespace}
    got = {}
    for name, method in rules:
        path = routes[f"{namespace}:{name}"].path(kwargs)
        response = client.post(path, {}) if method == "POST" else client.get(path)
        got[(name, method)] = classify(response)
    return got


def table_expects(persona: str, allowed, *, ok: str = "ok") -> str:
    """The outcome a table's rule (`allowed`: the personas let in, or an outcome for everyone)
    gives `persona`: /admin/ asks for the second factor before anything else, the anonymous
    are sent to log in, everyone else not let in gets a 404."""
    if persona == "staff_without_second_factor":
        return "mfa"
    if persona == "anonymous":
        return "login"
    if isinstance(allowed, str):
        return allowed
    return ok if persona in allowed else "404"
