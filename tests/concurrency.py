"""Two people acting at the same moment, for the tests that hold a row lock to its promise
(one approval of a payment, a report, a change; one contributor from a double click)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import connection

T = TypeVar("T")


def refused(error: ValidationError) -> str:
    return "refused"


def at_once(
    action: Callable[[T], object],
    people: Sequence[T],
    *,
    done: str = "approved",
    outcome_of_refusal: Callable[[ValidationError], str] = refused,
) -> list[str]:
    """Run `action(person)` for each of `people` in a thread of its own (so each has its own
    database connection and transaction), all released together by a barrier. Each thread's
    outcome is `done`, or what `outcome_of_refusal` makes of its ValidationError; sorted."""
    ready = threading.Barrier(len(people), timeout=30)
    outcomes: list[str] = []

    def run(person: T) -> None:
        try:
            ready.wait()
            action(person)
            outcomes.append(done)
        except ValidationError as error:
            outcomes.append(outcome_of_refusal(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)
