"""A review workflow written once as data: which transition leads from which states to which,
who may make it, and whether it needs a comment. Applications and reports each have a table;
their services make the transitions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.functional import Promise


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    label: Promise
    by_staff: bool
    needs_comment: bool = False


class TransitionTable:
    def __init__(
        self, transitions: Iterable[Transition], *, statuses: type[TextChoices], refusal: Promise
    ) -> None:
        """`refusal` says that a transition is not possible, with `%(action)s` and `%(status)s`."""
        self._transitions = {t.name: t for t in transitions}
        self._statuses = statuses
        self._refusal = refusal

    def __contains__(self, name: object) -> bool:
        return name in self._transitions

    def __getitem__(self, name: str) -> Transition:
        return self._transitions[name]

    def staff_transitions(self, status: str) -> list[Transition]:
        """The transitions staff can make from `status`, in the table's order."""
        return [t for t in self._transitions.values() if t.by_staff and status in t.sources]

    def check(self, status: str, name: str) -> Transition:
        """The transition `name` if it leads out of `status`; a clear error otherwise."""
        transition = self._transitions[name]
        if status not in transition.sources:
            raise ValidationError(
                str(self._refusal)
                % {"action": transition.label, "status": self._statuses(status).label.lower()}
            )
        return transition
