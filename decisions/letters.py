"""The decision letter (beslut): rendered once, posted into the case's thread and e-mailed."""

from __future__ import annotations


def render_and_send(*, decision_id: int) -> None:
    """Filled in with the letter; until then deciding queues nothing that fails."""
    return None
