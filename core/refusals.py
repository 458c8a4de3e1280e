"""How a view tells the user that a change was refused, written once for every app.

Services and transitions refuse with a ValidationError (the case was submitted meanwhile, the
rules find the application incomplete, the status no longer allows it) and never call
`messages` themselves (STYLE.md, services). The view that called them turns the refusal into
messages on the page it leads to: one message per reason, so a refusal with several reasons
lists each instead of running them together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

T = TypeVar("T")


def show_refusal(request: HttpRequest, error: ValidationError, *, about: object = None) -> None:
    """Each reason of `error` as an error message on the next page; after the name of `about`
    where the change was one of several (an admin action on a selection)."""
    for message in error.messages:
        messages.error(request, message if about is None else f"{about}: {message}")


def attempt(request: HttpRequest, change: Callable[[], object], *, success: str) -> bool:
    """Make `change` (a call of a service or a transition) and tell the user how it went:
    `success`, or the reasons it was refused. True when the change was made."""
    try:
        change()
    except ValidationError as error:
        show_refusal(request, error)
        return False
    messages.success(request, success)
    return True


def attempt_each(request: HttpRequest, objects: Iterable[T], change: Callable[[T], object]) -> int:
    """Make `change(obj)` for each of `objects` (an admin action on a selection) and name each
    one that was refused with its reasons (decided meanwhile by someone else, one's own...);
    how many changes were made."""
    made = 0
    for obj in objects:
        try:
            change(obj)
        except ValidationError as error:
            show_refusal(request, error, about=obj)
        else:
            made += 1
    return made
