"""core.widgets.FastSelect: Django's markup, written once per version of its choices."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from core.widgets import FastSelect
from partnerships.models import Country

CHOICES = [("", "All"), ("KE", "Kenya"), ("UG", "Uganda & <co>"), ("XX", "Group")]


def rendered(widget: forms.Select, value) -> str:
    return widget.render("country", value, attrs={"id": "id_country"})


@pytest.mark.parametrize("value", [None, "", "UG", "nothing"])
def test_it_writes_the_markup_djangos_select_writes(value):
    fast = FastSelect(choices=CHOICES, choices_version=lambda: "1")
    django = forms.Select(choices=CHOICES)
    assert rendered(fast, value).split() == rendered(django, value).split()


def test_it_marks_the_selected_option_of_each_request_from_the_options_written_once():
    versions = iter(["1", "1"])
    widget = FastSelect(choices=CHOICES, choices_version=lambda: next(versions))
    assert '<option value="KE" selected>' in rendered(widget, "KE")
    second = rendered(widget, "UG")
    assert '<option value="UG" selected>Uganda &amp; &lt;co&gt;</option>' in second
    assert '<option value="KE">' in second


@pytest.mark.django_db
def test_the_choices_query_runs_once_per_version_and_language(django_assert_num_queries):
    version = ["1"]

    class Form(forms.Form):
        country = forms.ModelChoiceField(
            Country.objects.order_by("code"),
            to_field_name="code",
            widget=FastSelect(choices_version=lambda: version[0]),
        )

    with django_assert_num_queries(1):
        first = str(Form()["country"])
    with django_assert_num_queries(0):
        assert str(Form()["country"]) == first
    with translation.override("en"), django_assert_num_queries(1):
        str(Form()["country"])
    Country.objects.create(code="QQ", name_sv="Qland", name_en="Qland")
    assert 'value="QQ"' not in str(Form()["country"])  # the same version: as written
    version[0] = "2"
    with django_assert_num_queries(1):
        assert '<option value="QQ">Qland</option>' in str(Form()["country"])
