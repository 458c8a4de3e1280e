"""Staff decisions in the admin, each on a page of its own (so a decision is never a mis-click
in a list): the object's page lists the decisions the staff member may make now, each links to
`admin:<app>_<model>_transition`, whose form asks for the comment the transition needs and makes
it through the app's transition table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .refusals import attempt
from .workflow import TransitionTable


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment to the coordinator"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, required: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record to read: it moves only through its workflow's transitions (made on pages of
    their own) or its app's own pages, and is never added, changed or deleted by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows shown on their parent's page to read, never added, changed or deleted there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return list(self.fields or ())


class StatusEventInline(ReadOnlyInline):
    """A workflow's history on the object's page: read only, never added to by hand."""

    fields = ["created_at", "actor", "from_status", "to_status", "comment"]


class DecisionAdminMixin:
    """For a ModelAdmin whose model moves along `workflow`. `decision_status` and
    `decision_help` say, in the reader's language, where the object stands and who reads the
    comment. The change form template lists `decisions` (see `core/fragment_decisions.html`)."""

    workflow: TransitionTable
    # Transitions another app makes on its own page (a higher app registers them with
    # `make_elsewhere` in its AppConfig.ready): the object's page links there instead, and this
    # page refuses them. E.g. approve/decline of an application go through the decision.
    made_elsewhere: dict[str, Callable[[Any, Any], list[tuple[str, str]]]] = {}
    # Pages of higher apps about the object (an application's screening, its assessment): each
    # registered with `add_page_links` in that app's AppConfig.ready, `links(request, obj)`
    # giving the (label, URL) pairs the object's page links to, among its tools.
    page_links: tuple[Callable[[Any, Any], list[tuple[str, str]]], ...] = ()
    decision_status: Promise = gettext_lazy("The application is now: %(status)s.")
    decision_help: Promise = gettext_lazy(
        "Required: the coordinator sees it on the case page and in the e-mail."
    )

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{opts.app_label}_{opts.model_name}_transition",
            ),
            *super().get_urls(),
        ]

    @classmethod
    def make_elsewhere(
        cls, names: Iterable[str], links: Callable[[Any, Any], list[tuple[str, str]]]
    ) -> None:
        """The transitions `names` are made elsewhere; `links(request, obj)` gives the
        (label, URL) pairs the object's page shows instead."""
        for name in names:
            cls.workflow[name]  # a KeyError for a transition that does not exist
        cls.made_elsewhere = {**cls.made_elsewhere, **dict.fromkeys(names, links)}

    @classmethod
    def add_page_links(cls, links: Callable[[Any, Any], list[tuple[str, str]]]) -> None:
        """The object's page also links to the pages `links(request, obj)` gives."""
        cls.page_links = (*cls.page_links, links)

    def status_line(self, obj) -> str:
        return self.decision_status % {"status": obj.get_status_display()}

    def decision_context(self, request, obj) -> dict:
        """What the object's page needs to offer its decisions."""
        decisions = self.workflow.decisions_for(obj, request.user)
        links: list[tuple[str, str]] = []
        for links_of in dict.fromkeys(
            self.made_elsewhere[t.name] for t in decisions if t.name in self.made_elsewhere
        ):
            links += links_of(request, obj)
        return {
            "decisions": [t for t in decisions if t.name not in self.made_elsewhere],
            "decisions_elsewhere": links,
            "page_links": [link for links_of in self.page_links for link in links_of(request, obj)],
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context = (extra_context or {}) | self.decision_context(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id: str, name: str):
        obj = self.get_object(request, object_id)
        transition = self.workflow.get(name)
        if (
            obj is None
            or transition is None
            or name in self.made_elsewhere
            or not transition.by_staff
            or not self.has_view_permission(request, obj)
            or not request.user.has_perm(transition.permission)
        ):
            raise Http404
        opts = self.model._meta
        form = DecisionForm(request.POST or None, required=transition.needs_comment)
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        if request.method == "POST" and form.is_valid():
            attempt(
                request,
                lambda: self.workflow.apply(
                    obj, name, by=request.user, comment=form.cleaned_data["comment"]
                ),
                success=_("%(action)s: done.") % {"action": transition.label},
            )
            return redirect(change_url)
        context = self.admin_site.each_context(request) | {
            "title": f"{transition.label}: {obj}",
            "opts": opts,
            "object": obj,
            "status_line": self.status_line(obj),
            "help": self.decision_help,
            "transition": transition,
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/core/decision.html", context)
