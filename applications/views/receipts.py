"""Downloading the receipt of a submission: the whole application as it was sent, as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.downloads import file_download

from ..access import Action, get_case
from ..models import SubmissionReceipt


@login_required
@never_cache
def download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.VIEW).application
    receipt = get_object_or_404(SubmissionReceipt, application=application, number=number)
    if not receipt.file:
        # The e-mail's link can be opened before the worker has made the PDF.
        messages.info(request, _("The receipt is being prepared; it is ready within minutes."))
        return redirect("applications:case", pk=application.pk)
    filename = "{}-{}-{}.pdf".format(application.case_number, slugify(_("receipt")), number)
    return file_download(receipt.file, filename=filename, content_type="application/pdf")
