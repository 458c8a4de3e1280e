"""Contributors (medverkande): inviting, accepting once within 14 days, revoking, removing."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from applications import invitations
from applications.access import Action, get_case
from applications.models import Application, Contributor, Invitation
from core.models import OutgoingEmail
from tests.concurrency import at_once
from tests.factories import (
    ApplicationFactory,
    ContributorFactory,
    UserFactory,
    application_of,
    case_with_people,
    make_coordinator,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["outsider", "pending_colleague", "reader", "editor", "creator", "coordinator"]
CAN_MANAGE = {"coordinator"}


@pytest.fixture(autouse=True)
def setup():
    # Messages are asserted in English, the source language, whatever the catalogue says.
    with translation.override("en"):
        yield


@pytest.fixture
def case_and_people():
    return case_with_people(title="Unga röster i Kisumu")


@pytest.fixture
def coordinator_and_case():
    coordinator = make_coordinator(first_name="Cecilia", last_name="Samordnare")
    application = application_of(coordinator)
    return coordinator, application


def invitee(email="gustav@example.org", **fields):
    """An account on which the invited address is verified: the one who may accept."""
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=email, verified=True)
    return user


def invite(application, by, email="gustav@example.org", role="reader"):
    return invitations.invite_contributor(application=application, email=email, role=role, by=by)


def en(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


# --- Inviting -------------------------------------------------------------------------------


def test_an_invitation_stores_only_the_hash_of_its_token_and_lasts_14_days(
    coordinator_and_case,
):
    coordinator, application = coordinator_and_case
    invitation, token = invite(application, coordinator, email="Gustav@Example.ORG")
    assert len(token) >= 43
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation.email == "Gustav@example.org"
    assert (invitation.role, invitation.invited_by) == ("reader", coordinator)
    validity = invitation.expires_at - timezone.now()
    assert datetime.timedelta(days=13, hours=23) < validity <= datetime.timedelta(days=14)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_invitation_is_e_mailed_in_the_language_of_the_case(
    coordinator_and_case, settings, language
):
    coordinator, application = coordinator_and_case
    application.language = language
    application.save()
    _invitation, token = invite(application, coordinator, role="editor")
    email = OutgoingEmail.objects.get()
    assert (email.recipient, email.language) == ("gustav@example.org", language)
    with translation.override(language):
        link = settings.SITE_URL + reverse("applications:accept_invitation", args=[token])
    assert link in email.body
    assert "Cecilia Samordnare" in email.body
    assert application.organisation.name in email.subject
    if language == "en":
        assert "/en/" in link
        assert "Your role: May read and edit." in email.body


def test_inviting_the_same_address_again_replaces_the_pending_invitation(coordinator_and_case):
    coordinator, application = coordinator_and_case
    first, first_token = invite(application, coordinator, email="gustav@example.org")
    second, _token = invite(application, coordinator, email="GUSTAV@example.org", role="editor")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert list(invitations.pending_invitations(application)) == [second]
    with pytest.raises(ValidationError, match="withdrawn"):
        invitations.accept_invitation(token=first_token, user=UserFactory())


def test_someone_who_already_takes_part_cannot_be_invited_again(coordinator_and_case):
    coordinator, application = coordinator_and_case
    contributor = ContributorFactory(application=application, user__email="gustav@example.org")
    with pytest.raises(ValidationError) as error:
        invite(application, coordinator, email="Gustav@example.org")
    assert "already takes part" in error.value.message_dict["email"][0]
    # Also by a verified second address of theirs.
    EmailAddress.objects.create(user=contributor.user, email="g@kommun.se", verified=True)
    with pytest.raises(ValidationError):
        invite(application, coordinator, email="g@kommun.se")
    assert not Invitation.objects.exists()


def test_an_unverified_address_does_not_block_an_invitation(coordinator_and_case):
    coordinator, application = coordinator_and_case
    contributor = ContributorFactory(application=application)
    EmailAddress.objects.create(user=contributor.user, email="victim@kommun.se", verified=False)
    invitation, _token = invite(application, coordinator, email="victim@kommun.se")
    assert invitation.pk


@pytest.mark.parametrize(
    ("email", "role", "field"),
    [
        ("", "reader", "email"),
        ("not-an-address", "reader", "email"),
        ("a" * 250 + "@example.org", "reader", "email"),
        ("gustav@example.org", "owner", "role"),
        ("gustav@example.org", "", "role"),
    ],
)
def test_a_bad_address_or_role_is_refused_with_its_field_named(
    coordinator_and_case, email, role, field
):
    coordinator, application = coordinator_and_case
    with pytest.raises(ValidationError) as error:
        invite(application, coordinator, email=email, role=role)
    assert set(error.value.message_dict) == {field}


@pytest.mark.parametrize("persona", ["reader", "editor", "creator", "outsider"])
def test_only_a_coordinator_may_invite(case_and_people, persona):
    application, people = case_and_people
    with pytest.raises(PermissionDenied):
        invite(application, people[persona])


# --- Accepting ------------------------------------------------------------------------------


def test_accepting_makes_the_user_a_contributor_with_the_invited_role(coordinator_and_case):
    coordinator, application = coordinator_and_case
    invitation, token = invite(application, coordinator, role="editor")
    # People have several addresses: the account's main one may be another than the invited.
    user = invitee(email="gustav@example.org", username="gustav.private@example.net")
    contributor = invitations.accept_invitation(token=token, user=user)
    assert (contributor.application, contributor.user, contributor.role) == (
        application,
        user,
        "editor",
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == user


def test_an_invitation_works_once(coordinator_and_case):
    coordinator, application = coordinator_and_case
    _invitation, token = invite(application, coordinator)
    invitations.accept_invitation(token=token, user=invitee())
    with pytest.raises(ValidationError, match="already been accepted"):
        invitations.accept_invitation(token=token, user=UserFactory())
    assert Contributor.objects.count() == 1


def test_an_invitation_expires_after_14_days(coordinator_and_case):
    coordinator, application = coordinator_and_case
    invitation, token = invite(application, coordinator)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="expired"):
        invitations.accept_invitation(token=token, user=UserFactory())
    assert not Contributor.objects.exists()
    assert invitations.pending_invitations(application).count() == 0


def test_a_revoked_invitation_cannot_be_accepted(coordinator_and_case):
    coordinator, application = coordinator_and_case
    invitation, token = invite(application, coordinator)
    invitations.revoke_invitation(invitation=invitation, by=coordinator)
    with pytest.raises(ValidationError, match="withdrawn"):
        invitations.accept_invitation(token=token, user=UserFactory())
    assert not Contributor.objects.exists()


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "a" * 5000, "../../etc/passwd", "\x00"])
def test_an_unknown_token_is_refused(token):
    with pytest.raises(ValidationError, match="not valid"):
        invitations.accept_invitation(token=token, user=UserFactory())


def test_the_invitee_sees_only_that_case(coordinator_and_case):
    coordinator, application = coordinator_and_case
    ApplicationFactory(organisation=application.organisation, created_by=coordinator)
    ApplicationFactory()
    _invitation, token = invite(application, coordinator)
    user = invitee()
    assert not Application.objects.visible_to(user).exists()
    invitations.accept_invitation(token=token, user=user)
    assert list(Application.objects.visible_to(user)) == [application]


def test_a_reader_invited_to_edit_gets_the_wider_role_and_never_a_narrower_one(
    coordinator_and_case,
):
    coordinator, application = coordinator_and_case
    contributor = ContributorFactory(application=application, role="reader")
    _invitation, token = invite(application, coordinator, email="other@example.org", role="editor")
    EmailAddress.objects.create(user=contributor.user, email="other@example.org", verified=True)
    assert invitations.accept_invitation(token=token, user=contributor.user).role == "editor"
    _invitation, token = invite(application, coordinator, email="third@example.org")
    EmailAddress.objects.create(user=contributor.user, email="third@example.org", verified=True)
    assert invitations.accept_invitation(token=token, user=contributor.user).role == "editor"
    assert Contributor.objects.filter(application=application).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_accepts_give_one_contributor(reference_data):
    coordinator = make_coordinator()
    application = application_of(coordinator)
    _invitation, token = invite(application, coordinator)
    user = invitee()
    users = [user, user]  # a double click, or two tabs
    outcomes = at_once(
        lambda user: invitations.accept_invitation(token=token, user=user), users, done="accepted"
    )
    assert sorted(outcomes) == ["accepted", "refused"]
    assert Contributor.objects.filter(application=application).count() == 1


@pytest.mark.parametrize("verified", [False, True])
def test_only_an_account_with_the_invited_address_verified_may_accept(
    coordinator_and_case, verified
):
    coordinator, application = coordinator_and_case
    _invitation, token = invite(application, coordinator)
    if verified:
        stranger = invitee("someone.else@example.org")  # a verified address, not the invited one
    else:
        stranger = UserFactory(email="gustav@example.org")  # the address, never verified
    with pytest.raises(ValidationError, match="another e-mail address"):
        invitations.accept_invitation(token=token, user=stranger)
    assert not Contributor.objects.exists()


def test_a_forwarded_link_shows_a_stranger_neither_the_case_nor_a_button(
    client, invitation_and_token
):
    _invitation, token = invitation_and_token
    client.force_login(invitee("someone.else@example.org"))
    url = en("applications:accept_invitation", token)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
        assert "Unga röster i Kisumu" not in response.text
        assert "ask the coordinator to confirm the address you use" in response.text
    assert not Contributor.objects.exists()


# --- Revoking, removing, changing roles ---------------------------------------------------


def test_revoking_twice_changes_nothing_and_an_accepted_invitation_cannot_be_revoked(
    coordinator_and_case,
):
    coordinator, application = coordinator_and_case
    invitation, _token = invite(application, coordinator)
    revoked_at = invitations.revoke_invitation(invitation=invitation, by=coordinator).revoked_at
    assert invitations.revoke_invitation(invitation=invitation, by=coordinator).revoked_at == (
        revoked_at
    )
    accepted, token = invite(application, coordinator, email="other@example.org")
    invitations.accept_invitation(token=token, user=invitee("other@example.org"))
    with pytest.raises(ValidationError, match="remove the contributor"):
        invitations.revoke_invitation(invitation=accepted, by=coordinator)


def test_a_removed_contributor_loses_access_at_once(case_and_people):
    application, people = case_and_people
    contributor = Contributor.objects.get(user=people["editor"])
    invitations.remove_contributor(contributor=contributor, by=people["coordinator"])
    with pytest.raises(Http404):
        get_case(people["editor"], application.pk, Action.VIEW)


def test_a_coordinator_changes_a_contributors_role(case_and_people):
    application, people = case_and_people
    contributor = Contributor.objects.get(user=people["reader"])
    invitations.change_contributor_role(
        contributor=contributor, role="editor", by=people["coordinator"]
    )
    assert get_case(people["reader"], application.pk, Action.VIEW).may(Action.EDIT)
    with pytest.raises(ValidationError):
        invitations.change_contributor_role(
            contributor=contributor, role="owner", by=people["coordinator"]
        )
    with pytest.raises(PermissionDenied):
        invitations.change_contributor_role(
            contributor=contributor, role="reader", by=people["editor"]
        )


# --- Pages: access for every URL ---------------------------------------------------------


def case_urls(application, people) -> dict[str, tuple[str, str]]:
    """Every contributors URL of a case with its method."""
    contributor = Contributor.objects.get(user=people["reader"])
    invitation, _token = invite(application, people["coordinator"])
    return {
        "page": ("get", reverse("applications:contributors", args=[application.pk])),
        "invite": ("post", reverse("applications:contributors", args=[application.pk])),
        "role": (
            "post",
            reverse("applications:contributor_role", args=[application.pk, contributor.pk]),
        ),
        "remove": (
            "post",
            reverse("applications:remove_contributor", args=[application.pk, contributor.pk]),
        ),
        "revoke": (
            "post",
            reverse("applications:revoke_invitation", args=[application.pk, invitation.pk]),
        ),
    }


POST_DATA = {"invite": {"email": "new@example.org", "role": "reader"}, "role": {"role": "editor"}}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("what", ["page", "invite", "role", "remove", "revoke"])
def test_only_a_coordinator_reaches_the_contributors_urls(client, case_and_people, persona, what):
    application, people = case_and_people
    method, url = case_urls(application, people)[what]
    client.force_login(people[persona])
    response = getattr(client, method)(url, POST_DATA.get(what, {}))
    if persona in CAN_MANAGE:
        assert response.status_code == (200 if what == "page" else 302)
    else:
        assert response.status_code == 404
        assert Contributor.objects.filter(application=application).count() == 2
        assert Invitation.objects.filter(revoked_at=None).count() == 1


@pytest.mark.parametrize("what", ["page", "invite", "role", "remove", "revoke"])
def test_anonymous_visitors_are_asked_to_log_in(client, case_and_people, what):
    application, people = case_and_people
    method, url = case_urls(application, people)[what]
    response = getattr(client, method)(url, POST_DATA.get(what, {}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert Contributor.objects.filter(application=application).count() == 2


def test_the_contributors_urls_are_get_or_post_as_they_should_be(client, case_and_people):
    application, people = case_and_people
    client.force_login(people["coordinator"])
    for what in ("role", "remove", "revoke"):
        _method, url = case_urls(application, people)[what]
        assert client.get(url).status_code == 405


def test_the_page_lists_contributors_and_pending_invitations(client, case_and_people):
    application, people = case_and_people
    invite(application, people["coordinator"], email="pending@example.org")
    expired, _token = invite(application, people["coordinator"], email="old@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    client.force_login(people["coordinator"])
    response = client.get(en("applications:contributors", application.pk))
    assert response.status_code == 200
    text = response.text
    assert people["reader"].email in text and people["editor"].email in text
    assert "pending@example.org" in text
    assert "old@example.org" not in text
    assert "no-store" in response["Cache-Control"]
    assert 'name="email"' in text
    assert re.search(r'<input type="radio"[^>]* name="role" value="editor"', text)


def test_a_coordinator_invites_from_the_page(client, case_and_people):
    application, people = case_and_people
    client.force_login(people["coordinator"])
    response = client.post(
        en("applications:contributors", application.pk),
        {"email": "new@example.org", "role": "editor"},
        follow=True,
    )
    assert "An invitation has been sent to new@example.org." in response.text
    assert Invitation.objects.get(email="new@example.org").role == "editor"
    assert OutgoingEmail.objects.filter(recipient="new@example.org").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "This field is required."),
        ({"email": "new@example.org"}, "This field is required."),
        ({"email": "x" * 300 + "@example.org", "role": "reader"}, "at most 254 characters"),
        ({"email": "not an address", "role": "reader"}, "Enter a valid email address."),
        ({"email": "new@example.org", "role": "owner"}, "Select a valid choice."),
        ({"email": ["a@example.org", "b@example.org"], "role": ["reader", "x"]}, "valid choice"),
    ],
)
def test_bad_input_to_the_invitation_form_re_renders_it_with_a_message(
    client, case_and_people, data, message
):
    application, people = case_and_people
    client.force_login(people["coordinator"])
    response = client.post(en("applications:contributors", application.pk), data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert 'class="invalid-feedback' in response.text
    assert not Invitation.objects.exists()


def test_inviting_someone_already_on_the_case_re_renders_the_form(client, case_and_people):
    application, people = case_and_people
    client.force_login(people["coordinator"])
    response = client.post(
        en("applications:contributors", application.pk),
        {"email": people["reader"].email.upper(), "role": "editor"},
    )
    assert response.status_code == 200
    assert "This person already takes part in the case." in response.text


def test_a_coordinator_changes_a_role_removes_a_person_and_withdraws_an_invitation(
    client, case_and_people
):
    application, people = case_and_people
    urls = case_urls(application, people)
    client.force_login(people["coordinator"])
    with translation.override("en"):
        response = client.post(urls["role"][1], {"role": "editor"}, follow=True)
    assert "The role has been changed." in response.text
    assert Contributor.objects.get(user=people["reader"]).role == "editor"
    client.post(urls["revoke"][1])
    assert invitations.pending_invitations(application).count() == 0
    client.post(urls["remove"][1])
    assert not Contributor.objects.filter(user=people["reader"]).exists()


def test_bad_input_to_the_button_forms_gives_a_message_or_404_never_a_500(client, case_and_people):
    application, people = case_and_people
    urls = case_urls(application, people)
    client.force_login(people["coordinator"])
    for data in ({}, {"role": "owner"}, {"role": "x" * 5000}):
        response = client.post(urls["role"][1], data, follow=True)
        assert response.status_code == 200
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Contributor.objects.get(user=people["reader"]).role == "reader"
    other_case = ApplicationFactory()
    unknown = [
        reverse("applications:contributor_role", args=[application.pk, 999999]),
        reverse("applications:remove_contributor", args=[application.pk, 999999]),
        reverse("applications:revoke_invitation", args=[application.pk, 999999]),
        reverse("applications:contributors", args=[999999]),
        # A contributor of another case through this case's URL.
        reverse(
            "applications:remove_contributor",
            args=[application.pk, ContributorFactory(application=other_case).pk],
        ),
    ]
    for url in unknown:
        assert client.post(url, {"role": "editor"}).status_code == 404
    # Withdrawing an invitation that was accepted meanwhile is explained, not an error page.
    accepted, token = invite(application, people["coordinator"], email="late@example.org")
    invitations.accept_invitation(token=token, user=invitee("late@example.org"))
    url = reverse("applications:revoke_invitation", args=[application.pk, accepted.pk])
    with translation.override("en"):
        response = client.post(url, follow=True)
    assert "remove the contributor instead" in response.text


def test_the_page_needs_the_same_number_of_queries_for_1_and_20_people(
    client, case_and_people, django_assert_num_queries
):
    application, people = case_and_people
    client.force_login(people["coordinator"])
    url = reverse("applications:contributors", args=[application.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(18):
        ContributorFactory(application=application)
        invite(application, people["coordinator"], email=f"person{n}@example.org")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


# --- The invitee's page -------------------------------------------------------------------


@pytest.fixture
def invitation_and_token(coordinator_and_case):
    coordinator, application = coordinator_and_case
    return invite(application, coordinator, role="editor")


def test_an_anonymous_invitee_is_sent_to_log_in_and_back(client, invitation_and_token):
    _invitation, token = invitation_and_token
    url = reverse("applications:accept_invitation", args=[token])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    assert client.post(url).status_code == 302
    assert not Contributor.objects.exists()


def test_the_invitee_sees_what_they_are_invited_to_and_accepts_with_a_button(
    client, invitation_and_token
):
    invitation, token = invitation_and_token
    user = invitee()
    client.force_login(user)
    url = en("applications:accept_invitation", token)
    response = client.get(url)
    assert response.status_code == 200
    text = response.text
    assert invitation.application.organisation.name in text
    assert "Unga röster i Kisumu" in text
    assert "May read and edit" in text
    assert "Cecilia Samordnare" in text
    assert 'method="post"' in text
    assert "no-store" in response["Cache-Control"]
    assert not Contributor.objects.exists()  # looking is not accepting

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == en("applications:case", invitation.application_id)
    assert Contributor.objects.get().user == user


@pytest.mark.parametrize(
    ("state", "status", "message"),
    [
        ("unknown", 404, "not valid"),
        ("expired", 410, "has expired"),
        ("accepted", 410, "already been accepted"),
        ("revoked", 410, "withdrawn"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unusable_invitation_shows_a_clear_page(
    client, invitation_and_token, state, status, message, method
):
    invitation, token = invitation_and_token
    if state == "unknown":
        token = "not-a-real-token"
    elif state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    elif state == "accepted":
        invitations.accept_invitation(token=token, user=invitee())
    elif state == "revoked":
        invitations.revoke_invitation(invitation=invitation, by=invitation.invited_by)
    client.force_login(UserFactory())
    response = getattr(client, method)(en("applications:accept_invitation", token))
    assert response.status_code == status
    assert message in response.text
    assert "Ask the coordinator who invited you" in response.text
    assert Contributor.objects.count() == (1 if state == "accepted" else 0)


@pytest.mark.parametrize("token", ["x" * 5000, "%00", "ä'\"<script>", "a.b~c"])
def test_a_garbage_token_is_not_found_never_an_error(client, token):
    client.force_login(UserFactory())
    url = reverse("applications:accept_invitation", args=[token])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_accepting_is_rate_limited(client, settings, invitation_and_token):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "accept_invitation": "3/m/ip"}
    cache.clear()
    client.force_login(UserFactory())
    url = reverse("applications:accept_invitation", args=["guess"])
    assert [client.post(url).status_code for _ in range(4)] == [404, 404, 404, 429]
    _invitation, token = invitation_and_token
    client.post(reverse("applications:accept_invitation", args=[token]))
    assert not Contributor.objects.exists()
    cache.clear()
