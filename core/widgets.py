"""Form widgets shared by the public filters."""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import count
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# An option as written once: its value, and its markup unselected and selected.
Option = tuple[str, SafeString, SafeString]
Group = tuple[str | None, list[Option]]

# {(widget, language): (version, when, its options)}: the latest version only, so it stays
# small; rewritten after MAX_AGE seconds too, so a change that bumped no version heals.
_written: dict[tuple[int, str], tuple[str, float, list[Group]]] = {}
MAX_AGE = 600
_widgets = count()


class FastSelect(forms.Select):
    """A <select> whose options are written in Python, not through one template include per
    option as Django's are. Same markup; on the public search, with its 300-odd municipalities,
    the includes were most of the page's rendering time.

    With `choices_version` (a callable naming the version of the data the choices come from)
    the options, and the query behind them, are written once per version and language in each
    process and shared by every form: a request only marks its selected option.
    """

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        choices_version: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(attrs, choices)
        self.choices_version = choices_version
        self.written_as = next(_widgets)  # kept by the copies each form makes of the widget

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        chosen = set(widget["value"])
        # Django lists each option outside an <optgroup> as a group of its own: only real
        # groups are wrapped, so a plain select costs one join, not one per option.
        lines: list[str] = []
        marked = False
        for group_name, options in self._options():
            group_lines = []
            for option_value, plain, selected in options:
                # As Django's Select: the first match only, unless several may be selected.
                if option_value in chosen and (self.allow_multiple_selected or not marked):
                    group_lines.append(selected)
                    marked = True
                else:
                    group_lines.append(plain)
            if group_name:
                html = mark_safe("\n".join(group_lines))  # noqa: S308 - each option escaped when written
                lines.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, html))
            else:
                lines.extend(group_lines)
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("\n".join(lines)),  # noqa: S308 - every part was escaped above
        )

    def _options(self) -> list[Group]:
        if self.choices_version is None:
            return self._write()
        key = (self.written_as, get_language() or "")
        version = self.choices_version()
        now = time.monotonic()
        kept = _written.get(key)
        if kept is None or kept[0] != version or now - kept[1] > MAX_AGE:
            kept = _written[key] = (version, now, self._write())
        return kept[2]

    def _write(self) -> list[Group]:
        return [
            (
                group_name,
                [
                    (
                        str(option["value"]),
                        format_html(
                            '<option value="{}">{}</option>', option["value"], option["label"]
                        ),
                        format_html(
                            '<option value="{}" selected>{}</option>',
                            option["value"],
                            option["label"],
                        ),
                    )
                    for option in options
                ],
            )
            for group_name, options, _index in self.optgroups("", [])
        ]
