from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import NewsItem

STATIC_PAGES = [
    "pages:home",
    "pages:about",
    "pages:who_can_apply",
    "pages:rules",
    "pages:how_to_apply",
    "pages:news_list",
    "pages:faq",
    "pages:guidelines",
    "pages:contact",
    "pages:accessibility",
    "pages:privacy",
    "applications:rounds",
]


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> list[str]:
        return STATIC_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class NewsSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return NewsItem.objects.published()

    def location(self, item: NewsItem) -> str:
        return reverse("pages:news_detail", args=[item.slug])

    def lastmod(self, item: NewsItem):
        return item.updated_at
