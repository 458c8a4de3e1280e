from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context: template.Context, language: str) -> str:
    """The current page in another language (falls back to that language's home page)."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    if url == request.get_full_path() and language != context.get("LANGUAGE_CODE"):
        return "/" if language == "sv" else f"/{language}/"
    return url


@register.simple_tag
def contact_email() -> str:
    """The programme's mailbox, also where no request context is (e-mail templates)."""
    return settings.CONTACT_EMAIL
