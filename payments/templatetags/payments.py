from django import template

from ..selectors import case_payments as case_payments_of

register = template.Library()


@register.simple_tag
def case_payments(application):
    """The granted case's plan and payments, for the case page's include
    (payments/fragment_case_payments.html); None before a grant."""
    return case_payments_of(application.pk)
