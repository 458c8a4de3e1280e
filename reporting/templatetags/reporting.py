from django import template

from ..selectors import case_reports as _case_reports

register = template.Library()


@register.simple_tag
def case_reports(application) -> list:
    """The case's reports, for the case page's include (reporting/fragment_case_reports.html)."""
    return _case_reports(application)
