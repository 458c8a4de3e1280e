"""Staff's side of reports: rules, the report list with filters, a readable report, the
approve/return buttons, and due dates adjusted with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.decision_admin import DecisionAdminMixin, ReadOnlyInline, StatusEventInline

from . import services, workflow
from .models import (
    EDITABLE_REPORT_STATUSES,
    Report,
    ReportAttachment,
    ReportCost,
    ReportEvent,
    ReportRule,
    ReportVisit,
)


@admin.register(ReportRule)
class ReportRuleAdmin(admin.ModelAdmin):
    list_display = ["component", "final_months_after_end", "yearly_months_after_year"]


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        overdue = {"status__in": EDITABLE_REPORT_STATUSES, "due_date__lt": timezone.localdate()}
        if self.value() == "yes":
            return queryset.filter(**overdue)
        if self.value() == "no":
            return queryset.exclude(**overdue)
        return queryset


class VisitInline(ReadOnlyInline):
    model = ReportVisit
    fields = ["date", "host", "place", "travellers", "learnt", "brought_home"]


class CostInline(ReadOnlyInline):
    model = ReportCost
    fields = ["budget_line", "actual_sek", "explanation"]


class AttachmentInline(ReadOnlyInline):
    model = ReportAttachment
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


class EventInline(StatusEventInline):
    model = ReportEvent


class ReportAdminForm(forms.ModelForm):
    allow_early_submission = forms.BooleanField(
        label=gettext_lazy("Allow submission before the period ends"),
        required=False,
        help_text=gettext_lazy("A report can otherwise be submitted from its period's last day."),
    )

    class Meta:
        model = Report
        fields = ["due_date", "due_date_reason", "early_submission_reason"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.early_submission_allowed:
            self.fields["allow_early_submission"].initial = True
            self.fields["allow_early_submission"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if "due_date" in self.changed_data and not (cleaned.get("due_date_reason") or "").strip():
            self.add_error(
                "due_date_reason", _("Say why the due date changes: the case keeps the reason.")
            )
        if self.allows_early_now and not (cleaned.get("early_submission_reason") or "").strip():
            self.add_error(
                "early_submission_reason",
                _("Say why the report may be submitted before its period ends."),
            )
        return cleaned

    @property
    def allows_early_now(self) -> bool:
        return bool(
            self.cleaned_data.get("allow_early_submission")
            and not self.instance.early_submission_allowed
        )


# What the coordinator wrote: shown to staff, never edited by them.
REPORT_CONTENT = [
    "activities",
    "results",
    "democratic_areas_display",
    "democratic_results",
    "lessons",
    "knowledge_home",
    "participants_display",
]


@admin.register(Report)
class ReportAdmin(DecisionAdminMixin, admin.ModelAdmin):
    workflow = workflow.REPORT_WORKFLOW
    decision_status = gettext_lazy("The report is now: %(status)s.")
    decision_help = gettext_lazy(
        "Required: the coordinator sees it on the report page and in the e-mail."
    )
    form = ReportAdminForm
    list_display = ["__str__", "kind", "component", "status", "due_date", "submitted_at"]
    list_filter = ["status", "kind", "application__component", "due_date", OverdueFilter]
    list_select_related = ["application"]
    search_fields = ["application__case_number", "application__organisation__name"]
    date_hierarchy = "due_date"
    # Content is the coordinator's; the status changes only through the workflow.
    readonly_fields = [
        "application",
        "kind",
        "project_year",
        "period_start",
        "period_end",
        "status",
        "due_date_changed_by",
        "due_date_changed_at",
        "early_submission_allowed_by",
        "early_submission_allowed_at",
        *REPORT_CONTENT,
        "submitted_at",
        "submitted_by",
        "pdf",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "application",
                    "kind",
                    "project_year",
                    ("period_start", "period_end"),
                    "status",
                    "submitted_at",
                    "submitted_by",
                    "pdf",
                ]
            },
        ),
        (
            gettext_lazy("Due date"),
            {
                "fields": [
                    "due_date",
                    "due_date_reason",
                    "due_date_changed_by",
                    "due_date_changed_at",
                ]
            },
        ),
        (
            gettext_lazy("Submission before the period ends"),
            {
                "fields": [
                    "allow_early_submission",
                    "early_submission_reason",
                    "early_submission_allowed_by",
                    "early_submission_allowed_at",
                ]
            },
        ),
        (
            gettext_lazy("The report"),
            {"fields": REPORT_CONTENT},
        ),
    ]
    inlines = [VisitInline, CostInline, AttachmentInline, EventInline]
    change_form_template = "admin/reporting/report/change_form.html"

    def has_add_permission(self, request) -> bool:
        # Reports are created from the granted cases (services.ensure_reports).
        return False

    @admin.display(description=gettext_lazy("component"), ordering="application__component")
    def component(self, obj: Report) -> str:
        return obj.application.get_component_display()

    @admin.display(description=gettext_lazy("core democratic areas"))
    def democratic_areas_display(self, obj: Report) -> str:
        return ", ".join(str(a) for a in obj.democratic_areas.all()) or "–"

    @admin.display(description=gettext_lazy("participants who took part"))
    def participants_display(self, obj: Report) -> str:
        return ", ".join(p.name for p in obj.participants.all()) or "–"

    def save_model(self, request, obj: Report, form, change) -> None:
        # The due date and an early submission are what staff change here, each through the
        # service that keeps who, when and why; a reason edited alone is saved as it is.
        if "due_date" in form.changed_data:
            services.adjust_due_date(
                report=obj,
                due_date=form.cleaned_data["due_date"],
                reason=form.cleaned_data["due_date_reason"],
                by=request.user,
            )
        if form.allows_early_now:
            services.allow_early_submission(
                report=obj, reason=form.cleaned_data["early_submission_reason"], by=request.user
            )
        if "due_date" not in form.changed_data and not form.allows_early_now:
            super().save_model(request, obj, form, change)
