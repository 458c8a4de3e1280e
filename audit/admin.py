"""The history in the admin: staff read it, nobody edits it, not even a superuser."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from applications.models import Application

from .history import case_history
from .models import TRACKED


class HistoryAdmin(admin.ModelAdmin):
    """View-only list and detail of one historical model."""

    list_display = ["history_date", "history_type", "object_id", "history_user"]
    list_filter = ["history_type", "history_date"]
    list_select_related = ["history_user"]
    date_hierarchy = "history_date"
    ordering = ["-history_date", "-history_id"]
    show_full_result_count = False

    @admin.display(description=_("object"), ordering="id")
    def object_id(self, record) -> str:
        return f"#{record.id}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request: HttpRequest):
        return {}  # not even "delete selected"


class ApplicationHistoryAdmin(HistoryAdmin):
    """Adds the history of one case with everything that belongs to it."""

    list_display = [*HistoryAdmin.list_display, "case_history_link"]

    @admin.display(description=_("case history"))
    def case_history_link(self, record) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:audit_case_history", args=[record.id]),
            _("History of the case"),
        )

    def get_urls(self):
        return [
            path(
                "case/<int:object_id>/",
                self.admin_site.admin_view(self.case_history_view),
                name="audit_case_history",
            ),
            *super().get_urls(),
        ]

    def case_history_view(self, request: HttpRequest, object_id: int) -> TemplateResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        # A deleted case still has its history.
        application = (
            Application.objects.select_related("organisation").filter(pk=object_id).first()
        )
        entries = case_history(object_id)
        if application is None and not entries:
            raise Http404
        context = self.admin_site.each_context(request) | {
            "title": _("History of %(case)s") % {"case": application or f"#{object_id}"},
            "opts": self.opts,
            "application": application,
            "entries": entries,
        }
        return TemplateResponse(request, "admin/audit/case_history.html", context)


for tracked in TRACKED:
    historical = tracked.model.history.model
    admin.site.register(
        historical, ApplicationHistoryAdmin if tracked.model is Application else HistoryAdmin
    )
