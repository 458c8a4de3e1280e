import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from pages.demo import seed_content
from pages.models import FaqEntry, Guideline, NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def news():
    published = NewsItem.objects.create(
        slug="omgang-oppnar",
        title_sv="Omgången öppnar",
        title_en="The round opens",
        summary_sv="Sammanfattning",
        body_sv="Första stycket.\n\nAndra <script>stycket</script>.",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    NewsItem.objects.create(
        slug="utkast", title_sv="Utkast", summary_sv="x", body_sv="x", published_at=None
    )
    return published


def test_the_news_list_shows_only_published_news(client, news):
    response = client.get("/aktuellt/")
    assert "Omgången öppnar" in response.text
    assert "Utkast" not in response.text


def test_a_news_page_shows_paragraphs_and_escapes_markup(client, news):
    response = client.get("/aktuellt/omgang-oppnar/")
    assert response.status_code == 200
    assert "<p>Första stycket.</p>" in response.text
    assert "&lt;script&gt;" in response.text


def test_an_unpublished_news_item_is_404(client, news):
    assert client.get("/aktuellt/utkast/").status_code == 404


def test_news_falls_back_to_swedish_when_there_is_no_english(client, news):
    NewsItem.objects.filter(pk=news.pk).update(title_en="")
    response = client.get("/en/news/omgang-oppnar/")
    assert '<html lang="en">' in response.text
    assert "Omgången öppnar" in response.text


def test_the_faq_is_shown_in_the_visitors_language(client):
    FaqEntry.objects.create(
        question_sv="Vem kan ansöka?",
        question_en="Who can apply?",
        answer_sv="Kommuner.",
        answer_en="Municipalities.",
    )
    assert "Vem kan ansöka?" in client.get("/fragor-och-svar/").text
    assert "Municipalities." in client.get("/en/faq/").text


def test_a_guideline_document_is_downloaded(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    guideline = Guideline.objects.create(
        slug="interpretation", title_sv="Tolkning", title_en="Interpretation", body_sv="Text"
    )
    guideline.document.save("tolkning.pdf", ContentFile(b"%PDF-1.4 test"))
    page = client.get("/riktlinjer/")
    assert "/riktlinjer/interpretation/dokument/" in page.text
    response = client.get("/riktlinjer/interpretation/dokument/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in response["Content-Disposition"]


def test_a_guideline_without_a_document_has_no_download(client):
    Guideline.objects.create(slug="x", title_sv="X", body_sv="Text")
    assert client.get("/riktlinjer/x/dokument/").status_code == 404


def test_who_can_apply_lists_countries_by_cluster_from_the_reference_data(client, reference_data):
    from partnerships.models import Country

    response = client.get("/vem-kan-soka/")
    text = response.text
    assert "Östafrika" in text and "Kenya" in text
    assert "Fortsättningsländer" in text and "Georgien" in text
    assert "Turkiet" not in text  # former countries are history, not for new applications
    Country.objects.filter(code="KE").update(status="former")
    assert "Kenya" not in client.get("/vem-kan-soka/").text


@pytest.mark.parametrize(
    "path", ["/tillganglighet/", "/personuppgifter/", "/en/accessibility/", "/en/privacy/"]
)
def test_the_statutory_pages_exist_in_both_languages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "partnership@icld.se" in response.text


def test_the_home_page_shows_the_next_deadline_and_news(client, news):
    seed_content(today=timezone.localdate())
    response = client.get("/")
    assert "är öppen: sista dag" in response.text
    assert "Omgången öppnar" in response.text


def test_example_content_is_added_once(client):
    first = seed_content()
    assert seed_content() == dict.fromkeys(first, 0)


def test_the_sitemap_lists_pages_in_both_languages(client, news):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/en/faq/" in response.text and "/fragor-och-svar/" in response.text
    assert "/aktuellt/omgang-oppnar/" in response.text
    assert "utkast" not in response.text


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text
