"""Exports in the admin: the "New export" page, the job list, the job page with its progress,
its status as JSON for the progress bar, and the download. Staff with the exports permissions
only ("Can add export" to start one, "Can view export" to follow and download)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.security import log_security_event

from . import services
from .forms import NewExportForm
from .models import ExportJob, ExportStatus

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "pdf": "application/pdf",
}


def progress_text(job: ExportJob) -> str:
    """The progress bar's text alternative, also what the script writes under it."""
    if job.status == ExportStatus.QUEUED:
        return _("Waiting for a worker to start the export.")
    if job.status == ExportStatus.FAILED:
        return _("The export failed.")
    if job.found_nothing:
        return job.nothing_found_text
    if job.status == ExportStatus.DONE:
        return _("Done: %(total)s of %(total)s.") % {"total": job.progress_total}
    if not job.progress_total:
        return _("Counting what to export…")
    return _("%(done)s of %(total)s done (%(percent)s %%).") % {
        "done": job.progress_done,
        "total": job.progress_total,
        "percent": job.percent,
    }


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "round_name",
        "file_format",
        "status",
        "progress",
        "requested_by",
        "created_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]

    @admin.display(description=gettext_lazy("round"))
    def round_name(self, job: ExportJob) -> str:
        return job.parameters.get("round_name") or "–"

    @admin.display(description=gettext_lazy("format"))
    def file_format(self, job: ExportJob) -> str:
        return job.format.upper()

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, job: ExportJob) -> str:
        return f"{job.progress_done} / {job.progress_total}"

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a job is what was asked for; a new export is a new job

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/status/",
                view(self.status_view),
                name="exports_exportjob_status",
            ),
            path(
                "<path:object_id>/download/",
                view(self.download_view),
                name="exports_exportjob_download",
            ),
            *super().get_urls(),
        ]

    def _job(self, request: HttpRequest, object_id: str) -> ExportJob:
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = self.get_object(request, object_id)
        if job is None:
            raise Http404
        return job

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        """The "New export" page; prefilled from the query (the round's admin links here)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = NewExportForm(request.POST)
        else:
            form = NewExportForm(initial=request.GET.dict())
        if form.is_valid():
            try:
                job = services.request_export(
                    kind=form.cleaned_data["kind"], parameters=form.parameters(), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("The export has started."), messages.SUCCESS)
                return redirect("admin:exports_exportjob_change", job.pk)
        context = self.admin_site.each_context(request) | {
            "title": _("New export"),
            "opts": self.opts,
            "form": form,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/exports/exportjob/new.html", context)

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        """The job: what was asked, its progress (refreshed by a script), then the download."""
        job = self._job(request, object_id)
        context = self.admin_site.each_context(request) | {
            "title": str(job),
            "opts": self.opts,
            "job": job,
            "progress_text": progress_text(job),
            "has_add_permission": self.has_add_permission(request),
            "has_delete_permission": self.has_delete_permission(request, job),
        }
        return TemplateResponse(request, "admin/exports/exportjob/job.html", context)

    def status_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        job = self._job(request, object_id)
        response = JsonResponse(
            {
                "status": job.status,
                "finished": job.is_finished,
                "done": job.progress_done,
                "total": job.progress_total,
                "text": progress_text(job),
            }
        )
        add_never_cache_headers(response)
        return response

    def download_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        job = self._job(request, object_id)
        if job.status != ExportStatus.DONE or not job.file:
            raise Http404
        try:
            data = job.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None  # removed from the storage behind the portal's back
        log_security_event("export_downloaded", user=request.user.pk, job=job.pk, kind=job.kind)
        response = FileResponse(
            data,
            as_attachment=True,
            filename=job.download_name,
            content_type=CONTENT_TYPES.get(job.format, "application/octet-stream"),
        )
        response["Cache-Control"] = "no-store"
        return response

    def delete_model(self, request: HttpRequest, obj: ExportJob) -> None:
        services.delete_export(job=obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for job in queryset:
            services.delete_export(job=job)
