"""Staff's side of agreements: each version with its signatures and history, countersigning
(its own page, core.decision_admin), and the amendments to approve or reject."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy

from core import decision_admin
from core.decision_admin import DecisionAdminMixin, ReadOnlyInline, StatusEventInline

from . import workflow
from .models import Agreement, AgreementEvent, AgreementLine, Amendment, AmendmentEvent


class LineInline(ReadOnlyInline):
    model = AgreementLine
    fields = ["category", "amount_sek"]


class AgreementEventInline(StatusEventInline):
    model = AgreementEvent


class AmendmentEventInline(StatusEventInline):
    model = AmendmentEvent


class ReadOnlyAdmin(decision_admin.ReadOnlyAdmin):
    """Agreements are made by the portal and change only through their workflow. Unlike
    core's, staff with the change permission keep it: it lets them decide an amendment and
    give an item its officer (actions and pages of their own); every field stays read only."""

    def has_change_permission(self, request, obj=None) -> bool:
        return admin.ModelAdmin.has_change_permission(self, request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(Agreement)
class AgreementAdmin(DecisionAdminMixin, ReadOnlyAdmin):
    workflow = workflow.AGREEMENT_WORKFLOW
    decision_status = gettext_lazy("The agreement is now: %(status)s.")
    decision_help = gettext_lazy("Optional: kept in the agreement's history.")
    list_display = [
        "__str__",
        "status",
        "period_start",
        "period_end",
        "signed_at",
        "countersigned_at",
    ]
    list_filter = ["status"]
    list_select_related = ["application"]
    search_fields = ["application__case_number", "application__organisation__name"]
    inlines = [LineInline, AgreementEventInline]
    exclude = ["signature_evidence"]


@admin.register(Amendment)
class AmendmentAdmin(DecisionAdminMixin, ReadOnlyAdmin):
    workflow = workflow.AMENDMENT_WORKFLOW
    decision_status = gettext_lazy("The amendment is now: %(status)s.")
    list_display = ["__str__", "kind", "status", "requested_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["agreement__application"]
    search_fields = ["agreement__application__case_number"]
    inlines = [AmendmentEventInline]
