"""Staff's side of payments: the payments to approve (each decision on its own page, core's
decision admin: the permission, a session that passed the second factor, never on a case one
takes part in nor on a payment one asked for), and each case's plan, which staff may change
while its instalments are not yet due. Approved payments go to finance through the exports'
"payments" kind (CSV and SIE 4)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.decision_admin import DecisionAdminMixin, ReadOnlyAdmin, StatusEventInline
from core.forms import add_service_error
from core.mfa import has_staff_power
from core.money import money_column
from decisions.models import Decision
from decisions.selectors import granted_total

from . import services
from .forms import PlanForm
from .models import Instalment, Payment, PaymentEvent
from .workflow import PAYMENT_WORKFLOW


class PaymentEventInline(StatusEventInline):
    model = PaymentEvent


def plan_url(decision_id: int) -> str:
    return reverse("admin:payments_instalment_plan", args=[decision_id])


@admin.register(Payment)
class PaymentAdmin(DecisionAdminMixin, ReadOnlyAdmin):
    workflow = PAYMENT_WORKFLOW
    decision_status = gettext_lazy("The payment is now: %(status)s.")
    decision_help = gettext_lazy("Required for a rejection: kept in the payment's history.")
    list_display = [
        "__str__",
        money_column(Payment, "amount_sek"),
        "status",
        "requested_at",
        "approved_by",
    ]
    list_filter = ["status"]
    list_select_related = ["instalment__application", "approved_by"]
    search_fields = [
        "instalment__application__case_number",
        "instalment__application__organisation__name",
    ]
    fields = [
        "instalment",
        "amount_sek",
        "status",
        "requested_at",
        "requested_by",
        "approved_by",
        "approved_at",
        "export_job_id",
        "exported_at",
        "paid_at",
    ]
    readonly_fields = fields
    inlines = [PaymentEventInline]
    change_form_template = "admin/payments/payment/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("instalment__application")

    def decision_context(self, request, payment: Payment) -> dict:
        return super().decision_context(request, payment) | {
            "plan_url": plan_url(payment.instalment.decision_id),
            "four_eyes": _(
                "Nobody approves a payment of a case they take part in, nor one they asked for."
            ),
        }


@admin.register(Instalment)
class InstalmentAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "trigger",
        money_column(Instalment, "amount_sek"),
        "due_at",
        "plan_link",
    ]
    list_filter = ["trigger"]
    list_select_related = ["application"]
    search_fields = ["application__case_number", "application__organisation__name"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    @admin.display(description=gettext_lazy("plan"))
    def plan_link(self, instalment: Instalment) -> str:
        return format_html('<a href="{}">{}</a>', plan_url(instalment.decision_id), _("Change"))

    def get_urls(self):
        return [
            path(
                "plan/<int:object_id>/",
                self.admin_site.admin_view(self.plan_view),
                name="payments_instalment_plan",
            ),
            *super().get_urls(),
        ]

    def plan_view(self, request, object_id: int):
        if not has_staff_power(request.user, services.CHANGE_PLAN):
            raise Http404
        decision = (
            Decision.objects.select_related("application__organisation")
            .filter(pk=object_id)
            .first()
        )
        if decision is None:
            raise Http404
        instalments = list(Instalment.objects.filter(decision=decision).order_by("sequence"))
        due = [i for i in instalments if i.due_at is not None]
        form = PlanForm(
            request.POST or None,
            rows=[(i.trigger, i.amount_sek) for i in instalments if i.due_at is None],
            first=max((i.sequence for i in due), default=0) + 1,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.change_plan(
                    decision=decision,
                    rows=form.rows(),
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                add_service_error(form, error)
            else:
                self.message_user(request, _("The payment plan is changed."), messages.SUCCESS)
                return redirect(plan_url(decision.pk))
        context = self.admin_site.each_context(request) | {
            "title": _("Payment plan: %(case)s") % {"case": decision.application},
            "opts": self.model._meta,
            "decision": decision,
            "due": due,
            "granted_total": granted_total(decision),
            "form": form,
        }
        return TemplateResponse(
            request,
            "admin/payments/instalment/plan.html",
            context,
            status=400 if form.errors else 200,
        )
