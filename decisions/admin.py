"""Decisions in the admin: the officer proposes from the application's page, a decision-maker
decides on the decision's page (core/decision_admin.py). Four eyes: the proposer does not
decide, nor does anyone taking part in the case."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from applications.admin import ApplicationAdmin
from applications.models import Application, ApplicationStatus
from core.decision_admin import DecisionAdminMixin, ReadOnlyAdmin, ReadOnlyInline, StatusEventInline
from core.mfa import has_staff_power

from . import selectors, services
from .forms import ProposalForm
from .models import Decision, DecisionEvent, DecisionLine
from .workflow import DECIDE_GRANT, DECISION_WORKFLOW, PROPOSE_GRANT


class DecisionLineInline(ReadOnlyInline):
    model = DecisionLine
    fields = ["category", "requested_sek", "granted_sek"]


class DecisionEventInline(StatusEventInline):
    model = DecisionEvent


@admin.register(Decision)
class DecisionAdmin(DecisionAdminMixin, ReadOnlyAdmin):
    """Read only: a decision is proposed on its own page and moves only by its transitions."""

    workflow = DECISION_WORKFLOW
    list_display = ["__str__", "application", "outcome", "status", "proposed_by", "decided_at"]
    list_filter = ["status", "outcome"]
    list_select_related = ["application", "proposed_by"]
    search_fields = ["application__case_number", "application__organisation__name"]
    fields = [
        "application",
        "status",
        "is_current",
        "outcome",
        "period_start",
        "period_end",
        "conditions",
        "reasons",
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "letter_rendered_at",
        "letter_sent_at",
    ]
    readonly_fields = fields
    inlines = [DecisionLineInline, DecisionEventInline]
    change_form_template = "admin/decisions/decision/change_form.html"

    def get_queryset(self, request):
        return selectors.with_totals(super().get_queryset(request))

    def status_line(self, decision: Decision) -> str:
        return _("The decision on %(case)s is now: %(status)s.") % {
            "case": decision.application,
            "status": decision.get_status_display(),
        }

    def decision_context(self, request, decision: Decision) -> dict:
        return super().decision_context(request, decision) | {
            "granted_total": decision.granted_total,
            "four_eyes": _(
                "Four eyes: %(proposer)s proposed this decision and so does not decide it; nor "
                "does anyone who takes part in the case. Another decision-maker decides."
            )
            % {"proposer": decision.proposed_by.get_full_name() or decision.proposed_by.email},
        }

    def get_urls(self):
        return [
            path(
                "propose/<int:object_id>/",
                self.admin_site.admin_view(self.propose_view),
                name="decisions_decision_propose",
            ),
            *super().get_urls(),
        ]

    def propose_view(self, request, object_id: int):
        if not has_staff_power(request.user, PROPOSE_GRANT):
            raise Http404
        application = (
            Application.objects.select_related("organisation").filter(pk=object_id).first()
        )
        if application is None:
            raise Http404
        case_url = reverse("admin:applications_application_change", args=[application.pk])
        current = selectors.current_decision(application)
        if current is not None:
            return redirect("admin:decisions_decision_change", current.pk)
        requested = services.requested_by_category(application)
        form = ProposalForm(
            request.POST or None,
            requested=requested,
            defaults=services.proposal_defaults(application),
            initial={
                "period_start": application.period_start,
                "period_end": application.period_end,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                decision = services.propose(
                    application=application,
                    by=request.user,
                    outcome=data["outcome"],
                    granted=form.granted(),
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    conditions=data["conditions"],
                    reasons=data["reasons"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("The decision is proposed; a decision-maker decides it."),
                    messages.SUCCESS,
                )
                return redirect("admin:decisions_decision_change", decision.pk)
        context = self.admin_site.each_context(request) | {
            "title": _("Propose a decision: %(case)s") % {"case": application},
            "opts": self.model._meta,
            "application_opts": Application._meta,
            "application": application,
            "case_url": case_url,
            "form": form,
            "requested_total": sum(requested.values()),
        }
        return TemplateResponse(request, "admin/decisions/decision/propose.html", context)


def application_decision_links(request, application: Application) -> list[tuple[str, str]]:
    """On the application's admin page, approve/decline go through the decision: a link to
    propose one, or to the current one."""
    current = selectors.current_decision(application)
    if current is not None:
        return [
            (
                _("The decision (%(status)s)") % {"status": current.get_status_display().lower()},
                reverse("admin:decisions_decision_change", args=[current.pk]),
            )
        ]
    if application.status == ApplicationStatus.IN_REVIEW and has_staff_power(
        request.user, PROPOSE_GRANT
    ):
        return [
            (
                _("Propose a decision"),
                reverse("admin:decisions_decision_propose", args=[application.pk]),
            )
        ]
    return []


def register_application_links() -> None:
    ApplicationAdmin.make_elsewhere(("approve", "decline"), application_decision_links)


__all__ = ["DECIDE_GRANT", "register_application_links"]
