from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import ApplicationRound

from .exporters import DOCUMENT_FORMATS, EXPORTERS, TABLE_FORMATS
from .models import ExportFormat


class NewExportForm(forms.Form):
    """What to export: the kind, the round (required for some kinds) and the file format."""

    kind = forms.ChoiceField(label=gettext_lazy("What to export"))
    round = forms.ModelChoiceField(
        label=gettext_lazy("Round"),
        queryset=ApplicationRound.objects.order_by("-closes_on"),
        required=False,
        empty_label=gettext_lazy("All rounds"),
        help_text=gettext_lazy("Required for the participant forms; optional for the tables."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("File format"),
        choices=[(f.value, f.label) for f in dict.fromkeys((*TABLE_FORMATS, *DOCUMENT_FORMATS))],
        initial=ExportFormat.XLSX,
        required=False,
        help_text=gettext_lazy("For tables. The participant forms always come as one ZIP."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, e.label) for kind, e in EXPORTERS.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        exporter = EXPORTERS.get(data.get("kind", ""))
        if exporter is None:
            return data
        if exporter.needs_round and not data.get("round"):
            self.add_error("round", _("Choose the round to export."))
        if len(exporter.formats) == 1:
            data["format"] = exporter.formats[0]
        elif data.get("format") not in exporter.formats:
            self.add_error("format", _("Choose a file format."))
        return data

    def parameters(self) -> dict[str, Any]:
        """The job's parameters, as plain data for the JSON field."""
        chosen = self.cleaned_data["round"]
        return {
            "round": chosen.pk if chosen else None,
            "round_name": chosen.name if chosen else "",
            "format": self.cleaned_data["format"],
        }
