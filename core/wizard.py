"""The step machinery every multi-page form of the portal shares (the application wizard, the
report wizard): the steps and their addresses, the stepper's context, where "save", "next" and
"previous" lead, and the one way a step is saved — the row locked and checked to be still
editable, so nothing changes under a submission.

An app describes its steps with `Step` and a `Wizard`; its view calls `run_step`. The write itself
is the app's service (it calls `save_locked`), never the view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .refusals import show_refusal

# The error summary's title (base.html lists each error) on a step sent with invalid input.
NOT_SAVED = gettext_lazy("Some fields need attention; nothing on this page was saved.")


@dataclass(frozen=True)
class Step:
    """One page of a wizard. `build(obj, data=None)` returns its forms by name; a step without
    `build` is a page of its own (`url_name`, taking the object's pk)."""

    slug: str
    title: str
    build: Callable[..., dict] | None = None
    url_name: str | None = None
    extra_context: Callable[[dict], dict] | None = None  # forms -> more template context


@dataclass(frozen=True)
class Wizard:
    steps: tuple[Step, ...]
    step_url_name: str  # the route of a step with forms: (pk, slug)
    by_slug: dict[str, Step] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_slug", {step.slug: step for step in self.steps})

    def __iter__(self):
        return iter(self.steps)

    def get(self, slug: str) -> Step | None:
        return self.by_slug.get(slug)

    def form_step(self, slug: str) -> Step:
        """The step `slug` that the wizard's step route shows: one with forms; otherwise 404
        (an unknown slug, or a step that is a page of its own)."""
        step = self.by_slug.get(slug)
        if step is None or step.build is None:
            raise Http404
        return step

    def url(self, step: Step | str, obj) -> str:
        step = self.by_slug[step] if isinstance(step, str) else step
        if step.url_name:
            return reverse(step.url_name, args=[obj.pk])
        return reverse(self.step_url_name, args=[obj.pk, step.slug])

    def neighbours(self, slug: str) -> tuple[Step | None, Step | None]:
        index = [s.slug for s in self.steps].index(slug)
        previous = self.steps[index - 1] if index > 0 else None
        following = self.steps[index + 1] if index + 1 < len(self.steps) else None
        return previous, following

    def context(self, obj, current: str) -> dict:
        """What the stepper and the step's buttons need."""
        previous, following = self.neighbours(current)
        return {
            "steps": [(step, self.url(step, obj)) for step in self.steps],
            "current_step": self.by_slug[current],
            "previous_url": self.url(previous, obj) if previous else None,
            "next_url": self.url(following, obj) if following else None,
        }

    def after_save(self, request: HttpRequest, obj, slug: str) -> str:
        """Where a saved step leads: the next or previous step, or the same step again."""
        previous, following = self.neighbours(slug)
        if "next" in request.POST and following:
            return self.url(following, obj)
        if "previous" in request.POST and previous:
            return self.url(previous, obj)
        messages.success(request, _("Saved."))
        return self.url(slug, obj)


def run_step(
    request: HttpRequest,
    wizard: Wizard,
    obj,
    step: Step,
    *,
    save: Callable[[Iterable], object],
    template: str,
    context: dict,
    refused_url: str,
    forms: dict | None = None,
    after_save: Callable[[object], str] | None = None,
) -> HttpResponse:
    """Show a step, or save it (`post_step`); invalid forms re-render with the input kept,
    nothing saved and the error summary's title saying so."""
    if request.method == "POST":
        posted = post_step(
            request,
            step,
            obj,
            save=save,
            refused_url=refused_url,
            after_save=after_save or (lambda saved: wizard.after_save(request, obj, step.slug)),
        )
        if isinstance(posted, HttpResponse):
            return posted
        forms = posted
        context = context | {"error_summary_title": NOT_SAVED}
    elif forms is None:
        forms = step.build(obj)
    return render_step(request, wizard, obj, step, template=template, context=context, forms=forms)


def post_step(
    request: HttpRequest,
    step: Step,
    obj,
    *,
    save: Callable[[Iterable], object],
    refused_url: str,
    after_save: Callable[[object], str],
) -> HttpResponse | dict:
    """A posted step: valid forms go to `save` (the app's service, which locks and re-checks)
    and lead to `after_save(what save returned)`; a save the service refuses (the case was
    submitted meanwhile) leads to `refused_url` with the reasons. Invalid forms come back,
    bound, for the page to show again; nothing is saved."""
    forms = step.build(obj, request.POST)
    if not all(form.is_valid() for form in forms.values()):
        return forms
    try:
        saved = save(forms.values())
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(refused_url)
    return redirect(after_save(saved))


def render_step(
    request: HttpRequest, wizard: Wizard, obj, step: Step, *, template: str, context: dict, forms
) -> HttpResponse:
    """The step's page with `forms` (bound or not) and the stepper."""
    full = context | wizard.context(obj, step.slug) | forms
    if step.extra_context:
        full |= step.extra_context(forms)
    return render(request, template, full)


@transaction.atomic
def save_locked(
    model: type[models.Model],
    pk: int,
    forms: Iterable,
    *,
    editable: Callable[[models.Model], bool],
    refused: str,
) -> models.Model:
    """Save one step's valid forms with the row `pk` locked (select_for_update), after checking
    it is still `editable`; otherwise ValidationError(`refused`) and nothing is saved."""
    locked = model.objects.select_for_update(of=("self",)).get(pk=pk)
    if not editable(locked):
        raise ValidationError(refused)
    for form in forms:
        form.save()
    model.objects.filter(pk=pk).update(updated_at=timezone.now())
    return locked
