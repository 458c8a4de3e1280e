"""The portal's URLs plus views that fail on purpose; only tests use this URLconf."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from icld_portal.urls import urlpatterns as portal_urlpatterns

SECRET_DETAIL = "the-database-password-is-hunter2"


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(f"something broke: {SECRET_DETAIL}")


def forbid(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(f"internal reason: {SECRET_DETAIL}")


urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(
        path("test-crash/", crash),
        path("test-forbidden/", forbid),
        prefix_default_language=False,
    ),
]
