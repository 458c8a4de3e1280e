from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import (
    attachments,
    cases,
    changes,
    contributors,
    participant_forms,
    pathway,
    receipts,
    rounds,
    team_findings,
    wizard,
)

app_name = "applications"
urlpatterns = [
    path(_("application-rounds/"), rounds.rounds, name="rounds"),
    path(_("my-cases/"), cases.dashboard, name="dashboard"),
    path(_("my-cases/organisation/"), cases.join_organisation, name="join_organisation"),
    path(_("my-cases/partnerships/<int:partnership_pk>/"), pathway.pathway, name="pathway"),
    path(_("cases/new/"), cases.new_application, name="new"),
    path(_("cases/new/first-step/"), wizard.first_step, name="new_step"),
    path(_("cases/<int:pk>/"), cases.case, name="case"),
    path(_("cases/<int:pk>/step/<slug:step>/"), wizard.step, name="step"),
    path(_("cases/<int:pk>/team-findings/"), team_findings.findings, name="team_findings"),
    path(_("cases/<int:pk>/review/"), wizard.review, name="review"),
    path(_("cases/<int:pk>/submit/"), cases.submit, name="submit"),
    path(_("cases/<int:pk>/withdraw/"), cases.withdraw, name="withdraw"),
    path(_("cases/<int:pk>/copy/"), cases.copy, name="copy"),
    path(_("cases/<int:pk>/delete/"), cases.delete_draft, name="delete_draft"),
    path(_("cases/<int:pk>/restore/"), cases.restore_draft, name="restore_draft"),
]

# Contributors (medverkande) and attachments (step 6).
urlpatterns += [
    path(_("cases/<int:pk>/contributors/"), contributors.contributors, name="contributors"),
    path(
        _("cases/<int:pk>/contributors/<int:contributor_pk>/role/"),
        contributors.change_role,
        name="contributor_role",
    ),
    path(
        _("cases/<int:pk>/contributors/<int:contributor_pk>/remove/"),
        contributors.remove_contributor,
        name="remove_contributor",
    ),
    path(
        _("cases/<int:pk>/invitations/<int:invitation_pk>/withdraw/"),
        contributors.revoke_invitation,
        name="revoke_invitation",
    ),
    path(_("invitations/<str:token>/"), contributors.accept_invitation, name="accept_invitation"),
    path(_("invitations/<str:token>/ask/"), contributors.ask_to_join, name="ask_to_join"),
    path(
        _("cases/<int:pk>/address-requests/<int:request_pk>/<str:decision>/"),
        contributors.decide_address_request,
        name="decide_address_request",
    ),
    path(_("cases/<int:pk>/attachments/"), attachments.attachments, name="attachments"),
    path(
        _("cases/<int:pk>/attachments/<int:attachment_pk>/download/"),
        attachments.download,
        name="attachment_download",
    ),
    path(
        _("cases/<int:pk>/attachments/<int:attachment_pk>/remove/"),
        attachments.delete_attachment,
        name="delete_attachment",
    ),
]

# The participant form (deltagarformulär), one PDF per version of the team.
urlpatterns += [
    path(
        _("cases/<int:pk>/participant-form/<int:version>/"),
        participant_forms.download,
        name="participant_form",
    ),
    path(_("cases/<int:pk>/receipt/<int:number>/"), receipts.download, name="receipt"),
]

# Participant changes on a granted case; ICLD decides them in the admin.
urlpatterns += [
    path(_("cases/<int:pk>/participant-changes/new/"), changes.propose, name="propose_change"),
    path(
        _("cases/<int:pk>/participant-changes/<int:change_pk>/withdraw/"),
        changes.withdraw,
        name="withdraw_change",
    ),
]
