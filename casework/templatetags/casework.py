from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def thread_summary(context, application):
    return selectors.summary(context["request"].user, application)


@register.simple_tag(takes_context=True)
def my_queue_counts(context):
    """What waits for the signed-in officer, for the admin's index."""
    counts = selectors.queue_counts(context["request"].user)
    return {"total": sum(counts.values()), **counts}
