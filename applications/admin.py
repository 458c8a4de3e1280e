from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import changes, workflow
from .findings import findings_for
from .models import (
    ROUND_COMPONENTS,
    TEAM_MEMBER_FIELDS,
    Application,
    ApplicationEvent,
    ApplicationRound,
    Contributor,
    Participant,
    ParticipantChange,
    ParticipantChangeEvent,
)


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


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "from_status", "to_status", "comment"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
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

    def get_urls(self):
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(
                    lambda r, object_id, name: transition_view(self, r, object_id, name)
                ),
                name="applications_application_transition",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        if application is not None:
            findings = findings_for(application)
            extra_context = (extra_context or {}) | {
                "transitions": workflow.staff_transitions(application.status),
                "errors": [f for f in findings if f.severity == "error"],
                "warnings": [f for f in findings if f.severity == "warning"],
                "attachments": application.attachments.all(),
            }
        return super().change_view(request, object_id, form_url, extra_context)


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment to the coordinator"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, required: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required


def transition_view(admin_view: ApplicationAdmin, request, object_id: str, name: str):
    """A staff transition with its comment: a page of its own, so a decision is never a
    mis-click in a list."""
    application = admin_view.get_object(request, object_id)
    if (
        application is None
        or name not in workflow.TRANSITIONS
        or not admin_view.has_change_permission(request, application)
    ):
        raise Http404
    transition = workflow.TRANSITIONS[name]
    form = TransitionForm(request.POST or None, required=transition.needs_comment)
    change_url = reverse("admin:applications_application_change", args=[application.pk])
    if request.method == "POST" and form.is_valid():
        try:
            workflow.make_staff_transition(
                application=application,
                name=name,
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            admin_view.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            admin_view.message_user(
                request, _("%(action)s: done.") % {"action": transition.label}, messages.SUCCESS
            )
        return redirect(change_url)
    context = admin_view.admin_site.each_context(request) | {
        "title": f"{transition.label}: {application}",
        "opts": Application._meta,
        "application": application,
        "transition": transition,
        "form": form,
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/applications/application/transition.html", context)


# --- participant changes ------------------------------------------------------------------------


class ParticipantChangeEventInline(admin.TabularInline):
    model = ParticipantChangeEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "from_status", "to_status", "comment"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


DECISIONS = {
    "approve": (gettext_lazy("Approve the change"), changes.approve_change, False),
    "reject": (gettext_lazy("Reject the change"), changes.reject_change, True),
}


@admin.register(ParticipantChange)
class ParticipantChangeAdmin(admin.ModelAdmin):
    """Read-only: a change is proposed by the applicant and decided on its own pages."""

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

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a detail to read; the decision has its own pages

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("application", "leaving", "proposed_by", "decided_by")
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/<str:decision>/",
                self.admin_site.admin_view(
                    lambda r, object_id, decision: decide_view(self, r, object_id, decision)
                ),
                name="applications_participantchange_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, object_id)
        if change is not None and change.is_pending:
            findings = changes.findings_for_change(change)
            team = list(change.application.participants.all())
            extra_context = (extra_context or {}) | {
                "decisions": [(name, label) for name, (label, _s, _c) in DECISIONS.items()],
                "team_before": team,
                "team_after": [p for p in team if p.pk != change.leaving_id] + [change],
                "errors": findings.errors,
                "warnings": findings.warnings,
            }
        return super().change_view(request, object_id, form_url, extra_context)


def decide_view(admin_view: ParticipantChangeAdmin, request, object_id: str, decision: str):
    """Approve or reject a change, with a comment (required to reject), on a page of its own."""
    change = admin_view.get_object(request, object_id)
    if (
        change is None
        or decision not in DECISIONS
        or not admin_view.has_view_permission(request, change)
        or not request.user.has_perm("applications.change_participantchange")
    ):
        raise Http404
    label, service, needs_comment = DECISIONS[decision]
    form = TransitionForm(request.POST or None, required=needs_comment)
    change_url = reverse("admin:applications_participantchange_change", args=[change.pk])
    if request.method == "POST" and form.is_valid():
        try:
            service(change=change, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            admin_view.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            admin_view.message_user(
                request, _("%(action)s: done.") % {"action": label}, messages.SUCCESS
            )
        return redirect(change_url)
    context = admin_view.admin_site.each_context(request) | {
        "title": f"{label}: {change}",
        "opts": ParticipantChange._meta,
        "change": change,
        "label": label,
        "needs_comment": needs_comment,
        "form": form,
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/applications/participantchange/decide.html", context)
