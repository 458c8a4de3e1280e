"""The start page "Så ansöker ni" and the account pages it leads to, in Swedish."""

import re

import pytest
from django.urls import reverse

from core.models import OutgoingEmail
from tests.factories import make_coordinator

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_the_start_page_says_who_what_and_when_and_has_one_way_in(client):
    response = client.get("/sa-ansoker-ni/")
    text = text_of(response.text)
    assert "<title>Så ansöker ni – ICLD</title>" in response.text
    for heading in ("Vem kan söka", "Komponenterna", "Det här behöver ni innan ni börjar"):
        assert heading in text
    assert text.count("Starta en ansökan") == 1
    new = reverse("applications:new")
    assert f'href="{reverse("account_signup")}?next={new}"' in response.text
    assert f'href="{reverse("account_login")}?next={new}"' in response.text


def test_a_signed_in_coordinator_starts_straight_away(client):
    client.force_login(make_coordinator())
    response = client.get(reverse("pages:how_to_apply"))
    assert f'href="{reverse("applications:new")}">Starta en ansökan' in response.text


@pytest.mark.parametrize("name", ["pages:home", "pages:about", "pages:who_can_apply"])
def test_the_home_and_programme_pages_lead_to_it(client, name):
    assert f'href="{reverse("pages:how_to_apply")}"' in client.get(reverse(name)).text


def test_the_login_page_offers_to_create_an_account_in_those_words(client):
    response = client.get(reverse("account_login") + "?next=/arenden/ny/")
    text = text_of(response.text)
    assert "Inget konto ännu?" in text
    assert re.search(r'href="/konto/signup/[^"]*">\s*Skapa konto\s*</a>', response.text)
    assert "Har du redan ett konto" not in text
    assert 'href="/konto/signup/?next=%2Farenden%2Fny%2F"' in response.text


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_forms_speak_our_swedish_and_leave_validation_to_the_server(client, name):
    response = client.get(reverse(name))
    assert "E-postadress" in response.text
    assert "Epost" not in response.text and "placeholder=" not in response.text
    forms = re.findall(r"<form[^>]*>", text_of_forms(response.text))
    assert forms and all("novalidate" in form for form in forms)


def text_of_forms(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_the_verification_email_names_the_site(client, settings):
    settings.SITE_URL = "https://portal.icld.se"
    client.post(
        reverse("account_signup"),
        {
            "email": "ny@example.se",
            "password1": "en-lång-lösenfras-2026",
            "password2": "en-lång-lösenfras-2026",
        },
    )
    email = OutgoingEmail.objects.get(recipient="ny@example.se")
    assert email.subject == "ICLD: Bekräfta din e-postadress"
    assert "ICLD:s portal för kommunala partnerskap (portal.icld.se)" in email.body
    assert "på ." not in email.body and "Epost" not in email.body
