"""Panels: the parts of one app's page that apps above it fill in.

The case page belongs to `applications`, but the decision, the agreement, the reports and the
messages on it belong to apps that import applications, not the other way round. Each of those
apps registers a `Panel` in its `AppConfig.ready`: the template it renders and a selector that
gives the template its context (None: the panel has nothing to show). The page's view asks
`Panels.fill(user, obj)`, so every query runs in the view, before the page is rendered, and no
template tag runs one; the page's template includes each filled panel with its context as
`data` (`{% for panel in panels %}{% include panel.template with data=panel.context %}`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    # (user, obj) -> the template's `data`, or None when the panel shows nothing.
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 0


@dataclass(frozen=True)
class FilledPanel:
    key: str
    template: str
    context: dict[str, Any]


class Panels:
    """The panels of one page, in `order` (then key)."""

    def __init__(self) -> None:
        self._panels: dict[str, Panel] = {}

    def register(self, panel: Panel) -> None:
        # By key: an app registering again (a second `ready`) replaces its panel.
        self._panels[panel.key] = panel

    def fill(self, user, obj) -> list[FilledPanel]:
        filled = []
        for panel in sorted(self._panels.values(), key=lambda p: (p.order, p.key)):
            context = panel.context(user, obj)
            if context is not None:
                filled.append(FilledPanel(panel.key, panel.template, context))
        return filled
