"""A case's attachments: storing or removing one while the application can be edited. Which
files are accepted is core.uploads'."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.forms import check_length
from core.models import User
from core.uploads import DESCRIPTION_MAX_LENGTH, check_upload, display_name

from .access import Action, allowed_actions
from .models import Application, Attachment

logger = logging.getLogger(__name__)


def _lock_editable(application: Application, by: User, message) -> Application:
    if Action.EDIT not in allowed_actions(by, application):
        raise PermissionDenied
    # Locked so an upload cannot slip in while the application is being submitted.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise ValidationError(message)
    return application


@transaction.atomic
def add_attachment(
    *, application: Application, uploaded_file: UploadedFile, description: str, by: User
) -> Attachment:
    application = _lock_editable(
        application,
        by,
        _("The application has been submitted; attachments can no longer be added."),
    )
    try:
        content_type, _extension = check_upload(uploaded_file)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    description = (description or "").strip()
    check_length(
        description,
        field="description",
        max_length=DESCRIPTION_MAX_LENGTH,
        message=_("A description has at most %(max)d characters."),
    )
    attachment = Attachment.objects.create(
        application=application,
        file=uploaded_file,  # stored under a random name by the model's upload_to
        original_name=display_name(uploaded_file.name),
        content_type=content_type,
        size=uploaded_file.size,
        description=description,
        uploaded_by=by,
    )
    logger.info(
        "attachment added: application=%s attachment=%s by=%s",
        application.pk,
        attachment.pk,
        by.pk,
    )
    return attachment


@transaction.atomic
def delete_attachment(*, attachment: Attachment, by: User) -> None:
    _lock_editable(
        attachment.application,
        by,
        _("The application has been submitted; attachments can no longer be removed."),
    )
    Attachment.objects.filter(pk=attachment.pk).delete()
    logger.info(
        "attachment removed: application=%s attachment=%s by=%s",
        attachment.application_id,
        attachment.pk,
        by.pk,
    )
    storage, name = attachment.file.storage, attachment.file.name
    # The file goes only once the row is surely gone; a rollback keeps both.
    transaction.on_commit(lambda: storage.delete(name))
