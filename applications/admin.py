from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import workflow
from .findings import findings_for
from .models import (
    ROUND_COMPONENTS,
    Application,
    ApplicationEvent,
    ApplicationRound,
    Contributor,
    Participant,
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
    ]


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
    inlines = [ParticipantInline, ContributorInline, EventInline]
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
