from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.http import require_safe

from core.pagecache import content_version, public_page

from ..calendar import rounds_calendar
from ..models import ApplicationRound
from ..selectors import rounds_overview


@require_safe
@public_page(version=content_version.current, daily=True)
def rounds(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/rounds.html", rounds_overview(timezone.localdate()))


@require_safe
@public_page(version=content_version.current, daily=True)
def rounds_ics(request: HttpRequest) -> HttpResponse:
    language = "en" if request.GET.get("lang") == "en" else "sv"
    with override(language):
        body = rounds_calendar(ApplicationRound.objects.all(), site_url=settings.SITE_URL)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="rounds.ics"'
    response["Cache-Control"] = "public, max-age=3600"
    return response
