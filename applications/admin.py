from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.decision_admin import DecisionAdminMixin, ReadOnlyAdmin, StatusEventInline

from . import changes, workflow
from .findings import findings_for
from .models import (
    ROUND_COMPONENTS,
    TEAM_MEMBER_FIELDS,
    AddressRequest,
    AddressRequestEvent,
    Application,
    ApplicationEvent,
    ApplicationRound,
    Contributor,
    Participant,
    ParticipantChange,
    ParticipantChangeEvent,
)
from .resubmission import since_returned


class ApplicationRoundForm(forms.ModelForm):
    components = forms.MultipleChoiceField(
        label=gettext_lazy("components"),
        choices=[(c.value, c.label) for c in ROUND_COMPONENTS],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ApplicationRound
        fields = ["name", "opens_on", "closes_on", "components"]


@admin.register(ApplicationRound)
class ApplicationRoundAdmin(admin.ModelAdmin):
    form = ApplicationRoundForm
    list_display = ["name", "opens_on", "closes_on", "components_display"]
    search_fields = ["name"]
    date_hierarchy = "closes_on"
    ordering = ["-closes_on"]

    @admin.display(description=gettext_lazy("components"))
    def components_display(self, obj: ApplicationRound) -> str:
        return ", ".join(obj.get_components_display())


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = [
        "party",
        "name",
        "organisation",
        "position",
        "category",
        "political_side",
        "is_coordinator",
        "is_project_leader",
        "gender",
        "approved_at",
        "approved_by",
        "joined_through",
        "left_at",
        "left_through",
    ]
    # Who joined or left through a change did so by ICLD's decision on it, never by an edit.
    readonly_fields = ["approved_by", "joined_through", "left_at", "left_through"]

    def get_queryset(self, request):
        # People who left stay listed: costs already incurred for them remain traceable.
        return Participant.with_left.select_related(
            "approved_by", "joined_through__leaving", "left_through__leaving"
        )


class ParticipantChangeInline(admin.TabularInline):
    model = ParticipantChange
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["leaving", "name", "status", "proposed_by", "proposed_at", "decided_by"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("participant changes (decided on their own pages)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("leaving", "proposed_by", "decided_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ContributorInline(admin.TabularInline):
    model = Contributor
    extra = 0
    autocomplete_fields = ["user"]


class EventInline(StatusEventInline):
    model = ApplicationEvent


@admin.register(Application)
class ApplicationAdmin(DecisionAdminMixin, admin.ModelAdmin):
    workflow = workflow.APPLICATION_WORKFLOW
    list_display = ["__str__", "organisation", "component", "status", "round", "submitted_at"]
    list_filter = [
        "status",
        "component",
        ("round", admin.RelatedOnlyFieldListFilter),
        ("organisation__county", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organisation", "round"]
    search_fields = [
        "case_number",
        "title",
        "organisation__name",
        "new_partner_name",
        "partnership__partner_organisation__name",
        "participants__name",
    ]
    autocomplete_fields = ["organisation", "partnership", "created_by", "submitted_by"]
    # The status changes only through the workflow's transitions, never by editing the field.
    readonly_fields = ["status", "case_number", "created_at", "updated_at", "submitted_at"]
    inlines = [ParticipantInline, ParticipantChangeInline, ContributorInline, EventInline]
    date_hierarchy = "created_at"
    change_form_template = "admin/applications/application/change_form.html"

    def decision_context(self, request, application: Application) -> dict:
        findings = findings_for(application)
        return super().decision_context(request, application) | {
            "errors": [f for f in findings if f.severity == "error"],
            "warnings": [f for f in findings if f.severity == "warning"],
            "attachments": application.attachments.all(),
            "resubmission": since_returned(application),
        }


# --- participant changes ------------------------------------------------------------------------


class ParticipantChangeEventInline(StatusEventInline):
    model = ParticipantChangeEvent


@admin.register(ParticipantChange)
class ParticipantChangeAdmin(DecisionAdminMixin, ReadOnlyAdmin):
    """Read-only: a change is proposed by the applicant and decided on its own pages."""

    workflow = workflow.PARTICIPANT_CHANGE_WORKFLOW

    def status_line(self, change: ParticipantChange) -> str:
        return _("The change in %(case)s is now: %(status)s.") % {
            "case": change.application,
            "status": change.get_status_display(),
        }

    list_display = ["__str__", "application", "party", "status", "proposed_at", "decided_at"]
    list_filter = [
        "status",
        ("application__round", admin.RelatedOnlyFieldListFilter),
        "application__component",
    ]
    list_select_related = ["application", "leaving"]
    search_fields = ["application__case_number", "name", "leaving__name"]
    date_hierarchy = "proposed_at"
    fields = [
        "application",
        "status",
        "leaving",
        "reason",
        *TEAM_MEMBER_FIELDS,
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "decision_comment",
    ]
    readonly_fields = fields
    inlines = [ParticipantChangeEventInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("application", "leaving", "proposed_by", "decided_by")
        )

    def decision_context(self, request, change: ParticipantChange) -> dict:
        context = super().decision_context(request, change)
        if not context["decisions"]:
            return context
        findings = changes.findings_for_change(change)
        team = list(change.application.participants.all())
        return context | {
            "team_before": team,
            "team_after": [p for p in team if p.pk != change.leaving_id] + [change],
            # Split as on the proposer's page (views.changes.propose), by the same rules: what
            # the change breaks, and what the approved team already broke before it.
            "new_errors": findings.new_errors,
            "inherited_errors": findings.inherited_errors,
            "warnings": findings.warnings,
        }


# --- requests to join with another address -----------------------------------------------------


class AddressRequestEventInline(StatusEventInline):
    model = AddressRequestEvent


@admin.register(AddressRequest)
class AddressRequestAdmin(ReadOnlyAdmin):
    """Read-only: a coordinator of the case confirms or refuses on the contributors page, never
    ICLD. Staff read who asked with which address, on which invitation, and what became of it."""

    list_display = ["email", "invited_address", "application", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["invitation__application"]
    search_fields = ["email", "invitation__email", "invitation__application__case_number"]
    date_hierarchy = "created_at"
    fields = [
        "application",
        "invitation",
        "invited_address",
        "requested_by",
        "email",
        "status",
        "created_at",
    ]
    readonly_fields = fields
    inlines = [AddressRequestEventInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("invitation__application", "requested_by")
        )

    @admin.display(description=gettext_lazy("invited address"), ordering="invitation__email")
    def invited_address(self, obj: AddressRequest) -> str:
        return obj.invitation.email

    @admin.display(description=gettext_lazy("application"))
    def application(self, obj: AddressRequest) -> Application:
        return obj.invitation.application


from . import rulebook_admin  # noqa: E402, F401  (the rule sets' admin)
