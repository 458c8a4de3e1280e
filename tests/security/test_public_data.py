"""Public pages and the open-data API show no personal data: over the demo data, an anonymous
visitor crawls every public page and API page, and no participant's name and no user's
e-mail address appears anywhere."""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from applications.demo import seed_applications
from applications.models import Participant, ParticipantChange
from core.models import User
from networks.models import InterestRegistration
from partnerships.demo import seed_demo
from partnerships.models import Partnership, SwedishOrganisation
from tests.factories import (
    InterestRegistrationFactory,
    NetworkFactory,
    ParticipantFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

# Where an anonymous visitor is sent to log in or has nothing public to see.
PRIVATE_PREFIXES = ("/admin/", "/konto/", "/en/account/", "/session/", "/static/", "/media/")
# Pages of one shape (digits replaced) visited at most this often: a sample of the
# partnership, organisation and network pages, while every kind of page is visited.
PER_SHAPE = 12
MAX_PAGES = 900


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src", "data-url", "data-src", "action"} and value:
                self.found.append(value)


def json_links(value) -> list[str]:
    if isinstance(value, dict):
        return [link for item in value.values() for link in json_links(item)]
    if isinstance(value, list):
        return [link for item in value for link in json_links(item)]
    if isinstance(value, str) and (value.startswith("/") or value.startswith("http://testserver")):
        return [value]
    return []


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client, start: list[str]) -> dict[str, str]:
    """Every public page reachable from `start` by GET: {url: body}."""
    seen: set[str] = set()
    per_shape: Counter[str] = Counter()
    bodies: dict[str, str] = {}
    queue = deque(start)
    while queue and len(bodies) < MAX_PAGES:
        url = queue.popleft()
        parts = urlsplit(urljoin("http://testserver/", url))
        if parts.netloc not in {"", "testserver"} or parts.scheme not in {"http", "https", ""}:
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        path = parts.path
        if url in seen or path.startswith(PRIVATE_PREFIXES):
            continue
        seen.add(url)
        key = shape(path) + ("?" if parts.query and "page=" not in parts.query else "")
        if per_shape[key] >= PER_SHAPE and url not in start:
            continue
        per_shape[key] += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", errors="replace")
        bodies[url] = body
        if "html" in content_type:
            parser = Links()
            parser.feed(body)
            queue.extend(parser.found)
        elif "json" in content_type:
            queue.extend(json_links(json.loads(body)))
        elif "xml" in content_type:
            queue.extend(re.findall(r"<loc>([^<]+)</loc>", body))
    return bodies


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the seeders refuse a production configuration
    seed_demo(partnerships=80, seed=5)
    seed_applications(seed=5)
    network = NetworkFactory(partnerships=list(Partnership.objects.all()[:3]))
    InterestRegistrationFactory.create_batch(2, network=network, contact_name="Ingrid Intressent")


def test_no_participant_name_or_user_email_appears_on_any_public_page(client, demo):
    names = set(Participant.with_left.values_list("name", flat=True))
    names |= set(ParticipantChange.objects.values_list("name", flat=True))
    emails = {email.lower() for email in User.objects.values_list("email", flat=True)}
    # Those who registered interest in a network are private persons too.
    for name, email in InterestRegistration.objects.values_list("contact_name", "contact_email"):
        names.add(name)
        emails.add(email.lower())
    assert len(names) > 50 and len(emails) > 5  # the demo has people to leak
    sample = list(Partnership.objects.order_by("?").values_list("pk", flat=True)[:10])
    organisations = list(SwedishOrganisation.objects.filter(partnerships__isnull=False)[:5])
    start = [
        "/",
        "/en/",
        reverse("partnerships:list"),
        *(
            f"{reverse('partnerships:list')}?q={q}"
            for q in ("vatten", "unga", "Kenya", "jämställd")
        ),
        *(reverse("partnerships:detail", args=[pk]) for pk in sample),
        *(reverse("partnerships:organisation", args=[o.pk]) for o in organisations),
        reverse("partnerships:by_country"),
        reverse("partnerships:map"),
        reverse("partnerships:map_data"),
        reverse("networks:list"),
        reverse("networks:seeking_list"),
        reverse("api:partnerships"),
        reverse("api:partnerships_csv"),
        reverse("api:openapi"),
        reverse("rounds_ics"),
        reverse("sitemap"),
        reverse("robots_txt"),
    ]

    bodies = crawl(client, start)

    visited = set(bodies)
    assert len(visited) > 60
    api_pages = [url for url in visited if url.startswith(reverse("api:partnerships") + "?")]
    assert any("cursor=" in url for url in api_pages), "the API's pagination was not followed"
    detail = shape(reverse("partnerships:detail", args=[1]))
    assert sum(shape(url) == detail for url in visited) >= len(sample)
    assert reverse("networks:detail", args=[network_pk()]) in visited
    leaks = leaks_in(bodies, names=names, emails=emails)
    assert not leaks, f"personal data on public pages: {leaks[:10]}"


def network_pk() -> int:
    return InterestRegistration.objects.values_list("network_id", flat=True).first()


def leaks_in(bodies: dict[str, str], *, names: set[str], emails: set[str]) -> list[tuple]:
    found = []
    for url, body in bodies.items():
        text = body.lower()
        found += [(url, email) for email in emails if email in text]
        found += [(url, name) for name in names if name in body]
    return found


def test_the_crawl_finds_a_name_that_a_public_page_shows(client):
    person = ParticipantFactory(name="Greta Läcka")
    partnership = PartnershipFactory(description=f"Leds av {person.name}.")

    bodies = crawl(client, [reverse("partnerships:detail", args=[partnership.pk])])

    assert leaks_in(bodies, names={person.name}, emails=set())
