"""Documents rendered once: a PDF made in a worker, stored with its checksum, never made twice."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

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
