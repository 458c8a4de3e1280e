"""`as_plain_field` writes a field as crispy-bootstrap5's `as_crispy_field` does (the public
search's filters use it for speed): the same markup, ids and ARIA attributes, so the error
summary's links and the screen reader's descriptions do not change."""

from __future__ import annotations

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.test import RequestFactory

from core.templatetags.plain_fields import as_plain_field
from partnerships.filters import PartnershipFilter


def normalised(html: str) -> str:
    """The markup without the whitespace the two writers place differently."""
    html = re.sub(r">\s+", ">", html)
    html = re.sub(r"\s+<", "<", html)
    return re.sub(r"\s+", " ", html).strip()


class Example(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the sign.", max_length=10)
    kind = forms.ChoiceField(choices=[("", "Any"), ("a", "A")], required=False)
    year = forms.IntegerField(min_value=2000, required=False, widget=forms.NumberInput)


@pytest.mark.parametrize("data", [None, {"name": "x" * 11, "kind": "b", "year": "1999"}])
def test_each_field_is_written_as_crispy_writes_it_with_and_without_errors(data):
    form = Example(data)
    if data:
        assert not form.is_valid()
    for name in form.fields:
        assert normalised(as_plain_field(form[name])) == normalised(as_crispy_field(form[name]))


@pytest.mark.django_db
def test_the_search_filters_are_written_as_crispy_writes_them():
    request = RequestFactory().get("/", {"q": "vatten", "year_from": "1200", "year_to": "x"})
    form = PartnershipFilter(request.GET, request=request).form
    assert not form.is_valid()
    assert form.errors
    for name in form.fields:
        assert normalised(as_plain_field(form[name])) == normalised(as_crispy_field(form[name])), (
            name
        )


def test_a_checkbox_is_refused_rather_than_written_wrongly():
    class WithBox(forms.Form):
        agree = forms.BooleanField()

    with pytest.raises(TypeError):
        as_plain_field(WithBox()["agree"])
