"""Keep derived public data in step with edits made through the ORM (the admin, services).

Two derived things depend on many models: `Partnership.search_text` (search.py) and the data
version behind the API's ETag (data_version.py). Receivers are used here, not explicit calls,
because every writer — the admin's inlines and many-to-many widgets included — must keep them
right, and forgetting one call would silently serve stale search results or stale 304s.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from .data_version import bump_data_version
from .models import (
    ComponentHistory,
    Country,
    County,
    PartnerOrganisation,
    Partnership,
    SubjectCategory,
    SwedishOrganisation,
)
from .search import refresh_search_text

PUBLIC_MODELS = (
    Country,
    County,
    SubjectCategory,
    SwedishOrganisation,
    PartnerOrganisation,
    Partnership,
    ComponentHistory,
)
SEARCHED_RELATIONS = (
    Partnership.additional_swedish_organisations.through,
    Partnership.additional_partner_organisations.through,
)


def public_data_changed(**kwargs: Any) -> None:
    bump_data_version()


def additional_organisations_changed(
    *,
    sender: Any,
    instance: Any,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    if reverse and action == "pre_clear":
        # After a clear from the organisation's side the rows that said which partnerships
        # it belonged to are gone; remember them now.
        column = f"{type(instance)._meta.model_name}_id"  # e.g. swedishorganisation_id
        instance._partnerships_before_clear = list(
            sender.objects.filter(**{column: instance.pk}).values_list("partnership_id", flat=True)
        )
        return
    if not action.startswith("post_"):
        return
    if not reverse:
        pks: Any = [instance.pk]
    elif action == "post_clear":
        pks = getattr(instance, "_partnerships_before_clear", [])
    else:
        pks = pk_set or []
    refresh_search_text(Partnership.objects.filter(pk__in=pks))
    bump_data_version()


def connect() -> None:
    for model in PUBLIC_MODELS:
        post_save.connect(public_data_changed, sender=model, dispatch_uid=f"{model}-saved")
        post_delete.connect(public_data_changed, sender=model, dispatch_uid=f"{model}-deleted")
    m2m_changed.connect(
        public_data_changed, sender=Partnership.categories.through, dispatch_uid="categories"
    )
    for through in SEARCHED_RELATIONS:
        m2m_changed.connect(
            additional_organisations_changed, sender=through, dispatch_uid=f"{through}-search"
        )
