"""The case's thread on the portal (the coordinator's side and ICLD's staff) and the staff's
work queue."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from applications.access import Action, get_case
from core.downloads import upload_download
from core.mfa import has_staff_power

from . import selectors, services
from .access import QUEUE_PERMISSION, may_write, sees_internal_notes, writes_for_icld
from .forms import MessageForm, QueueFilterForm
from .models import MessageAttachment, MessageKind


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request.user, pk, Action.VIEW)
    application = case.application
    writer = may_write(request.user, case)
    notes = (
        writer
        and writes_for_icld(request.user, application)
        and sees_internal_notes(request.user, application)
    )
    form = MessageForm(notes=notes)
    if request.method == "POST":
        if not writer:
            raise Http404
        form = MessageForm(request.POST, request.FILES, notes=notes)
        if form.is_valid():
            try:
                services.post_message(
                    application=application,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    internal=form.cleaned_data.get("internal", False),
                    uploaded_file=form.cleaned_data["file"],
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                messages.success(request, _("Your message has been sent."))
                if request.POST.get("back") == "admin" and writes_for_icld(
                    request.user, application
                ):
                    # Written on the admin's case page: back there (a fixed place, no URL taken).
                    return redirect("admin:applications_application_change", application.pk)
                return redirect("casework:thread", pk=application.pk)
    # Taken before the messages are read: the page marks as read only what it can show.
    shown_at = timezone.now()
    thread_messages, _read_at = selectors.thread(request.user, application)
    response = render(
        request,
        "casework/thread.html",
        {
            "application": application,
            "thread_messages": thread_messages,
            "form": form if writer else None,
            "notes": notes,
            "shown_at": shown_at,
            "has_new": any(m.is_new for m in thread_messages),
        },
        status=400 if form.errors else 200,
    )
    return response


@login_required
@never_cache
@require_POST
def thread_read(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread page sends this once it is shown: the reader has now read the messages up to
    the moment the page was made (`shown_at`). A GET of the thread writes nothing."""
    application = get_case(request.user, pk, Action.VIEW).application
    try:
        until = parse_datetime(request.POST.get("shown_at", "")[:40])
    except ValueError:
        until = None  # not a moment: read up to now
    if until is not None and timezone.is_naive(until):
        until = None
    services.mark_read(application=application, user=request.user, until=until)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect("casework:thread", pk=application.pk)


@login_required
@never_cache
@require_safe
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    application = get_case(request.user, pk, Action.VIEW).application
    found = get_object_or_404(
        MessageAttachment.objects.select_related("message"),
        message__application=application,
        pk=attachment_pk,
    )
    if found.message.kind == MessageKind.NOTE and not sees_internal_notes(
        request.user, application
    ):
        raise Http404
    return upload_download(found)


@never_cache
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    """Mina ärenden att handlägga: what waits for me (or the team), by what comes next."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_staff_power(request.user, QUEUE_PERMISSION):
        raise Http404
    form = QueueFilterForm(request.GET or None)
    choice = form.cleaned_data["officer"] if form.is_valid() else ""
    officer = (
        {"": request.user, "all": None, "none": "none"}.get(choice)
        if (choice in ("", "all", "none"))
        else form.officers[choice]
    )
    context = admin.site.each_context(request) | {
        "title": _("My cases to handle"),
        "form": form,
        "groups": selectors.work_queue(officer),
    }
    return render(request, "casework/queue.html", context)
