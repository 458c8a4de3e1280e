"""After "approved", in the browser, with a real worker: a coordinator builds the budget from two
visits, one with an interpreter; staff grant less than was asked with a
condition (the officer proposes, another decision-maker decides); the decision letter arrives in
the case's thread; the organisation's authorised signatory signs the agreement and ICLD
countersigns; the sealed PDF validates with pyHanko; the advance is approved and is in the SIE 4
export; the final report is approved and the final payment follows. A coordinator who is not
the signatory cannot sign; an outsider sees nothing. Every figure is recomputed from the
database: the letter's, the agreement's and the export's totals."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db.models import Sum
from django.utils import timezone

from agreements.models import Agreement, AgreementStatus
from applications.models import BudgetLine
from applications.workflow import submit_application
from core.staff import STAFF_GROUP, ensure_staff_group
from costnorms.examples import load_example_norms
from decisions.models import Decision
from exports.models import ExportJob, ExportStatus
from partnerships.services import set_signatory
from payments.models import Payment, PaymentStatus, Trigger
from reporting.models import Report, ReportCost, ReportKind, ReportStatus
from tests.accessibility import assert_accessible
from tests.agreements.helpers import seal_status
from tests.browser_login import PASSWORD, SECRET, log_in
from tests.factories import UserFactory, make_coordinator, make_staff, valid_forberedelse
from tests.screening import screen_admissible_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

DECIDERS = "ICLD-beslutsfattare"
# ICLD grants less than the budget asks for: travel lowered by this much.
LOWER_TRAVEL_BY = 5_000
CONDITION = "Tolken ska vara en professionell tolk."


@pytest.fixture
def shared_files(settings, tmp_path, monkeypatch):
    """One media folder and one throwaway seal for the live server, the worker and the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    settings.AGREEMENT_SEAL_CERT = settings.AGREEMENT_SEAL_KEY = ""
    settings.AGREEMENT_SEAL_SELF_SIGNED = True
    settings.AGREEMENT_SEAL_DIR = str(tmp_path / "seal")
    for name in ("AGREEMENT_SEAL_CERT", "AGREEMENT_SEAL_KEY"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("AGREEMENT_SEAL_SELF_SIGNED", "true")
    monkeypatch.setenv("AGREEMENT_SEAL_DIR", settings.AGREEMENT_SEAL_DIR)


@pytest.fixture(autouse=True)
def totp_tolerance(settings):
    """A code is also accepted in the window after it was computed: the live server may check
    it a few seconds later than the browser typed it, and that is not what this test is about."""
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def worker(shared_files, celery_worker):
    return celery_worker


def staff_member(email: str, *groups: str):
    user = UserFactory(email=email, username=email, is_staff=True)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    TOTP.activate(user, SECRET)
    ensure_staff_group()
    user.groups.add(*Group.objects.filter(name__in=[STAFF_GROUP, *groups]))
    return user


def verified(user):
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(15_000)
    return context.new_page()


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def kronor(amount: int) -> str:
    """As the pages and PDFs write an amount: 85 000 (a space or a no-break space apart)."""
    return f"{amount:,}".replace(",", " ")


def normalised(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def row(text: str, label: str) -> list[int]:
    """The amounts on the line of a PDF's table that starts with `label` (pdftotext -layout)."""
    for line in normalised(text).splitlines():
        if line.strip().startswith(label):
            rest = line.strip()[len(label) :]
            return [int(n.replace(" ", "")) for n in re.findall(r"\d{1,3}(?: \d{3})+|\d+", rest)]
    raise AssertionError(f"no line {label!r} in:\n{text}")


def fill_visit(page, index: int, *, host: str, participants: str, days: str) -> None:
    field = f"#id_visits-{index}-"
    page.select_option(field + "host", host)
    page.fill(field + "months", "Mars 2027")
    page.fill(field + "participants", participants)
    page.fill(field + "days", days)
    page.fill(field + "learning_goals", "Hur unga tas med i budgetarbetet.")


def press(page, name: str) -> None:
    """Click the form's button and wait for the page the POST leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def shot(page, tmp_path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)


def test_a_grant_from_decision_to_final_payment(
    worker, page, browser, live_server, reference_data, tmp_path
):
    load_example_norms()
    application = valid_forberedelse(case_number="KP-2026-0420", language="sv")
    organisation = application.organisation
    signatory = verified(application.created_by)
    set_signatory(
        membership=signatory.memberships.get(organisation=organisation),
        signatory=True,
        by=make_staff(),
    )
    colleague = verified(make_coordinator(organisation))  # a coordinator, not the signatory
    outsider = verified(make_coordinator())
    officer = staff_member("handlaggare@icld.se")
    decider = staff_member("beslutsfattare@icld.se", DECIDERS)

    # The coordinator plans two visits, the second with an interpreter: the budget follows.
    coordinator = new_page(browser, live_server)
    log_in(coordinator, signatory.email)
    coordinator.goto(f"/arenden/{application.pk}/steg/visits/")
    fill_visit(coordinator, 0, host="swedish", participants="4", days="4")
    coordinator.get_by_role("button", name="Lägg till ett besök").click()
    fill_visit(coordinator, 1, host="partner", participants="4", days="5")
    coordinator.check("#id_visits-1-interpreter")
    with coordinator.expect_navigation():  # the page checks the session first
        coordinator.get_by_role("button", name="Spara och fortsätt").click()
    assert "/steg/budget/" in coordinator.url
    assert coordinator.locator("#visit-costs table").count() == 2
    assert coordinator.locator("#visit-costs").get_by_text("Tolk", exact=True).is_visible()
    assert_accessible(coordinator)
    shot(coordinator, tmp_path, "00-budget")
    requested = dict(
        BudgetLine.objects.filter(application=application)
        .values("category")
        .annotate(total=Sum("amount_sek"))
        .values_list("category", "total")
    )
    assert requested["interpretation"] > 0 and requested["travel"] > LOWER_TRAVEL_BY
    granted_by_category = requested | {"travel": requested["travel"] - LOWER_TRAVEL_BY}
    grant_total = sum(granted_by_category.values())
    advance_sek = grant_total * 80 // 100  # PAYMENT_ADVANCE_PERCENT
    submit_application(application=application, by=signatory)

    # The officer screens it admissible (which starts the review) and proposes a lower grant
    # with a condition.
    log_in(page, officer.email, totp=True)
    screen_admissible_in_browser(page, application)
    page.goto(f"/admin/applications/application/{application.pk}/change/")
    page.get_by_role("link", name="Föreslå ett beslut").click()
    page.get_by_label("Beviljad").check()
    page.fill("#id_granted_travel", str(granted_by_category["travel"]))
    page.fill("#id_conditions", CONDITION)
    assert_accessible(page)
    shot(page, tmp_path, "01-propose")
    press(page, "Föreslå")
    decision = Decision.objects.get()

    # Four eyes: another decision-maker decides.
    deciding = new_page(browser, live_server)
    log_in(deciding, decider.email, totp=True)
    deciding.goto(f"/admin/decisions/decision/{decision.pk}/change/")
    deciding.get_by_role("link", name="Besluta").click()
    press(deciding, "Besluta")
    worker.wait_for(
        lambda: Decision.objects.get().letter_sent_at is not None,
        timeout=90,
        what="the decision letter",
    )
    worker.wait_for(
        lambda: bool(Agreement.objects.get().document), timeout=60, what="the agreement"
    )

    # The letter arrives in the case's thread; the case page shows the decision and the plan.
    coordinator.goto(f"/arenden/{application.pk}/")
    decided = coordinator.locator("#decision").inner_text()
    assert CONDITION in decided and kronor(grant_total) in normalised(decided)
    assert coordinator.locator("[data-instalment='1']").get_attribute("data-payment") == "planned"
    assert_accessible(coordinator)
    shot(coordinator, tmp_path, "02-case-decided")
    coordinator.locator(f"a[href='/arenden/{application.pk}/meddelanden/']").click()
    letter_link = coordinator.locator("a[href*='/meddelanden/filer/']")
    assert letter_link.count() == 1
    assert_accessible(coordinator)
    shot(coordinator, tmp_path, "03-letter-in-thread")
    with coordinator.expect_download() as download:
        letter_link.click()
    download.value.save_as(tmp_path / "letter.pdf")
    coordinator.goto(f"/arenden/{application.pk}/")

    # The colleague who is not the signatory may not sign; the outsider sees nothing.
    colleague_page = new_page(browser, live_server)
    log_in(colleague_page, colleague.email)
    assert colleague_page.goto(f"/arenden/{application.pk}/avtal/underteckna/").status == 403
    outsider_page = new_page(browser, live_server)
    log_in(outsider_page, outsider.email)
    for path in ("", "avtal/", "avtal/underteckna/", "avtal/1/pdf/"):
        assert outsider_page.goto(f"/arenden/{application.pk}/{path}").status == 404, path

    # The signatory signs: the password again, then the box ticked.
    coordinator.get_by_role("link", name="Läs och underteckna avtalet").click()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Underteckna avtalet").click()
    coordinator.fill("#id_password", PASSWORD)
    coordinator.locator("#id_password").press("Enter")
    coordinator.wait_for_url("**/underteckna/")
    assert_accessible(coordinator)
    coordinator.get_by_label("Jag har läst avtalet").check()
    shot(coordinator, tmp_path, "04-sign")
    press(coordinator, "Underteckna")
    assert Agreement.objects.get().status == AgreementStatus.SIGNED_BY_ORGANISATION

    # It waits for ICLD in the work queue; ICLD countersigns; the worker seals it and puts it
    # into force; the advance is requested.
    agreement = Agreement.objects.get()
    page.goto("/admin/casework/?officer=all")
    assert page.locator(f"a[href='/admin/agreements/agreement/{agreement.pk}/change/']").count()
    deciding.goto(f"/admin/agreements/agreement/{agreement.pk}/change/")
    deciding.get_by_role("link", name="Kontrasignera för ICLD").click()
    press(deciding, "Kontrasignera för ICLD")
    worker.wait_for(
        lambda: Agreement.objects.get().status == AgreementStatus.IN_FORCE,
        timeout=60,
        what="the seal",
    )
    agreement = Agreement.objects.get()
    with agreement.sealed.open("rb") as handle:
        sealed = handle.read()
    status = seal_status(sealed)
    assert status.intact and status.valid

    # The officer finds the advance in the work queue and approves it on its own page.
    advance = Payment.objects.get(instalment__trigger=Trigger.SIGNING)
    page.goto("/admin/casework/?officer=all")
    page.locator(f"a[href='/admin/payments/payment/{advance.pk}/change/']").click()
    page.wait_for_url(f"**/admin/payments/payment/{advance.pk}/change/")
    assert_accessible(page)
    shot(page, tmp_path, "05-payment")
    page.get_by_role("link", name="Godkänn utbetalningen").click()
    press(page, "Godkänn utbetalningen")
    assert Payment.objects.get(pk=advance.pk).status == PaymentStatus.APPROVED

    # The export to finance: a ZIP of CSV and SIE 4, the case number as reference.
    page.goto("/admin/exports/exportjob/add/?kind=payments")
    page.locator("#content-main input[type=submit]").click()
    job = ExportJob.objects.get()
    link = page.locator(f"a[href$='/admin/exports/exportjob/{job.pk}/download/']")
    link.wait_for(timeout=60_000)
    assert ExportJob.objects.get().status == ExportStatus.DONE
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "payments.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        sie = archive.read(next(n for n in names if n.endswith(".se"))).decode("cp437")
        rows = list(
            csv.reader(
                io.StringIO(
                    archive.read(next(n for n in names if n.endswith(".csv"))).decode("utf-8-sig")
                )
            )
        )

    # The final report is approved in the admin: the final payment follows.
    report = Report.objects.get(application=application, kind=ReportKind.FINAL)
    for line in application.budget_lines.all():
        ReportCost.objects.create(report=report, budget_line=line, actual_sek=line.amount_sek)
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=signatory
    )
    page.goto(f"/admin/reporting/report/{report.pk}/change/")
    page.get_by_role("link", name="Godkänn redovisningen").click()
    press(page, "Godkänn redovisningen")
    final = Payment.objects.get(instalment__trigger=Trigger.FINAL_REPORT)
    coordinator.goto(f"/arenden/{application.pk}/")
    assert coordinator.locator("[data-instalment='2']").get_attribute("data-payment") == "requested"
    assert_accessible(coordinator)
    shot(coordinator, tmp_path, "06-case-final")

    # Every document adds up to what the database holds.
    decision = Decision.objects.get()
    lines = list(decision.lines.all())
    granted = sum(line.granted_sek for line in lines)
    assert granted == grant_total < sum(requested.values())
    letter = pdf_text(tmp_path / "letter.pdf")  # the one that arrived in the thread
    for line in lines:
        assert row(letter, line.get_category_display()) == [line.requested_sek, line.granted_sek]
    assert row(letter, "Totalt") == [sum(line.requested_sek for line in lines), granted]
    assert CONDITION in letter
    (tmp_path / "signed.pdf").write_bytes(sealed)
    signed = pdf_text(tmp_path / "signed.pdf")
    for line in agreement.lines.all():
        assert row(signed, line.get_category_display()) == [line.amount_sek]
    assert row(signed, "Totalt") == [agreement.total_sek] == [granted]
    plan = list(decision.instalments.order_by("sequence"))
    assert [row(signed, i.get_trigger_display()) for i in plan] == [
        [advance_sek],
        [grant_total - advance_sek],
    ]
    assert sum(i.amount_sek for i in plan) == granted
    exported = list(Payment.objects.filter(export_job_id=job.pk))
    assert [p.pk for p in exported] == [advance.pk]
    assert f"#TRANS 4990 {{}} {advance.amount_sek}.00" in sie and '"KP-2026-0420' in sie
    assert f"#TRANS 1930 {{}} -{advance.amount_sek}.00" in sie
    assert [r[0] for r in rows[1:]] == ["KP-2026-0420"]
    assert sum(int(r[5]) for r in rows[1:]) == sum(p.amount_sek for p in exported) == advance_sek
    # The grant paid in all: the advance and the final payment, the actual costs being higher.
    assert advance.amount_sek + final.amount_sek == granted
