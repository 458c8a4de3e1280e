"""ICLD's pages before the decision, under /admin/assessments/: the screening of an
application. Staff only (permission and second factor); anything else is a 404."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .access import SCREEN_PERMISSION, staff_case
from .forms import ScreeningForm
from .workflow import SCREENING_WORKFLOW


def _login_first(view):
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _add_errors(form, error: ValidationError, field_for=None) -> None:
    if hasattr(error, "error_dict"):
        for key, messages_ in error.message_dict.items():
            name = field_for(key) if field_for else key
            for message in messages_:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@_login_first
@never_cache
@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    """Sakgranskning: is the application admissible? The rules' findings are its reasons;
    staff confirm or override each (an override says why) and record the outcome."""
    application = staff_case(request.user, pk, SCREEN_PERMISSION)
    found = selectors.screening_of(application)
    reasons = list(found.reasons.all()) if found else []
    form = ScreeningForm(request.POST or None, reasons=reasons)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if found is None:
            if action == "start":
                services.start_screening(applications=[application], by=request.user)
                messages.success(request, _("The screening has started."))
            return redirect("assessments_staff:screening", pk=application.pk)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.judge_reasons(
                        screening=found, by=request.user, verdicts=form.verdicts()
                    )
                    if form.cleaned_data["new_reason"].strip():
                        services.add_reason(
                            screening=found, by=request.user, text=form.cleaned_data["new_reason"]
                        )
                    if action in ("admissible", "inadmissible"):
                        SCREENING_WORKFLOW.apply(
                            found, action, by=request.user, comment=form.cleaned_data["note"]
                        )
            except ValidationError as error:
                _add_errors(form, error, field_for=lambda key: f"comment_{key}")
            except PermissionDenied:
                raise
            else:
                messages.success(
                    request,
                    {
                        "admissible": _("The application is admissible and goes on to assessment."),
                        "inadmissible": _(
                            "The application is inadmissible: it is declined and the coordinator has the letter."
                        ),
                    }.get(action, _("The screening has been saved.")),
                )
                return redirect("assessments_staff:screening", pk=application.pk)
        status = 400
    context = admin.site.each_context(request) | {
        "title": _("Screening of %(case)s") % {"case": application},
        "application": application,
        "screening": found,
        "form": form,
        "transitions": SCREENING_WORKFLOW.staff_transitions(found.status) if found else [],
    }
    return render(request, "assessments/screening.html", context, status=status)
