"""Step 6 of the application: attachments, uploaded, listed, downloaded and removed.

Everyone who can see the case can list and download its attachments; those who may edit it
upload and remove them while the application is editable. Files are served only here.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core import uploads as checks
from core.downloads import upload_download
from core.refusals import attempt

from .. import uploads
from ..access import Action, get_case
from ..models import Attachment
from .wizard import case_queryset, wizard_context


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": checks.ACCEPT}),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=checks.DESCRIPTION_MAX_LENGTH,
        required=False,
        help_text=gettext_lazy("What the document is, e.g. the political decision and its date."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt), at most %(max)s."
        ) % {"max": filesizeformat(checks.max_bytes())}


@login_required
@never_cache
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    posted = request.method == "POST"
    action = Action.EDIT if posted else Action.VIEW
    case = get_case(request.user, pk, action, queryset=case_queryset())
    application = case.application
    form = AttachmentForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            attachment = uploads.add_attachment(
                application=application,
                uploaded_file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(name)s has been attached.") % {"name": attachment.original_name}
            )
            return redirect(request.get_full_path())  # keeps ?return=review
    context = wizard_context(application, "attachments") | {
        "form": form,
        "attachments": application.attachments.select_related("uploaded_by"),
        "can_edit": case.can_edit,
        "max_size": checks.max_bytes(),
    }
    return render(request, "applications/attachments.html", context)


@login_required
@require_POST
def delete_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.EDIT).application
    attachment = get_object_or_404(Attachment, application=application, pk=attachment_pk)
    attempt(
        request,
        lambda: uploads.delete_attachment(attachment=attachment, by=request.user),
        success=_("%(name)s has been removed.") % {"name": attachment.original_name},
    )
    return redirect("applications:attachments", pk=application.pk)


@login_required
@never_cache
def download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    application = get_case(request.user, pk, Action.VIEW).application
    attachment = get_object_or_404(Attachment, application=application, pk=attachment_pk)
    return upload_download(attachment)
