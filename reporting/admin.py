"""Staff's side of reports: rules, the report list with filters, a readable report, the
approve/return buttons, and due dates adjusted with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.admin import TransitionForm

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


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return list(self.fields)


class VisitInline(ReadOnlyInline):
    model = ReportVisit
    fields = ["date", "host", "place", "travellers", "learnt", "brought_home"]


class CostInline(ReadOnlyInline):
    model = ReportCost
    fields = ["budget_line", "actual_sek", "explanation"]


class AttachmentInline(ReadOnlyInline):
    model = ReportAttachment
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


class EventInline(ReadOnlyInline):
    model = ReportEvent
    fields = ["created_at", "actor", "from_status", "to_status", "comment"]


class ReportAdminForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["due_date", "due_date_reason"]

    def clean(self):
        cleaned = super().clean()
        if "due_date" in self.changed_data and not (cleaned.get("due_date_reason") or "").strip():
            self.add_error(
                "due_date_reason", _("Say why the due date changes: the case keeps the reason.")
            )
        return cleaned


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
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
        "activities",
        "results",
        "democratic_areas_display",
        "democratic_results",
        "lessons",
        "knowledge_home",
        "participants_display",
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
            gettext_lazy("The report"),
            {
                "fields": [
                    "activities",
                    "results",
                    "democratic_areas_display",
                    "democratic_results",
                    "lessons",
                    "knowledge_home",
                    "participants_display",
                ]
            },
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
        # The due date is the one thing staff change here, through the service that keeps
        # who, when and why; a reason edited alone is saved as it is.
        if "due_date" in form.changed_data:
            services.adjust_due_date(
                report=obj,
                due_date=form.cleaned_data["due_date"],
                reason=form.cleaned_data["due_date_reason"],
                by=request.user,
            )
        else:
            super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(
                    lambda r, object_id, name: transition_view(self, r, object_id, name)
                ),
                name="reporting_report_transition",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        if report is not None:
            extra_context = (extra_context or {}) | {
                "transitions": workflow.staff_transitions(report.status)
            }
        return super().change_view(request, object_id, form_url, extra_context)


def transition_view(admin_view: ReportAdmin, request, object_id: str, name: str):
    """Approve or return, with its comment, on a page of its own."""
    report = admin_view.get_object(request, object_id)
    if (
        report is None
        or name not in workflow.TRANSITIONS
        or not workflow.TRANSITIONS[name].by_staff
        or not admin_view.has_change_permission(request, report)
    ):
        raise Http404
    transition = workflow.TRANSITIONS[name]
    form = TransitionForm(request.POST or None, required=transition.needs_comment)
    change_url = reverse("admin:reporting_report_change", args=[report.pk])
    if request.method == "POST" and form.is_valid():
        try:
            workflow.make_staff_transition(
                report=report, name=name, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            admin_view.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            admin_view.message_user(
                request, _("%(action)s: done.") % {"action": transition.label}, messages.SUCCESS
            )
        return redirect(change_url)
    context = admin_view.admin_site.each_context(request) | {
        "title": f"{transition.label}: {report}",
        "opts": Report._meta,
        "report": report,
        "transition": transition,
        "form": form,
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/reporting/report/transition.html", context)
