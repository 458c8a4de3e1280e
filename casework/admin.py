"""Case work in the admin: the application changelist gets an action to assign a case officer
(one case or many), a column with the officer, and the case's page its thread and the
assignment log. Added from here, so applications' admin does not depend on casework."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import CharField, Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

import applications.admin  # noqa: F401  (registers ApplicationAdmin first)
from applications.models import Application, ApplicationRound, ParticipantChange
from core.decision_admin import ReadOnlyInline
from core.mfa import has_staff_power
from core.models import User
from core.refusals import show_refusal

from . import services
from .access import ASSIGN_PERMISSION, WRITE_PERMISSION
from .forms import AssignForm, MessageForm
from .models import Assignment, AssignmentRule, ItemOfficer, Message, RoundLead
from .selectors import source_for, with_responsible


class OfficerChoices:
    """Only who can be a case officer is offered as one."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "officer":
            kwargs["queryset"] = services.officers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(OfficerChoices, admin.ModelAdmin):
    """Who a new submission goes to: the first matching rule, by order."""

    list_display = ["order", "component", "cluster", "round", "target"]
    list_display_links = ["component"]
    list_editable = ["order"]
    list_select_related = ["round", "officer"]
    fields = ["order", "component", "cluster", "round", "officer"]

    @admin.display(description=gettext_lazy("case officer"))
    def target(self, rule: AssignmentRule) -> str:
        if rule.officer is None:
            return _("the round's lead officer")
        return rule.officer.get_full_name() or rule.officer.email


class RoundLeadInline(OfficerChoices, admin.StackedInline):
    model = RoundLead
    extra = 1
    max_num = 1
    verbose_name_plural = gettext_lazy("lead officer (new submissions no rule assigns are theirs)")


class MessageInline(ReadOnlyInline):
    """The thread with internal notes: staff read it here and write in the form below it."""

    model = Message
    fields = ["created_at", "author", "kind", "body", "attachment_name"]
    verbose_name_plural = gettext_lazy("Messages (write below)")

    @admin.display(description=gettext_lazy("attachment"))
    def attachment_name(self, obj: Message) -> str:
        attachment = getattr(obj, "attachment", None)
        return attachment.original_name if attachment else ""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "attachment")


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fk_name = "application"
    fields = ["created_at", "officer", "previous", "assigned_by", "rule", "item_type", "item_id"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "officer", "previous", "assigned_by", "rule__round", "rule__officer", "item_type"
            )
        )


def _assign_page(modeladmin, request, *, action_name, assign, title, done, listed):
    """An assign action's own page: it asks for the officer; posting it gives every selected
    row to them through `assign(officer)`, which returns how many changed hands."""
    form = AssignForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        try:
            changed = assign(form.cleaned_data["officer"])
        except PermissionDenied:
            modeladmin.message_user(request, _("You may not assign case officers."), messages.ERROR)
            return None
        except ValidationError as error:
            show_refusal(request, error)
            return None
        modeladmin.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)
        return None
    context = (
        admin.site.each_context(request)
        | listed
        | {
            "title": title,
            "opts": modeladmin.model._meta,
            "form": form,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_name": action_name,
        }
    )
    return TemplateResponse(request, "admin/casework/assign.html", context)


@admin.action(description=gettext_lazy("Assign a case officer"), permissions=["change"])
def assign_officer(modeladmin, request, queryset):
    """The action's own page asks for the officer; posting it assigns every selected case."""
    return _assign_page(
        modeladmin,
        request,
        action_name="assign_officer",
        assign=lambda officer: services.assign_officer(
            applications=list(queryset.select_related(None).only("pk")),
            officer=officer,
            by=request.user,
        ),
        title=_("Assign a case officer"),
        done=lambda changed: ngettext(
            "%(count)d case has a new case officer.",
            "%(count)d cases have a new case officer.",
            changed,
        ),
        listed={"cases": queryset.select_related("organisation")},
    )


@admin.action(
    description=gettext_lazy("Assign a responsible officer"), permissions=["assign_officer"]
)
def assign_item_officer(modeladmin, request, queryset):
    """The same page as for cases, for the things on them the work queue lists (participant
    changes, reports, payments): one or many, each given to the officer chosen."""
    return _assign_page(
        modeladmin,
        request,
        action_name="assign_item_officer",
        assign=lambda officer: services.assign_item_officer(
            items=list(queryset.select_related(None)), officer=officer, by=request.user
        ),
        title=_("Assign a responsible officer"),
        done=lambda changed: ngettext(
            "%(count)d has a new responsible officer.",
            "%(count)d have a new responsible officer.",
            changed,
        ),
        listed={"items": list(queryset[:500])},
    )


def _responsible_name(queryset, case_path: str):
    """Each row's responsible officer by name, in the list's one query."""
    name = Coalesce(
        NullIf(
            Trim(Concat("first_name", Value(" "), "last_name", output_field=CharField())),
            Value(""),
        ),
        F("email"),
        output_field=CharField(),
    )
    person = User.objects.filter(pk=OuterRef("responsible_id")).annotate(n=name).values("n")[:1]
    own = ItemOfficer.objects.filter(
        item_type=ContentType.objects.get_for_model(queryset.model), item_id=OuterRef("pk")
    )
    return with_responsible(queryset, case_path).annotate(
        casework_responsible=Subquery(person), casework_own_officer=Exists(own)
    )


@admin.display(description=gettext_lazy("responsible officer"))
def responsible_column(obj) -> str:
    return getattr(obj, "casework_responsible", None) or "–"


@admin.display(description=gettext_lazy("responsible officer"))
def responsible_field(obj) -> str:
    """On the item's own page: who is responsible, and whether it follows the case's officer."""
    name = getattr(obj, "casework_responsible", None)
    if not name:
        return _("Nobody yet: the case has no case officer.")
    if obj.casework_own_officer:
        return _("%(name)s (given this one)") % {"name": name}
    return _("%(name)s (the case's officer)") % {"name": name}


def officer_filter(field: str) -> type[admin.SimpleListFilter]:
    """A changelist filter by who is responsible (`field`, a lookup giving the officer's pk):
    mine, each case officer, or nobody yet."""

    class OfficerFilter(admin.SimpleListFilter):
        title = gettext_lazy("responsible officer")
        parameter_name = "officer"

        def lookups(self, request, model_admin):
            return [
                ("mine", _("Mine")),
                *((str(o.pk), o.get_full_name() or o.email) for o in services.officers()),
                ("none", _("Nobody yet")),
            ]

        def queryset(self, request, queryset):
            value = self.value()
            if value is None:
                return queryset
            if value == "mine":
                return queryset.filter(**{field: request.user.pk})
            if value == "none":
                return queryset.filter(**{f"{field}__isnull": True})
            if value.isdigit():
                return queryset.filter(**{field: int(value)})
            return queryset.none()  # an address made by hand: nothing, never an error

    return OfficerFilter


def extend_item_admin(model) -> None:
    """The changelist of a kind of thing the work queue lists (a QueueSource's model) gets the
    action to assign its responsible officer and a column naming them. Called by the app that
    registered the source (casework, for participant changes), once its admin is registered."""
    source = source_for(model)
    model_admin = admin.site.get_model_admin(model)
    model_admin.actions = [*(model_admin.actions or []), assign_item_officer]
    model_admin.list_display = [*model_admin.list_display, responsible_column]
    model_admin.list_filter = [*model_admin.list_filter, officer_filter("responsible_id")]
    model_admin.has_assign_officer_permission = lambda request: has_staff_power(
        request.user, ASSIGN_PERMISSION
    )
    get_queryset = model_admin.get_queryset

    def with_officer(request):
        return _responsible_name(get_queryset(request), source.case_path)

    model_admin.get_queryset = with_officer
    # The item's own page names its responsible officer, in a section of its own at the end.
    get_fieldsets, get_readonly_fields = model_admin.get_fieldsets, model_admin.get_readonly_fields

    def with_officer_section(request, obj=None):
        fieldsets = list(get_fieldsets(request, obj))
        # An admin without fields of its own lists its read-only ones, this one among them.
        if obj is None or responsible_field in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (gettext_lazy("Case work"), {"fields": [responsible_field]})]

    def officer_read_only(request, obj=None):
        return [*get_readonly_fields(request, obj), responsible_field]

    model_admin.get_fieldsets = with_officer_section
    model_admin.get_readonly_fields = officer_read_only


@admin.display(description=gettext_lazy("case officer"), ordering="case_officer__officer__email")
def officer_column(obj: Application) -> str:
    officer = getattr(getattr(obj, "case_officer", None), "officer", None)
    return (officer.get_full_name() or officer.email) if officer else "–"


def extend_application_admin(model_admin: admin.ModelAdmin) -> None:
    model_admin.actions = [*(model_admin.actions or []), assign_officer]
    model_admin.inlines = [*model_admin.inlines, MessageInline, AssignmentInline]
    model_admin.list_display = [*model_admin.list_display, officer_column]
    model_admin.list_select_related = [
        *model_admin.list_select_related,
        "case_officer__officer",
    ]
    model_admin.list_filter = [*model_admin.list_filter, officer_filter("case_officer__officer")]
    # The case's page also has a form to write in the thread (or an internal note).
    model_admin.change_form_template = "admin/casework/application_change_form.html"
    change_view = model_admin.change_view

    def with_thread_form(request, object_id, form_url="", extra_context=None):
        form = MessageForm(notes=True) if has_staff_power(request.user, WRITE_PERMISSION) else None
        return change_view(
            request, object_id, form_url, {"casework_form": form} | (extra_context or {})
        )

    model_admin.change_view = with_thread_form


extend_application_admin(admin.site.get_model_admin(Application))
extend_item_admin(ParticipantChange)
_round_admin = admin.site.get_model_admin(ApplicationRound)
_round_admin.inlines = [*_round_admin.inlines, RoundLeadInline]
