from django import template

from ..selectors import decided_decision

register = template.Library()


@register.simple_tag
def case_decision(application):
    """The case's decided decision with its lines, for the case page's include
    (decisions/fragment_case_decision.html); None while ICLD has not decided."""
    return decided_decision(application, lines=True)
