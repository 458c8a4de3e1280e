"""The GDPR access request: staff download everything held about one person as JSON.

Under /admin/, so staff have given their second factor (core.mfa); also needs the
`privacy.export_personal_data` permission. The address travels in the POST body, never in
the URL, and the export is logged without the person's data.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.models import User
from core.security import log_security_event

from .export import export_json
from .forms import ExportForm

PERMISSION = "privacy.export_personal_data"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (user.is_active and user.is_staff and user.has_perm(PERMISSION)):
        raise PermissionDenied
    form = ExportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        email = form.cleaned_data["email"]
        subject = User.objects.filter(email__iexact=email).values_list("pk", flat=True).first()
        log_security_event("privacy.export", by=user.pk, subject_user=subject)
        response = StreamingHttpResponse(
            export_json(email), content_type="application/json; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        # The file name says when, not whom: a download folder is not the place for addresses.
        response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
        response["Cache-Control"] = "no-store, private"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    context = admin.site.each_context(request) | {"form": form, "title": _("Export personal data")}
    return render(request, "privacy/export.html", context)
