from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, str]:
    return {"CONTACT_EMAIL": settings.CONTACT_EMAIL}
