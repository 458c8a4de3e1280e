from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.refusals import attempt_each

from .models import (
    ComponentHistory,
    Country,
    County,
    DemocraticArea,
    Dialogue,
    DialogueStatus,
    Membership,
    MembershipStatus,
    PartnerOrganisation,
    PartnerSeeking,
    Partnership,
    SubjectCategory,
    SwedishOrganisation,
)
from .services import set_signatory
from .workflow import (
    approve_membership,
    check_held_on,
    confirm_dialogue,
    decline_membership,
    state_dialogue,
)

# Reference rows are protected while referenced (on_delete=PROTECT): the admin's delete page
# then lists what still uses them instead of deleting.


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_sv", "name_en", "cluster", "status"]
    list_editable = ["cluster", "status"]
    list_filter = ["status", "cluster"]
    search_fields = ["code", "name_sv", "name_en"]
    ordering = ["name_sv"]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(SubjectCategory, DemocraticArea)
class TranslatedNameAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "slug"]
    search_fields = ["name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(SwedishOrganisation)
class SwedishOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "code", "organisation_number", "county"]
    list_filter = ["type", "county"]
    list_select_related = ["county"]
    search_fields = ["name", "short_name", "code", "organisation_number"]
    ordering = ["name"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "city", "country"]
    list_filter = ["type", "country__cluster", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "city", "country__name_sv", "country__name_en", "country__code"]
    autocomplete_fields = ["country"]
    ordering = ["name"]


class ComponentHistoryInline(admin.TabularInline):
    model = ComponentHistory
    extra = 0


class DialogueInline(admin.TabularInline):
    """The partnership's dialogues with ICLD, read here; recorded and confirmed on their own
    admin page (through partnerships/workflow.py)."""

    model = Dialogue
    extra = 0
    can_delete = False
    fields = ["held_on", "note", "status", "stated_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class DialogueForm(forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = ["partnership", "held_on", "note"]

    def clean_held_on(self):
        return check_held_on(self.cleaned_data["held_on"])


@admin.register(Dialogue)
class DialogueAdmin(admin.ModelAdmin):
    form = DialogueForm
    list_display = ["partnership", "held_on", "status", "stated_by"]
    list_filter = ["status"]
    list_select_related = [
        "partnership__swedish_organisation",
        "partnership__partner_organisation",
        "stated_by",
    ]
    search_fields = [
        "partnership__swedish_organisation__name",
        "partnership__partner_organisation__name",
    ]
    autocomplete_fields = ["partnership"]
    fields = ["partnership", "held_on", "note", "status", "stated_by"]
    actions = ["confirm"]

    def get_readonly_fields(self, request, obj=None):
        # Staff record a dialogue (it counts at once) or confirm a stated one; never edit it.
        return ["status", "stated_by"] if obj is None else self.fields

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        saved = state_dialogue(
            partnership=obj.partnership, held_on=obj.held_on, note=obj.note, by=request.user
        )
        obj.pk = saved.pk

    @admin.action(description=_("Confirm the selected dialogues"))
    def confirm(self, request, queryset) -> None:
        confirmed = 0
        for dialogue in queryset.filter(status=DialogueStatus.STATED):
            confirm_dialogue(dialogue=dialogue, by=request.user)
            confirmed += 1
        self.message_user(
            request,
            ngettext("%(count)d dialogue confirmed.", "%(count)d dialogues confirmed.", confirmed)
            % {"count": confirmed},
        )


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "country",
        "start_year",
        "end_year",
        "status",
    ]
    list_filter = [
        "status",
        ("partner_organisation__country__cluster", admin.ChoicesFieldListFilter),
        ("partner_organisation__country", admin.RelatedOnlyFieldListFilter),
        ("swedish_organisation__county", admin.RelatedOnlyFieldListFilter),
        "categories",
    ]
    list_select_related = [
        "swedish_organisation",
        "partner_organisation__country",
    ]
    search_fields = [
        "swedish_organisation__name",
        "swedish_organisation__code",
        "partner_organisation__name",
        "partner_organisation__city",
        "partner_organisation__country__name_sv",
    ]
    autocomplete_fields = [
        "swedish_organisation",
        "partner_organisation",
        "additional_swedish_organisations",
        "additional_partner_organisations",
    ]
    filter_horizontal = ["categories"]
    inlines = [ComponentHistoryInline, DialogueInline]
    readonly_fields = ["pathway"]

    @admin.display(description=_("what it can apply for"))
    def pathway(self, obj: Partnership) -> str:
        # The planner lives with the applications (which this app does not import): a link.
        if obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("applications:pathway", args=[obj.pk]),
            _("The pathway planner: components it can apply for now, and what is missing"),
        )

    ordering = ["-start_year", "pk"]

    @admin.display(description=_("country"), ordering="partner_organisation__country__name_sv")
    def country(self, obj: Partnership) -> Country:
        return obj.partner_organisation.country


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "organisation",
        "role",
        "status",
        "is_signatory",
        "requested_at",
        "decided_by",
    ]
    list_filter = [
        "status",
        "role",
        "is_signatory",
        ("organisation__county", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["user", "organisation", "decided_by"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    # The signatory role changes only through the actions (set_signatory: the permission, not
    # one's own membership, the history naming who granted it).
    readonly_fields = ["requested_at", "decided_at", "decided_by", "is_signatory"]
    actions = ["approve", "decline", "grant_signatory", "revoke_signatory"]

    def _set_signatory(self, request, queryset, *, signatory: bool) -> int:
        def change(membership: Membership) -> None:
            set_signatory(membership=membership, signatory=signatory, by=request.user)

        return attempt_each(request, queryset, change)

    @admin.action(
        description=_("Make the selected members authorised signatories"), permissions=["change"]
    )
    def grant_signatory(self, request, queryset) -> None:
        count = self._set_signatory(request, queryset, signatory=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d member is now an authorised signatory.",
                "%(count)d members are now authorised signatories.",
                count,
            )
            % {"count": count},
        )

    @admin.action(
        description=_("Remove the selected members' signatory role"), permissions=["change"]
    )
    def revoke_signatory(self, request, queryset) -> None:
        count = self._set_signatory(request, queryset, signatory=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d member is no longer an authorised signatory.",
                "%(count)d members are no longer authorised signatories.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Approve the selected memberships"))
    def approve(self, request, queryset) -> None:
        count = attempt_each(
            request,
            queryset.filter(status=MembershipStatus.PENDING),
            lambda membership: approve_membership(membership=membership, by=request.user),
        )
        self.message_user(
            request,
            ngettext("%(count)d membership approved.", "%(count)d memberships approved.", count)
            % {"count": count},
        )

    @admin.action(description=_("Decline the selected membership requests"))
    def decline(self, request, queryset) -> None:
        count = attempt_each(
            request,
            queryset.filter(status=MembershipStatus.PENDING),
            lambda membership: decline_membership(membership=membership, by=request.user),
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d membership request declined.",
                "%(count)d membership requests declined.",
                count,
            )
            % {"count": count},
        )


@admin.register(PartnerSeeking)
class PartnerSeekingAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "country", "organisation_type", "published", "created_at"]
    list_editable = ["published"]
    list_filter = ["published", "country__cluster", "country", "themes"]
    list_select_related = ["country"]
    search_fields = ["organisation_name", "city", "description", "contact_name", "contact_email"]
    filter_horizontal = ["themes"]
    autocomplete_fields = ["country"]
