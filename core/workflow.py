"""The case-workflow kit: a state machine written once as data, and the one way to move along it.

Each app declares its table in `<app>/workflow.py`: which transition leads from which states to
which, who may make it, whether it needs a comment, and what else happens with it. `apply()`
makes a transition the same way everywhere: one transaction, the object's row locked (so two
people acting at once give one outcome), the checks, an event recording who/when/why
(`record_event`, the one writer of workflow events), and work queued after commit. A table
without events (a membership request, an interest registration) leaves the record to the
object's own fields and its audit history, which names who made the transition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .staff import check_staff_decision

if TYPE_CHECKING:
    from core.models import StatusEvent, User

# A hook gets the locked object and the transition's arguments: hook(obj, by=, comment=, **details).
Hook = Callable[..., None]


@dataclass(frozen=True)
class Transition:
    """One move of a workflow.

    A staff decision names the `permission` (``"app.codename"``) it needs, besides a staff
    account (core.staff.check_staff_decision; the second factor is checked by the request). An applicant's move names `may(user, obj)`, who may
    make it; `refused` is the message when they may not (PermissionDenied without one).
    `before` runs on the locked object before its status changes (checks raise ValidationError;
    it may set further fields, all saved with the status), `after` once it is saved, in the same
    transaction, and `on_commit` after the commit (Celery work). A `target` of None removes the
    object instead (a declined request; its audit history keeps it), only in a table without
    events.
    """

    name: str
    sources: frozenset[str]
    target: str | None
    label: Promise
    permission: str | None = None
    may: Callable[[Any, Any], bool] | None = None
    refused: Promise | None = None
    needs_comment: bool = False
    before: Hook | None = None
    after: Hook | None = None
    on_commit: Hook | None = None

    @property
    def by_staff(self) -> bool:
        return self.permission is not None


def _owner_field(event: type[models.Model], model: type[models.Model]) -> str:
    """The name of the event's foreign key to the object whose history it is."""
    for field in event._meta.get_fields():
        if field.many_to_one and field.related_model is model:
            return field.name
    raise LookupError(f"{event.__name__} has no foreign key to {model.__name__}")


def record_event(
    event: type[StatusEvent],
    obj: models.Model,
    *,
    by: User,
    to: str,
    comment: str = "",
    from_status: str | None = None,
) -> StatusEvent:
    """Write who moved `obj` from its status (or `from_status`) to `to`, and set its status;
    the caller saves `obj`. Every workflow event of the portal is written here."""
    entry = event.objects.create(
        **{_owner_field(event, type(obj)): obj},
        actor=by,
        from_status=obj.status if from_status is None else from_status,
        to_status=to,
        comment=comment,
    )
    obj.status = to
    return entry


class TransitionTable:
    def __init__(
        self,
        transitions: Iterable[Transition],
        *,
        model: type[models.Model],
        event: type[StatusEvent] | None,
        refusal: Promise,
        parties: Callable[[Any, Any], bool] | None = None,
        select_related: Sequence[str] = (),
    ) -> None:
        """`refusal` says that a transition is not possible, with `%(action)s` and `%(status)s`;
        `parties(user, obj)` whether `user` is on the applicant's side of `obj` (then they never
        decide on it as staff); `select_related` is what the hooks read of the locked object.
        `event` None: no events, the object's fields and audit history record the transitions."""
        self._transitions = {t.name: t for t in transitions}
        if event is not None and any(t.target is None for t in self._transitions.values()):
            raise ValueError("A transition that removes the object would remove its events too.")
        self.model = model
        self.event = event
        self._refusal = refusal
        self._parties = parties
        self._select_related = tuple(select_related)
        self._status_labels = dict(model._meta.get_field("status").flatchoices)
        # Hooks that apps building on this one register (`also_after`), run after the table's own.
        self._also_after: dict[str, list[Hook]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._transitions

    def __getitem__(self, name: str) -> Transition:
        return self._transitions[name]

    def __iter__(self):
        return iter(self._transitions.values())

    def get(self, name: str) -> Transition | None:
        return self._transitions.get(name)

    def also_after(self, name: str, hook: Hook) -> None:
        """Run `hook` after the transition `name`'s own `after`, in the same transaction: how an
        app that depends on this one adds to a transition without the table depending on it."""
        self._transitions[name]  # a KeyError for a transition that does not exist
        hooks = self._also_after.setdefault(name, [])
        if hook not in hooks:
            hooks.append(hook)

    def staff_transitions(self, status: str) -> list[Transition]:
        """The transitions staff can make from `status`, in the table's order."""
        return [t for t in self._transitions.values() if t.by_staff and status in t.sources]

    def decisions_for(self, obj: models.Model, user: User) -> list[Transition]:
        """The staff transitions `user` has the permission to make on `obj` now."""
        return [t for t in self.staff_transitions(obj.status) if user.has_perm(t.permission)]

    def check(self, status: str, name: str) -> Transition:
        """The transition `name` if it leads out of `status`; a clear error otherwise."""
        transition = self._transitions[name]
        if status not in transition.sources:
            self._refuse(transition, self._status_labels.get(status, status))
        return transition

    def _refuse(self, transition: Transition, status: object) -> None:
        label = str(status).lower()
        raise ValidationError(str(self._refusal) % {"action": transition.label, "status": label})

    def lock(self, obj: models.Model) -> models.Model:
        # Only the object's own row (of=self): nullable relations cannot be locked.
        return (
            self.model.objects.select_for_update(of=("self",))
            .select_related(*self._select_related)
            .get(pk=obj.pk)
        )

    def authorise(self, transition: Transition, obj: models.Model, by: User) -> None:
        if transition.by_staff:
            own = self._parties is not None and self._parties(by, obj)
            check_staff_decision(by, permission=transition.permission, own=own)
        elif transition.may is not None and not transition.may(by, obj):
            if transition.refused is None:
                raise PermissionDenied
            raise ValidationError(str(transition.refused))

    @transaction.atomic
    def apply(self, obj: models.Model, name: str, *, by: User, comment: str = "", **details):
        """Make the transition `name` on `obj` and return the object as saved.

        `details` go to the transition's hooks (e.g. what a proposal contains)."""
        transition = self._transitions[name]
        try:
            obj = self.lock(obj)
        except self.model.DoesNotExist:
            # Removed meanwhile (e.g. a request declined at the same moment).
            self._refuse(transition, _("removed"))
        self.authorise(transition, obj, by)
        self.check(obj.status, name)
        comment = comment.strip()
        if transition.needs_comment and not comment:
            raise ValidationError(_("Write a comment: the coordinator needs to know why."))
        if transition.before is not None:
            transition.before(obj, by=by, comment=comment, **details)
        obj._history_user = by  # the audit history names who made it, also outside a request
        if transition.target is None:
            obj.delete()
        else:
            if self.event is not None:
                record_event(self.event, obj, by=by, to=transition.target, comment=comment)
            else:
                obj.status = transition.target
            obj.save()
        if transition.after is not None:
            transition.after(obj, by=by, comment=comment, **details)
        for hook in self._also_after.get(name, ()):
            hook(obj, by=by, comment=comment, **details)
        if transition.on_commit is not None:
            hook = transition.on_commit
            transaction.on_commit(lambda: hook(obj, by=by, comment=comment, **details))
        return obj
