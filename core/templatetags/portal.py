from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context: template.Context, language: str) -> str:
    """The current page in another language (falls back to that language's home page)."""
    request = context["request"]
    home = "/" if language == "sv" else f"/{language}/"
    url = translate_url(request.get_full_path(), language)
    # A crafted path like //evil.example/x/ reads as a URL with a host: never link off-site.
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None) or url.startswith("//"):
        return home
    if url == request.get_full_path() and language != context.get("LANGUAGE_CODE"):
        return home
    return url


@register.simple_tag
def contact_email() -> str:
    """The programme's mailbox, also where no request context is (e-mail templates)."""
    return settings.CONTACT_EMAIL
