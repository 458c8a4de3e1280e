"""Staff work: networks, interest registrations (with ranked partner suggestions and the
"accept match" button) and coordinators' interest in listed partners."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.downloads import file_download
from core.refusals import attempt_each, show_refusal

from . import selectors, workflow
from .models import InterestRegistration, Network, PartnerInterest, RegistrationStatus


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "theme", "cluster", "status", "partnership_count"]
    list_filter = ["status", "theme", "cluster"]
    list_select_related = ["theme"]
    search_fields = ["name_sv", "name_en", "description_sv", "description_en"]
    autocomplete_fields = ["partnerships"]
    fieldsets = [
        (None, {"fields": ["name_sv", "name_en", "theme", "cluster", "status"]}),
        (_("Description"), {"fields": ["description_sv", "description_en"]}),
        (
            _("What the network offers"),
            {
                "fields": [
                    "offers_training",
                    "offers_experts",
                    ("coordinator_name", "coordinator_role"),
                    ("adviser_name", "adviser_role"),
                ]
            },
        ),
        (_("Partnerships"), {"fields": ["partnerships"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Network]:
        return selectors.public_networks()

    @admin.display(description=_("partnerships"), ordering="partnership_count")
    def partnership_count(self, obj: Network) -> int:
        return obj.partnership_count


@admin.register(InterestRegistration)
class InterestRegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "network",
        "contact_name",
        "preferred_cluster",
        "status",
        "has_decision",
        "created_at",
    ]
    list_filter = [
        "status",
        "network",
        "preferred_cluster",
        ("themes", admin.RelatedOnlyFieldListFilter),
        ("organisation__county", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organisation", "network"]
    search_fields = ["organisation__name", "contact_name", "contact_email", "wants_to_develop"]
    date_hierarchy = "created_at"
    actions = ["decline"]
    # What the organisation sent is its own; staff decide, they do not rewrite it.
    readonly_fields = [
        "network",
        "organisation",
        "contact_name",
        "contact_email",
        "language",
        "themes_display",
        "countries_display",
        "preferred_cluster",
        "wants_to_develop",
        "political_support_sought",
        "decision_link",
        "created_at",
        "created_by",
        "status",
        "partnership",
        "partner_seeking",
        "decided_at",
        "decided_by",
    ]
    fields = readonly_fields
    change_form_template = "admin/networks/interestregistration/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Registrations come from the public form, with its receipt and checks.
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/decision/",
                wrap(self.decision_view),
                name="networks_interestregistration_decision",
            ),
            path(
                "<int:pk>/match/",
                wrap(self.match_view),
                name="networks_interestregistration_match",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[InterestRegistration]:
        return super().get_queryset(request).select_related("network__theme", "organisation")

    @admin.display(description=_("decision"), boolean=True)
    def has_decision(self, obj: InterestRegistration) -> bool:
        return bool(obj.decision)

    @admin.display(description=_("themes"))
    def themes_display(self, obj: InterestRegistration) -> str:
        return ", ".join(theme.name for theme in obj.themes.all())

    @admin.display(description=_("preferred countries"))
    def countries_display(self, obj: InterestRegistration) -> str:
        return ", ".join(country.name for country in obj.preferred_countries.all()) or "–"

    @admin.display(description=_("decision"))
    def decision_link(self, obj: InterestRegistration) -> str:
        if not obj.decision:
            return "–"
        url = reverse("admin:networks_interestregistration_decision", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.decision_name or _gettext("Download"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if registration is not None and registration.status == RegistrationStatus.NEW:
            extra_context["suggestions"] = selectors.suggestions_for(registration)
            extra_context["match_url"] = reverse(
                "admin:networks_interestregistration_match", args=[registration.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _registration(self, request: HttpRequest, pk: int) -> InterestRegistration:
        registration = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, registration):
            raise Http404
        return registration

    # admin_view already makes it staff-only and never cached.
    def decision_view(self, request: HttpRequest, pk: int) -> FileResponse:
        registration = self._registration(request, pk)
        return file_download(
            registration.decision,
            filename=registration.decision_name or "decision",
            content_type=registration.decision_content_type or "application/octet-stream",
        )

    def match_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        registration = self._registration(request, pk)
        if not self.has_change_permission(request, registration):
            raise Http404
        try:
            partnership = workflow.accept_match(
                registration=registration,
                candidate_key=request.POST.get("candidate", "")[:100],
                by=request.user,
            )
        except ValidationError as error:
            show_refusal(request, error)
        else:
            self.message_user(
                request,
                _gettext(
                    "Matched: the partnership %(partnership)s is now in the network and "
                    "%(email)s has been told."
                )
                % {"partnership": partnership, "email": registration.contact_email},
                messages.SUCCESS,
            )
        return redirect("admin:networks_interestregistration_change", registration.pk)

    @admin.action(description=_("Decline the selected registrations"))
    def decline(self, request: HttpRequest, queryset: QuerySet[InterestRegistration]) -> None:
        declined = attempt_each(
            request,
            queryset.filter(status=RegistrationStatus.NEW),
            lambda registration: workflow.decline_registration(
                registration=registration, by=request.user
            ),
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d registration declined.", "%(count)d registrations declined.", declined
            )
            % {"count": declined},
        )


@admin.register(PartnerInterest)
class PartnerInterestAdmin(admin.ModelAdmin):
    list_display = ["seeking", "organisation", "user", "created_at", "contacted_at"]
    list_filter = [
        ("contacted_at", admin.EmptyFieldListFilter),
        ("seeking__country", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["seeking__country", "organisation", "user"]
    search_fields = [
        "seeking__organisation_name",
        "organisation__name",
        "user__email",
        "message",
    ]
    readonly_fields = ["seeking", "organisation", "user", "message", "created_at"]
    fields = [*readonly_fields, "contacted_at"]
    actions = ["mark_contacted"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Mark the parties as put in contact"))
    def mark_contacted(self, request: HttpRequest, queryset: QuerySet[PartnerInterest]) -> None:
        count = queryset.filter(contacted_at__isnull=True).update(contacted_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d interest marked.", "%(count)d interests marked.", count)
            % {"count": count},
        )
