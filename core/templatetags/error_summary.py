"""The error summary every page with a form shares (the GOV.UK pattern): at the top of the main
content, one link per error to the field or row that has it, and the page's title prefixed so a
screen-reader user hears at once that the page came back with errors.

The tags look through the page's context for bound forms and formsets, so a view needs nothing
but its forms; `error_summary_title` in the context says what did not happen (default: "There is
a problem"), or a page's template says it by overriding the block `error_summary` of base.html
with `{% error_summary title=... %}`. A formset may name its rows with `row_label` ("Person in the Swedish team").
No queries: the forms were validated by the view.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@dataclass(frozen=True)
class ErrorLink:
    anchor: str
    text: str


def _field_anchor(field: forms.BoundField) -> str:
    # Checkboxes and radios have one input each: the first one stands for the group.
    if isinstance(field.field.widget, forms.RadioSelect | forms.MultiWidget):
        return f"{field.auto_id}_0"
    return field.auto_id


def _form_links(form: forms.BaseForm, *, row: str = "", anchor: str = "") -> list[ErrorLink]:
    visible = form.visible_fields()
    # An error of the whole form (or of a hidden field) points at the row or the first field.
    fallback = anchor or (_field_anchor(visible[0]) if visible else "")
    prefix = f"{row}: " if row else ""
    links = [ErrorLink(fallback, prefix + str(error)) for error in form.non_field_errors()]
    for field in form.hidden_fields():
        links += [ErrorLink(fallback, prefix + str(error)) for error in field.errors]
    for field in visible:
        links += [
            ErrorLink(_field_anchor(field), f"{prefix}{field.label} – {error}")
            for error in field.errors
        ]
    return links


def _formset_links(formset: BaseFormSet) -> list[ErrorLink]:
    rows = f"{formset.prefix}-rows"
    links = [ErrorLink(rows, str(error)) for error in formset.non_form_errors()]
    label = getattr(formset, "row_label", None) or _("Row")
    for number, form in enumerate(formset.forms, start=1):
        links += _form_links(form, row=f"{label} {number}", anchor=form.prefix)
    return links


def error_links(context: template.Context) -> list[ErrorLink]:
    """Every error of the bound forms and formsets in `context`, in the order of the context."""
    seen: set[int] = set()
    links: list[ErrorLink] = []
    for value in context.flatten().values():
        # A lazy value nobody used yet is no form the view validated; asking it would run it
        # (the CSRF token's sets a cookie, so no public page could be kept in the cache).
        if isinstance(value, LazyObject) and value._wrapped is empty:
            continue
        if id(value) in seen or not getattr(value, "is_bound", False):
            continue
        seen.add(id(value))
        if isinstance(value, BaseFormSet):
            seen.update(id(form) for form in value.forms)
            links += _formset_links(value)
        elif isinstance(value, forms.BaseForm):
            links += _form_links(value)
    return links


@register.inclusion_tag("core/fragment_error_summary.html", takes_context=True)
def error_summary(context: template.Context, title: str = "") -> dict:
    return {
        "links": error_links(context),
        "title": title or context.get("error_summary_title") or _("There is a problem"),
    }


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """The prefix "Fel: 2 fel – " before the page's title when the page came back with errors."""
    count = len(error_links(context))
    if not count:
        return ""
    return ngettext("Error: %(count)d error – ", "Error: %(count)d errors – ", count) % {
        "count": count
    }
