"""The applicant's side of a decision: the letter's download (the case page shows the rest)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from applications.access import Action, get_case
from core.downloads import file_download

from .letters import letter_filename
from .selectors import decided_decision


@login_required
def letter(request: HttpRequest, pk: int) -> FileResponse:
    """The case's decision letter, for whoever may read the case (its coordinators and
    contributors, and staff); a 404 for anyone else or while there is none."""
    application = get_case(request.user, pk, Action.VIEW).application
    decision = decided_decision(application)
    if decision is None or not decision.letter:
        raise Http404
    return file_download(
        decision.letter, filename=letter_filename(decision), content_type="application/pdf"
    )
