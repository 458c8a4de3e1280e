"""State changes of export jobs that staff make: requesting one (queued after commit) and
deleting one. What the worker does to a job is in `production`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User
from core.security import log_security_event

from .exporters import EXPORTERS
from .models import ExportJob
from .tasks import run_export


@transaction.atomic
def request_export(*, kind: str, parameters: dict[str, Any], by: User) -> ExportJob:
    """Record what staff asked for and queue its production after commit."""
    exporter = EXPORTERS.get(kind)
    if exporter is None:
        raise ValidationError(_("This kind of export does not exist."))
    if parameters.get("format") not in exporter.formats:
        raise ValidationError(_("This kind of export is not available in that format."))
    if exporter.needs_round and not parameters.get("round"):
        raise ValidationError(_("Choose the round to export."))
    job = ExportJob.objects.create(kind=kind, parameters=parameters, requested_by=by)
    # The job row is the record of who took what out; the security log says it too.
    log_security_event("export_requested", user=by.pk, job=job.pk, kind=kind)
    run_export.delay(job.pk)  # after commit (TransactionAwareTask)
    return job


def delete_export(*, job: ExportJob) -> None:
    """Delete the job and its file: exports hold personal data and are kept no longer than
    staff need them."""
    if job.file:
        job.file.delete(save=False)
    job.delete()
