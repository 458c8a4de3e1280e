from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The site's own pages: home, about the programme, contact."""

    name = "pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from core.pagecache import connect_content

        from .models import FaqEntry, Guideline, NewsItem

        connect_content(NewsItem, FaqEntry, Guideline)
