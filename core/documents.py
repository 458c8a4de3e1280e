"""Documents rendered once: a PDF made in a worker, stored with its checksum, never made twice.

`StoredPDF` is the one base for such a document (a receipt, a participant form, a report, a
decision letter, an agreement): a subclass names its template and says what it shows; the base
renders it in the document's language (core.pdf) and stores it under the row's lock."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


def render_once(
    queryset: models.QuerySet,
    pk: int,
    *,
    render: Callable[[models.Model], bytes],
    fields: Sequence[str] = ("file", "checksum", "rendered_at"),
    wanted: Callable[[models.Model], bool] | None = None,
) -> models.Model | None:
    """Render the document of the object `pk` of `queryset` and store it in `fields` (the file,
    its SHA-256, when), unless it has its file already or `wanted(obj)` says it needs none.

    The row stays locked while the document is made, so two workers given the same id render
    it once."""
    file_field, checksum_field, at_field = fields
    with transaction.atomic():
        obj = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
        if obj is None or getattr(obj, file_field) or (wanted is not None and not wanted(obj)):
            return obj
        content = render(obj)
        getattr(obj, file_field).save(f"{obj.pk}.pdf", ContentFile(content), save=False)
        setattr(obj, checksum_field, hashlib.sha256(content).hexdigest())
        setattr(obj, at_field, timezone.now())
        obj.save(update_fields=list(fields))
    logger.info("rendered %s %s (%d bytes)", obj._meta.verbose_name, obj.pk, len(content))
    return obj


class StoredPDF:
    """The PDF of one object: `template` rendered in the object's language with `context(obj)`,
    `footer(obj)` on every page, stored in `fields` of the object once (`render_once`).

    A subclass sets `template` and writes `queryset`, `context` and `footer` (the last two are
    called in the document's language, so their labels are in it); `language` and `wanted`
    have defaults (the object's `language` field; every object wants its document)."""

    template: ClassVar[str]
    fields: ClassVar[tuple[str, str, str]] = ("file", "checksum", "rendered_at")

    def queryset(self) -> models.QuerySet:
        raise NotImplementedError

    def language(self, obj: Any) -> str:
        return obj.language

    def context(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def footer(self, obj: Any) -> str:
        raise NotImplementedError

    def wanted(self, obj: Any) -> bool:
        return True

    def render(self, obj: Any) -> bytes:
        """The document's bytes, not stored (render_once stores them)."""
        # WeasyPrint takes half a second to import; only workers render, so only they pay for it.
        from core.pdf import render_pdf

        language = self.language(obj)
        with translation.override(language):
            return render_pdf(
                template=self.template,
                context=self.context(obj),
                language=language,
                footer=self.footer(obj),
            )

    def render_once(self, pk: int) -> Any:
        """Render and store the document of the object `pk`, unless it has it or wants none;
        the object as stored (None when there is no such object)."""
        return render_once(
            self.queryset(), pk, render=self.render, fields=self.fields, wanted=self.wanted
        )
