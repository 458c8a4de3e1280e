from django import template

from ..selectors import current_agreement

register = template.Library()


@register.simple_tag
def case_agreement(application):
    """The case's agreement in force, or the version waiting to be signed (the case page)."""
    return current_agreement(application.pk)
