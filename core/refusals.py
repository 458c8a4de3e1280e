"""How a view tells the user that a change was refused, written once for every app.

Services and transitions refuse with a ValidationError (the case was submitted meanwhile, the
rules find the application incomplete, the status no longer allows it) and never call
`messages` themselves (STYLE.md, services). The view that called them turns the refusal into
messages on the page it leads to: one message per reason, so a refusal with several reasons
lists each instead of running them together.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    """Each reason of `error` as an error message on the next page."""
    for message in error.messages:
        messages.error(request, message)


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
