"""The route matrix: every URL pattern of the portal × every persona, GET and POST, with real
objects behind each parameter, answers exactly what the table below says.

One table, the access policy in one place. A new URL pattern fails
`test_every_url_pattern_has_a_row` until its row is written; a model registered in the admin
fails it until ADMIN_MODELS says what a case officer may do with it.

How to read a row: nine outcomes, one per persona, in the order of the COLUMNS line; each is
  ok     2xx, or a redirect within the site (a form's "saved, go on")
  login  302 to the login page (the portal's or the admin's)
  mfa    302 to the second factor (set it up, or type the code)
  403 / 404 / 405 / 400 / 401   that status
A 404, not a 403, for a case someone may not see: never a hint that it exists.

How to add a row: copy the row of a URL with the same access (or write the nine outcomes),
give it `on=` the world whose objects its parameters name ("draft", "grant", "report", …,
tests/security/matrix.py::build_world) and, if the parameter names need other values, `values=`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from applications.views.wizard import STEPS as CASE_STEPS
from reporting.views import STEPS as REPORT_STEPS

from .matrix import PERSONAS, admin_model_of, build_world, classify, registered_models
from .routes import Route, all_routes

pytestmark = pytest.mark.django_db


def m(outcomes: str) -> tuple[str, ...]:
    found = tuple(outcomes.split())
    assert len(found) == len(PERSONAS), f"{outcomes!r}: one outcome per persona"
    return found


# COLUMNS:       anonymous outsider pending reader editor coordinator no-2FA officer superuser
PUBLIC = m("      ok        ok       ok      ok     ok     ok          ok     ok      ok")
NO_METHOD = m("   405       405      405     405    405    405         405    405     405")
SIGNED_IN = m("   login     ok       ok      ok     ok     ok          ok     ok      ok")
SIGNED_405 = m("  login     405      405     405    405    405         405    405     405")
VIEWERS = m("     login     404      404     ok     ok     ok          404    ok      ok")
EDITORS = m("     login     404      404     404    ok     ok          404    404     404")
COORDINATOR = m(" login     404      404     404    404    ok          404    404     404")
# Staff pages under /admin/ that are not a model's: the statistics, the GDPR export.
STAFF_PAGE = m("  login     403      403     403    403    403         mfa    ok      ok")
STAFF_CASE = m("  login     404      404     404    404    404         mfa    ok      ok")
STAFF_405 = m("   405       405      405     405    405    405         mfa    405     405")
# A staff page of the admin with an object the walk's values do not name (no such transition,
# no such object): the admin's own 404, after the login and the second factor.
STAFF_404 = m("   login     login    login   login  login  login       mfa    404     404")
ADMIN_OK = m("    login     login    login   login  login  login       mfa    ok      ok")
ADMIN_405 = m("   login     login    login   login  login  login       mfa    405     405")


@dataclass(frozen=True)
class Rule:
    get: tuple[str, ...]
    post: tuple[str, ...]
    on: str = "draft"  # the world whose objects the parameters name (matrix.build_world)
    values: dict[str, object] = field(default_factory=dict)  # parameters set for this row


RULES: dict[str, Rule] = {
    # --- site-wide ----------------------------------------------------------------------------
    "healthz": Rule(PUBLIC, NO_METHOD),
    # The session timer's keep-alive: POST only; anonymous has no session to keep (401).
    "session_keepalive": Rule(NO_METHOD, m("401 ok ok ok ok ok ok ok ok")),
    "robots_txt": Rule(PUBLIC, NO_METHOD),
    "favicon": Rule(PUBLIC, NO_METHOD),
    # Django's sitemap view answers any method with the sitemap; it writes nothing.
    "sitemap": Rule(PUBLIC, PUBLIC),
    "rounds_ics": Rule(PUBLIC, NO_METHOD),
    "api:partnerships": Rule(PUBLIC, NO_METHOD),
    "api:partnerships_csv": Rule(PUBLIC, NO_METHOD),
    "api:openapi": Rule(PUBLIC, NO_METHOD),
    # --- public pages -------------------------------------------------------------------------
    "pages:home": Rule(PUBLIC, NO_METHOD),
    "pages:about": Rule(PUBLIC, NO_METHOD),
    "pages:who_can_apply": Rule(PUBLIC, NO_METHOD),
    "pages:how_to_apply": Rule(PUBLIC, NO_METHOD),
    "pages:news_list": Rule(PUBLIC, NO_METHOD),
    "pages:news_detail": Rule(PUBLIC, NO_METHOD),
    "pages:faq": Rule(PUBLIC, NO_METHOD),
    "pages:guidelines": Rule(PUBLIC, NO_METHOD),
    "pages:guideline_document": Rule(PUBLIC, NO_METHOD),
    "pages:contact": Rule(PUBLIC, NO_METHOD),
    "pages:accessibility": Rule(PUBLIC, NO_METHOD),
    "pages:privacy": Rule(PUBLIC, NO_METHOD),
    "pages:rules": Rule(PUBLIC, NO_METHOD),
    "partnerships:list": Rule(PUBLIC, NO_METHOD),
    "partnerships:by_country": Rule(PUBLIC, NO_METHOD),
    "partnerships:detail": Rule(PUBLIC, NO_METHOD, on="partnership"),
    "partnerships:organisation": Rule(PUBLIC, NO_METHOD, on="organisation"),
    "partnerships:map": Rule(PUBLIC, NO_METHOD),
    "partnerships:map_data": Rule(PUBLIC, NO_METHOD),
    "networks:list": Rule(PUBLIC, NO_METHOD),
    "networks:detail": Rule(PUBLIC, NO_METHOD, on="network"),
    # Anyone may register an interest (the empty POST shows the form's errors).
    "networks:register": Rule(PUBLIC, PUBLIC, on="network"),
    "networks:seeking_list": Rule(PUBLIC, NO_METHOD),
    "networks:seeking_detail": Rule(PUBLIC, NO_METHOD, on="seeking"),
    "networks:express_interest": Rule(SIGNED_405, SIGNED_IN, on="seeking"),
    "networks:declare": Rule(PUBLIC, PUBLIC),
    "applications:rounds": Rule(PUBLIC, NO_METHOD),
    # --- accounts (allauth) -------------------------------------------------------------------
    "account_login": Rule(PUBLIC, PUBLIC),
    "account_logout": Rule(PUBLIC, PUBLIC),  # walked last: it ends the session
    "account_inactive": Rule(PUBLIC, NO_METHOD),
    "account_signup": Rule(PUBLIC, PUBLIC),
    "account_reauthenticate": Rule(SIGNED_IN, SIGNED_IN),
    "account_request_reauthentication_code": Rule(SIGNED_IN, SIGNED_IN),
    "account_confirm_reauthentication_code": Rule(SIGNED_IN, SIGNED_IN),
    "account_email": Rule(SIGNED_IN, SIGNED_IN),
    "account_email_verification_sent": Rule(PUBLIC, NO_METHOD),
    "account_change_password": Rule(SIGNED_IN, SIGNED_IN),
    "account_set_password": Rule(SIGNED_IN, SIGNED_IN),
    "account_reset_password": Rule(PUBLIC, PUBLIC),
    "account_reset_password_done": Rule(PUBLIC, NO_METHOD),
    # A made-up key: the page says the link is not valid (GET and POST alike).
    "account_reset_password_from_key": Rule(PUBLIC, PUBLIC),
    "account_reset_password_from_key_done": Rule(PUBLIC, NO_METHOD),
    "account_confirm_login_code": Rule(SIGNED_IN, SIGNED_IN),
    "account_confirm_email": Rule(PUBLIC, m("404 404 404 404 404 404 404 404 404")),
    "mfa_index": Rule(SIGNED_IN, SIGNED_405),
    "mfa_authenticate": Rule(SIGNED_IN, SIGNED_IN),
    "mfa_reauthenticate": Rule(SIGNED_IN, SIGNED_IN),
    "mfa_activate_totp": Rule(SIGNED_IN, SIGNED_IN),
    # Only an account with an authenticator can turn it off (staff with TOTP here).
    "mfa_deactivate_totp": Rule(
        m("login 404 404 404 404 404 404 ok ok"), m("login 404 404 404 404 404 404 ok ok")
    ),
    # Nobody of the walk has recovery codes yet: nothing to show or download.
    "mfa_view_recovery_codes": Rule(m("login 404 404 404 404 404 404 404 404"), SIGNED_405),
    "mfa_generate_recovery_codes": Rule(SIGNED_IN, SIGNED_IN),
    "mfa_download_recovery_codes": Rule(
        m("login 404 404 404 404 404 404 404 404"), m("login 404 404 404 404 404 404 404 404")
    ),
    # --- the coordinator's side: applications -----------------------------------------------
    "applications:dashboard": Rule(SIGNED_IN, SIGNED_IN),
    "applications:join_organisation": Rule(SIGNED_IN, SIGNED_IN),
    # Anyone signed in may start a case; without an organisation they are sent to join one.
    "applications:new": Rule(SIGNED_IN, SIGNED_IN),
    # Step 1 of a draft not yet stored: any signed-in user, for an organisation of their own
    # (without a choice in the address it leads back to the new-application form).
    "applications:new_step": Rule(SIGNED_IN, SIGNED_IN),
    # A partnership's pathway: its organisation's coordinators, and staff (who read it).
    "applications:pathway": Rule(
        m("login 404 404 404 404 ok 404 ok ok"), m("login 404 404 404 404 ok 404 ok ok")
    ),
    "applications:case": Rule(VIEWERS, VIEWERS),
    # A reader or staff opening a step is shown the case page instead.
    "applications:step": Rule(VIEWERS, EDITORS),
    "applications:review": Rule(VIEWERS, VIEWERS),
    # The receipt of the granted case's first submission.
    "applications:receipt": Rule(VIEWERS, VIEWERS, on="grant"),
    # The team step's live findings: the rows posted are judged, nothing is saved.
    "applications:team_findings": Rule(SIGNED_405, EDITORS),
    "applications:submit": Rule(SIGNED_405, COORDINATOR),
    "applications:withdraw": Rule(SIGNED_405, COORDINATOR),
    # Whoever sees a case may ask to copy it; only an approved coordinator gets a copy
    # (finding 4: test_own_decisions.py::test_only_an_approved_coordinator_copies_a_case).
    "applications:copy": Rule(SIGNED_405, VIEWERS),
    "applications:delete_draft": Rule(COORDINATOR, COORDINATOR),
    "applications:restore_draft": Rule(SIGNED_405, COORDINATOR),
    "applications:contributors": Rule(COORDINATOR, COORDINATOR),
    "applications:contributor_role": Rule(SIGNED_405, COORDINATOR),
    "applications:remove_contributor": Rule(SIGNED_405, COORDINATOR),
    "applications:revoke_invitation": Rule(SIGNED_405, COORDINATOR),
    # Only an account with the invited address verified may accept; none of these has it.
    "applications:accept_invitation": Rule(
        m("login 403 403 403 403 403 403 403 403"), m("login 403 403 403 403 403 403 403 403")
    ),
    # Anyone signed in may ask to join on the link with their own address (and is sent to
    # their cases); only the case's coordinator confirms or refuses, never the asker.
    "applications:ask_to_join": Rule(SIGNED_405, SIGNED_IN),
    "applications:decide_address_request": Rule(
        SIGNED_405, COORDINATOR, values={"decision": "refuse"}
    ),
    "applications:attachments": Rule(VIEWERS, EDITORS),
    "applications:attachment_download": Rule(VIEWERS, VIEWERS),
    "applications:delete_attachment": Rule(SIGNED_405, EDITORS),
    "applications:participant_form": Rule(VIEWERS, VIEWERS),
    # Proposing is for a granted case; on this draft those who may edit are sent back to it.
    "applications:propose_change": Rule(EDITORS, EDITORS),
    "applications:withdraw_change": Rule(SIGNED_405, EDITORS),
    # --- reports (redovisning) on the granted case ------------------------------------------
    "reporting:case_reports": Rule(VIEWERS, VIEWERS, on="grant"),
    "reporting:report": Rule(VIEWERS, VIEWERS, on="report"),
    "reporting:step": Rule(VIEWERS, EDITORS, on="report"),
    "reporting:attachments": Rule(VIEWERS, EDITORS, on="report"),
    "reporting:attachment_download": Rule(VIEWERS, VIEWERS, on="report"),
    "reporting:delete_attachment": Rule(SIGNED_405, EDITORS, on="report"),
    "reporting:review": Rule(VIEWERS, VIEWERS, on="report"),
    "reporting:submit": Rule(SIGNED_405, COORDINATOR, on="report"),
    "reporting:pdf": Rule(VIEWERS, VIEWERS, on="report"),
    # --- the decision and the agreement --------------------------------------------------------
    "decisions:letter": Rule(VIEWERS, VIEWERS, on="grant"),
    "agreements:agreement": Rule(VIEWERS, VIEWERS, on="grant"),
    # The signatory (the coordinator) is sent to give the password again; others who see the
    # case are refused.
    "agreements:sign": Rule(
        m("login 404 404 403 403 ok 404 403 403"),
        m("login 404 404 403 403 ok 404 403 403"),
        on="grant",
    ),
    "agreements:download": Rule(VIEWERS, VIEWERS, on="grant"),
    # An empty request is a 400 with the form's errors.
    "agreements:amend": Rule(COORDINATOR, m("login 404 404 404 404 400 404 404 404"), on="grant"),
    # --- the message thread ----------------------------------------------------------------------
    # An empty message is a 400 with the form's error, for those who may write.
    "casework:thread": Rule(VIEWERS, m("login 404 404 404 400 400 404 400 400"), on="thread"),
    "casework:thread_read": Rule(SIGNED_405, VIEWERS, on="thread"),
    "casework:message_attachment": Rule(VIEWERS, SIGNED_405, on="thread"),
    # --- staff pages under /admin/ that are not a model's --------------------------------------
    "stats:dashboard": Rule(STAFF_PAGE, STAFF_405),
    "stats:figure_csv": Rule(STAFF_PAGE, STAFF_405, values={"slug": "applications-per-round"}),
    "privacy:export": Rule(STAFF_PAGE, STAFF_PAGE),
    "casework_staff:queue": Rule(STAFF_CASE, STAFF_405),
    # The assessments' pages (jäv and assessors' own personas: tests/assessments/test_access.py).
    "assessments_staff:screening": Rule(STAFF_CASE, STAFF_CASE, on="review"),
    "assessments_staff:mine": Rule(STAFF_CASE, m("login 405 405 405 405 405 mfa 405 405")),
    "assessments_staff:assess": Rule(
        m("login 404 404 404 404 404 mfa 404 404"),
        m("login 404 404 404 404 404 mfa 404 404"),
        on="review",
    ),
    "assessments_staff:case": Rule(STAFF_CASE, STAFF_CASE, on="review"),
    # The round boards; an empty batch is a 400 with the form's errors.
    "decisions_staff:rounds": Rule(STAFF_CASE, STAFF_405),
    "decisions_staff:round_board": Rule(
        STAFF_CASE, m("login 404 404 404 404 404 mfa 400 400"), on="round"
    ),
    "admin:index": Rule(ADMIN_OK, ADMIN_OK),
    # The admin's login page sends everyone to the portal's (which knows the second factor).
    "admin:login": Rule(
        m("login login login login login login mfa login login"),
        m("login login login login login login mfa login login"),
    ),
    "admin:logout": Rule(
        m("ok ok ok ok ok ok mfa 405 405"), m("ok ok ok ok ok ok mfa ok ok")
    ),  # walked last: it ends the session
    "admin:password_change": Rule(ADMIN_OK, ADMIN_OK),
    "admin:password_change_done": Rule(ADMIN_OK, ADMIN_405),
    "admin:autocomplete": Rule(m("login login login login login login mfa 403 403"), ADMIN_405),
    "admin:jsi18n": Rule(ADMIN_OK, ADMIN_405),
    "admin:view_on_site": Rule(STAFF_404, STAFF_404),
    "admin:app_list": Rule(ADMIN_OK, ADMIN_OK),
    "admin/(?P<url>.*)$": Rule(STAFF_404, STAFF_404),
    # Staff decision pages (core's admin decision mixin): the form for the named transition.
    "admin:applications_application_transition": Rule(
        ADMIN_OK, ADMIN_OK, on="review", values={"name": "return"}
    ),
    "admin:applications_participantchange_transition": Rule(
        ADMIN_OK, ADMIN_OK, on="admin", values={"name": "approve"}
    ),
    "admin:reporting_report_transition": Rule(
        ADMIN_OK, ADMIN_OK, on="admin", values={"name": "approve"}
    ),
    "admin:decisions_decision_propose": Rule(ADMIN_OK, ADMIN_OK, on="review"),
    "admin:decisions_decision_transition": Rule(
        ADMIN_OK, ADMIN_OK, on="admin", values={"name": "withdraw"}
    ),
    # Countersigning is a decision-maker's (core/staff.py: never an officer's).
    "admin:agreements_agreement_transition": Rule(
        m("login login login login login login mfa 404 ok"),
        m("login login login login login login mfa 404 ok"),
        on="countersign",
        values={"name": "countersign"},
    ),
    "admin:agreements_amendment_transition": Rule(
        STAFF_404, STAFF_404, on="admin", values={"name": "approve"}
    ),  # the walk's world has no amendment
    # The registration's decision file; the view serves any method.
    "admin:networks_interestregistration_decision": Rule(ADMIN_OK, ADMIN_OK, on="registration"),
    "admin:networks_interestregistration_match": Rule(ADMIN_405, ADMIN_OK, on="registration"),
    # A case's history, by the application's id.
    "admin:audit_case_history": Rule(ADMIN_OK, ADMIN_OK, on="review"),
    # A grant's payment plan, by its decision.
    "admin:payments_instalment_plan": Rule(ADMIN_OK, ADMIN_OK, on="decision"),
    # The walk's world has no payment requested yet (its agreement was not signed).
    "admin:payments_payment_transition": Rule(
        STAFF_404, STAFF_404, on="admin", values={"name": "approve"}
    ),
    "admin:exports_exportjob_status": Rule(ADMIN_OK, ADMIN_OK, on="admin"),
    "admin:exports_exportjob_download": Rule(ADMIN_OK, ADMIN_OK, on="admin"),
}

# What the case officer (and the superuser) may do with each model in the admin:
# v view (list, page, history), a add, c change, d delete. Everyone else gets the login page,
# staff without the second factor the second factor.
ALL = "vacd"
ADMIN_MODELS: dict[str, tuple[str, str]] = {
    # Accounts, groups and second factors are the superuser's.
    "core.user": ("", ALL),
    "auth.group": ("", ALL),
    "account.emailaddress": ("", ALL),
    "mfa.authenticator": ("", ALL),
    # The outbox is read and pruned, never written by hand.
    "core.outgoingemail": ("", "vd"),
    # Cases, decisions, agreements and reports are never deleted by officers (the audit trail).
    "applications.application": ("vac", ALL),
    "applications.applicationround": ("vac", ALL),
    "applications.ruleset": ("vac", ALL),
    "applications.participantchange": ("v", "v"),  # decided on its transition pages
    "applications.addressrequest": ("v", "v"),  # decided by the case's coordinator
    "reporting.report": ("vc", "vcd"),
    "reporting.reportrule": ("vac", ALL),
    "decisions.decision": ("v", "v"),
    "agreements.agreement": ("vc", "vc"),
    "agreements.amendment": ("vc", "vc"),
    "casework.assignmentrule": (ALL, ALL),
    "assessments.criterion": (ALL, ALL),
    # The cost norms are kept by ICLD-normansvariga; officers read them.
    "costnorms.countryrate": ("v", ALL),
    "costnorms.travelband": ("v", ALL),
    "costnorms.languagefee": ("v", ALL),
    "costnorms.componentceiling": ("v", ALL),
    "reminders.reminder": ("v", "v"),
    # Payments move on their transition pages and the plan's page only.
    "payments.instalment": ("v", "v"),
    "payments.payment": ("v", "v"),
    "exports.exportjob": (ALL, ALL),
    "networks.network": (ALL, ALL),
    "networks.interestregistration": ("vcd", "vcd"),
    "networks.partnerinterest": ("vcd", "vcd"),
    "pages.newsitem": (ALL, ALL),
    "pages.faqentry": (ALL, ALL),
    "pages.guideline": (ALL, ALL),
    **{
        f"partnerships.{name}": ("vac", ALL)
        for name in (
            "country",
            "county",
            "subjectcategory",
            "democraticarea",
            "swedishorganisation",
            "partnerorganisation",
            "dialogue",
            "partnership",
            "membership",
            "partnerseeking",
        )
    },
}
# The audit history (every historical model of audit/): read at ICLD, written by nobody.
ADMIN_MODELS |= {
    label: ("v", "v") for label in registered_models() if label.startswith("audit.historical")
}

# Each model's admin pages: the permission each needs, by method.
ADMIN_PAGES = {
    "changelist": ("v", "v"),  # the POST is the list's actions
    "add": ("a", "a"),
    "change": ("v", "c"),
    "delete": ("d", "d"),
    "history": ("v", "v"),
}


def admin_rule(route: Route) -> Rule | None:
    """The rule of one of a model's standard admin pages, from ADMIN_MODELS."""
    label = admin_model_of(route)
    if label is None or label not in ADMIN_MODELS:
        return None
    page = route.name.rpartition("_")[2] if route.name else "redirect"
    if page == "redirect":  # <object_id>/ alone: the admin sends staff on to the change page
        return Rule(ADMIN_OK, ADMIN_OK, on="admin")
    if page not in ADMIN_PAGES:
        return None

    def outcomes(needed: str) -> tuple[str, ...]:
        officer, superuser = ADMIN_MODELS[label]
        return ADMIN_OK[:-2] + tuple("ok" if needed in p else "403" for p in (officer, superuser))

    get, post = ADMIN_PAGES[page]
    return Rule(outcomes(get), outcomes(post), on="admin")


def rule_of(route: Route) -> Rule | None:
    return RULES.get(route.name or route.pattern) or admin_rule(route)


STEPS = {"applications:step": CASE_STEPS, "reporting:step": REPORT_STEPS}
# Requests that end the session or change what later requests find: made last, in this order.
LAST = [
    "applications:withdraw_change",
    "applications:revoke_invitation",
    "applications:remove_contributor",
    "applications:delete_attachment",
    "reporting:delete_attachment",
    "applications:delete_draft",
    "applications:restore_draft",  # the undo of the deletion just before
    "admin:logout",
    "account_logout",
]


def requests_to_make(world) -> list[tuple[str, Route, Rule, str]]:
    """(method, route, rule, path) for every URL pattern, every wizard step included."""
    planned = []
    routes = [(route, rule_of(route)) for route in all_routes()]
    for method in ("GET", "POST"):
        ordered = sorted(routes, key=lambda r: LAST.index(r[0].name) if r[0].name in LAST else -1)
        for route, rule in ordered:
            values = world.values_for(route, rule.on) | rule.values
            steps = STEPS.get(route.name)
            slugs = [step.slug for step in steps if step.build] if steps else [None]
            for slug in slugs:
                path = route.path(values | ({"step": slug} if slug else {}))
                planned.append((method, route, rule, path))
    return planned


def test_every_url_pattern_has_a_row():
    missing = sorted(
        route.name or route.pattern for route in all_routes() if rule_of(route) is None
    )
    unregistered = sorted(set(ADMIN_MODELS) - set(registered_models()))
    assert missing == [], "give these URL patterns a row in RULES (or ADMIN_MODELS)"
    assert unregistered == [], "ADMIN_MODELS names models the admin no longer has"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_access_of_the_table(client, media, persona):
    world = build_world()
    column = PERSONAS.index(persona)
    user = world.people.get(persona)
    if user is not None:
        client.force_login(user)
    wrong = []
    for method, route, rule, path in requests_to_make(world):
        response = client.get(path) if method == "GET" else client.post(path, {})
        want = (rule.get if method == "GET" else rule.post)[column]
        if (got := classify(response)) != want:
            wrong.append(f"{method} {path} ({route.name or route.pattern}): {want} != {got}")
    assert wrong == [], "\n".join(wrong)
