from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
        label=_("components"),
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

    @admin.display(description=_("components"))
    def components_display(self, obj: ApplicationRound) -> str:
        return ", ".join(obj.get_components_display())


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["party", "name", "organisation", "position", "category", "political_side",
              "is_coordinator", "is_project_leader", "gender", "approved_at"]  # fmt: skip


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
    readonly_fields = ["case_number", "created_at", "updated_at", "submitted_at"]
    inlines = [ParticipantInline, ContributorInline, EventInline]
    date_hierarchy = "created_at"
