from django import template

from ..selectors import case_amendments as case_amendments_of
from ..selectors import current_agreement

register = template.Library()


@register.simple_tag
def case_agreement(application):
    """The case's agreement in force, or the version waiting to be signed (the case page)."""
    return current_agreement(application.pk)


@register.simple_tag
def case_amendments(application):
    """The case's amendments with ICLD's answers, newest first (the case page)."""
    return list(case_amendments_of(application.pk))
