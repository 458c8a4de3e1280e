from django import template

from ..selectors import case_reports as _case_reports
from ..selectors import reports_due_for

register = template.Library()


@register.simple_tag
def case_reports(application) -> list:
    """The case's reports, for the case page's include (reporting/fragment_case_reports.html)."""
    return _case_reports(application)


@register.simple_tag
def reports_due(user) -> list:
    """The reports a user's cases still owe, for "Mina ärenden" (reporting/fragment_reports_due.html)."""
    return list(reports_due_for(user))
