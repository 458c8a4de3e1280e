"""`as_plain_field`: a form field as crispy-bootstrap5's `as_crispy_field` writes it, in Python.

For the public search's filters (text, number and select widgets, no checkboxes or files):
through crispy's cascade of templates its eleven fields were half the search page's rendering
time with the cache cold. Same markup, same ids (the error summary links to them), same
classes; the ARIA attributes come from Django's BoundField as they do under crispy.
"""

from __future__ import annotations

from django import forms, template
from django.forms import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ASTERISK = mark_safe('<span class="asteriskField">*</span>')


@register.filter
def as_plain_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.FileInput):
        raise TypeError(f"as_plain_field writes text, number and select fields, not {widget!r}")
    # crispy's classes: the widget's own, its class name (its marker), bootstrap's.
    classes = [widget.attrs.get("class", ""), widget.__class__.__name__.lower()]
    classes.append("form-select" if isinstance(widget, forms.Select) else "form-control")
    if field.errors:
        classes.append("is-invalid")
    html_widget = field.as_widget(attrs={"class": " ".join(c for c in classes if c)})
    required = field.field.required
    label = format_html(
        '<label for="{}" class="form-label{}">{}{}</label>',
        field.id_for_label,
        " requiredField" if required else "",
        field.label,
        ASTERISK if required else "",
    )
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, e) for n, e in enumerate(field.errors, start=1)),
            ),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        field.auto_id,
        label,
        html_widget,
        errors,
        help_text,
    )
