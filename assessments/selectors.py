"""Reads before the decision: a screening with its reasons; what the decision reads of the
officer's recommendation."""

from __future__ import annotations

from applications.models import Application

from .models import Screening


def screening_of(application: Application) -> Screening | None:
    return (
        Screening.objects.filter(application=application)
        .prefetch_related("reasons", "events__actor")
        .first()
    )
