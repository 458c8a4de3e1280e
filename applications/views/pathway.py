"""The pathway planner: what a partnership can apply for now, by when, and what is missing;
and the coordinator's statement of a dialogue with ICLD, which staff confirm."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.mfa import has_staff_power
from partnerships.models import Partnership
from partnerships.workflow import check_held_on, state_dialogue

from ..access import is_coordinator
from ..selectors import pathways

VIEW_PERMISSION = "partnerships.view_partnership"


class DialogueForm(forms.Form):
    held_on = forms.DateField(
        label=gettext_lazy("Date of the dialogue"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    note = forms.CharField(
        label=gettext_lazy("What the dialogue was about"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        max_length=5000,
    )

    def clean_held_on(self):
        return check_held_on(self.cleaned_data["held_on"])


@login_required
def pathway(request: HttpRequest, partnership_pk: int) -> HttpResponse:
    partnership = (
        Partnership.objects.select_related("swedish_organisation", "partner_organisation__country")
        .filter(pk=partnership_pk)
        .first()
    )
    if partnership is None:
        raise Http404
    coordinator = is_coordinator(request.user, partnership.swedish_organisation_id)
    if not (coordinator or has_staff_power(request.user, VIEW_PERMISSION)):
        raise Http404  # no access looks like no partnership
    # Only a coordinator states a dialogue; staff record theirs in the admin.
    form = DialogueForm(request.POST if request.method == "POST" and coordinator else None)
    if form.is_bound and form.is_valid():
        state_dialogue(
            partnership=partnership,
            held_on=form.cleaned_data["held_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("Thank you. ICLD confirms the dialogue; then it counts here."))
        return redirect("applications:pathway", partnership_pk=partnership.pk)
    [(partnership, steps)] = pathways([partnership], timezone.localdate())
    return render(
        request,
        "applications/pathway.html",
        {
            "partnership": partnership,
            "steps": steps,
            "form": form,
            "can_state": coordinator,
            "dialogues": list(partnership.dialogues.all()),
        },
    )
