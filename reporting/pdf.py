"""The PDF of a submitted report, in the case's language, through core.pdf."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from .models import Report
from .selectors import grant_comparison, report_page_queryset


def report_pdf(report: Report) -> bytes:
    # WeasyPrint takes half a second to import; only workers render, so only they pay for it.
    from core.pdf import render_pdf

    report = report_page_queryset().get(pk=report.pk)
    language = report.application.language
    with translation.override(language):
        return render_pdf(
            template="reporting/pdf/report.html",
            context={
                "report": report,
                "application": report.application,
                "comparison": grant_comparison(report),
            },
            language=language,
            footer=_("%(report)s · submitted %(date)s")
            % {"report": report, "date": report.submitted_at.date().isoformat()},
        )
