"""The team step's findings as the coordinator types: the rows posted (nothing saved) are judged
by the programme's team rules, and the findings go back as the fragments next to each party's
rows and the summary above them, which htmx swaps in. Without JavaScript the step shows the same
fragments after "save" (`team_context`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from ..access import Action, get_case
from ..findings import team_findings
from ..forms import TeamFormSet
from ..models import Application, Party


def team_context(application: Application, formsets: dict[str, TeamFormSet]) -> dict:
    """The findings on the teams as their rows stand, by party, and the errors among them for the
    summary. None before anyone is on either team: an empty step is not yet wrong."""
    people = [person for formset in formsets.values() for person in formset.typed_people()]
    if not people:
        return {"team_findings": None}
    found = team_findings(application, people)
    return {
        "team_findings": {
            "errors": [f for f in found if f.is_error],
            **{party.value: [f for f in found if f.party == party.value] for party in Party},
        }
    }


@login_required
@require_POST
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_case(request.user, pk, Action.EDIT).application
    if not application.is_editable:
        raise Http404  # a submitted case is judged on its case page
    formsets = {
        party.value: TeamFormSet(request.POST, instance=application, party=party) for party in Party
    }
    return render(
        request,
        "applications/fragment_team_findings.html",
        team_context(application, formsets) | {"application": application},
    )
