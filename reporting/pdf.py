"""The PDF of a submitted report, in the case's language (core.documents.StoredPDF)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.documents import StoredPDF

from .models import Report
from .selectors import grant_comparison, report_page_queryset


class ReportPDF(StoredPDF):
    template = "reporting/pdf/report.html"
    fields = ("pdf", "pdf_checksum", "pdf_rendered_at")

    def queryset(self) -> QuerySet[Report]:
        return Report.objects.select_related("application__organisation")

    def language(self, report: Report) -> str:
        return report.application.language

    def context(self, report: Report) -> dict:
        report = report_page_queryset().get(pk=report.pk)
        return {
            "report": report,
            "application": report.application,
            "comparison": grant_comparison(report),
        }

    def footer(self, report: Report) -> str:
        return _("%(report)s · submitted %(date)s") % {
            "report": report,
            "date": report.submitted_at.date().isoformat(),
        }

    def wanted(self, report: Report) -> bool:
        return report.submitted_at is not None


REPORT_PDF = ReportPDF()
