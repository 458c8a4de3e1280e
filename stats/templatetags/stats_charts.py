from django import template
from django.utils.translation import gettext as _

from stats.charts import layout
from stats.figures import Figure

register = template.Library()


@register.inclusion_tag("stats/fragment_bar_chart.html")
def bar_chart(figure: Figure) -> dict:
    """The figure's chart as inline SVG, named by the figure's title for screen readers."""
    return {
        "id": f"chart-{figure.slug}",
        "title": figure.title,
        "description": _("A bar chart; the table below gives the same numbers."),
        "layout": layout(figure.chart),
    }
