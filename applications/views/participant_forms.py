"""Downloading a version of a case's participant form (deltagarformulär)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.downloads import file_download

from ..access import Action, get_case
from ..models import ParticipantFormVersion


@login_required
@never_cache
def download(request: HttpRequest, pk: int, version: int) -> FileResponse:
    application = get_case(request.user, pk, Action.VIEW).application
    # Until the task has rendered it, the version has no file to give.
    form = get_object_or_404(
        ParticipantFormVersion.objects.exclude(file=""), application=application, version=version
    )
    filename = "{}-{}-v{}.pdf".format(
        application.case_number, slugify(_("participant form")), form.version
    )
    return file_download(form.file, filename=filename, content_type="application/pdf")
