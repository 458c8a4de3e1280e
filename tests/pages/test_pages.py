import re

import pytest
from django.urls import reverse
from django.utils import translation

from pages.sitemaps import STATIC_PAGES

pytestmark = pytest.mark.django_db

# Every page the sitemap lists renders in both languages.
PAGES = STATIC_PAGES


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_swedish_without_a_prefix_and_english_under_en(client, name):
    with translation.override("sv"):
        sv_url = reverse(name)
    with translation.override("en"):
        en_url = reverse(name)
    assert not sv_url.startswith("/en/")
    assert en_url.startswith("/en/")

    sv = client.get(sv_url)
    en = client.get(en_url)
    assert sv.status_code == en.status_code == 200
    assert '<html lang="sv">' in sv.text
    assert '<html lang="en">' in en.text
    # Each links to itself in the other language.
    assert f'href="{en_url}" hreflang="en"' in sv.text
    assert f'href="{sv_url}" hreflang="sv"' in en.text


def test_the_home_page_speaks_swedish(client):
    response = client.get("/")
    assert "<title>Kommunala partnerskap – ICLD</title>" in response.text
    assert "Hoppa till huvudinnehållet" in response.text
    assert "partnership@icld.se" in response.text


def test_every_navigation_link_works(client):
    for prefix in ("/", "/en/"):
        page = client.get(prefix).text
        nav = page[page.index("<nav") : page.index("</nav>")]
        links = set(re.findall(r'href="(/[^"]*)"', nav))
        assert len(links) >= 4
        for link in links:
            assert client.get(link).status_code == 200, link


def test_an_unknown_page_is_404(client):
    assert client.get("/finns-inte/").status_code == 404
