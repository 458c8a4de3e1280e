"""The kit's wizard step (core.wizard) and refusal messages (core.refusals) on their own, with a
plain form: both wizards and every view that shows a refused change build on these."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages import ERROR, SUCCESS
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.test import RequestFactory

from core.refusals import attempt, attempt_each, show_refusal
from core.wizard import Step, Wizard, post_step


class NameForm(forms.Form):
    name = forms.CharField()


def _build(obj, data=None) -> dict:
    return {"form": NameForm(data)}


WIZARD = Wizard(
    (Step("name", "Name", _build), Step("review", "Review", url_name="applications:review")),
    step_url_name="applications:step",
)
OBJ = SimpleNamespace(pk=7)


def _request(data: dict | None = None):
    request = RequestFactory().post("/", data or {})
    request._messages = CookieStorage(request)
    return request


def _messages(request) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in request._messages]


def test_form_step_gives_a_step_with_forms():
    assert WIZARD.form_step("name").slug == "name"


@pytest.mark.parametrize("slug", ["nonsense", "review"])
def test_form_step_is_404_for_an_unknown_step_and_for_a_page_of_its_own(slug):
    with pytest.raises(Http404):
        WIZARD.form_step(slug)


def test_a_valid_step_is_saved_and_leads_where_after_save_says_with_what_save_returned():
    saved = []

    def save(forms):
        saved.extend(form.cleaned_data["name"] for form in forms)
        return "saved-object"

    response = post_step(
        _request({"name": "Malmö"}),
        WIZARD.steps[0],
        OBJ,
        save=save,
        refused_url="/refused/",
        after_save=lambda result: f"/after/{result}/",
    )
    assert saved == ["Malmö"]
    assert isinstance(response, HttpResponseRedirect)
    assert response.url == "/after/saved-object/"


def test_an_invalid_step_comes_back_bound_with_its_errors_and_nothing_saved():
    saved = []
    forms = post_step(
        _request({"name": ""}),
        WIZARD.steps[0],
        OBJ,
        save=saved.append,
        refused_url="/refused/",
        after_save=lambda result: "/after/",
    )
    assert saved == []
    assert forms["form"].is_bound
    assert "name" in forms["form"].errors


def test_a_refused_save_leads_to_the_refused_page_with_each_reason():
    def save(forms):
        raise ValidationError(["The case was submitted.", "Nothing was saved."])

    request = _request({"name": "Malmö"})
    response = post_step(
        request,
        WIZARD.steps[0],
        OBJ,
        save=save,
        refused_url="/refused/",
        after_save=lambda result: "/after/",
    )
    assert response.url == "/refused/"
    assert _messages(request) == [
        (ERROR, "The case was submitted."),
        (ERROR, "Nothing was saved."),
    ]


def test_show_refusal_gives_each_reason_a_message_of_its_own():
    request = _request()
    show_refusal(request, ValidationError({"field": ["One."], "other": ["Two."]}))
    assert _messages(request) == [(ERROR, "One."), (ERROR, "Two.")]


def test_attempt_says_success_when_the_change_is_made():
    request = _request()
    made = []
    assert attempt(request, lambda: made.append(1), success="Done.") is True
    assert made == [1]
    assert _messages(request) == [(SUCCESS, "Done.")]


def test_attempt_gives_the_reasons_and_no_success_when_the_change_is_refused():
    request = _request()

    def refuse():
        raise ValidationError("Not now.")

    assert attempt(request, refuse, success="Done.") is False
    assert _messages(request) == [(ERROR, "Not now.")]


def test_attempt_each_counts_the_changes_made_and_names_each_refused_object():
    request = _request()
    made = []

    def change(name):
        if name == "Lund":
            raise ValidationError(["Decided meanwhile.", "Not yours."])
        made.append(name)

    assert attempt_each(request, ["Malmö", "Lund", "Umeå"], change) == 2
    assert made == ["Malmö", "Umeå"]
    assert _messages(request) == [(ERROR, "Lund: Decided meanwhile."), (ERROR, "Lund: Not yours.")]
