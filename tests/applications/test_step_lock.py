"""A wizard step is saved through a service that locks the case and checks it is still editable
(core.wizard.save_locked): a step that arrives after the submission changes nothing."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext, override

from applications import services
from applications.forms import ContentStepForm
from applications.models import Application, ApplicationStatus
from tests.factories import application_of, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(reference_data):
    from partnerships.models import SwedishOrganisation

    return make_coordinator(SwedishOrganisation.objects.get(code="0180"))


@pytest.fixture
def draft(coordinator):
    return application_of(
        coordinator,
        title="Före",
    )


def test_a_step_saved_after_submission_is_refused_by_the_service(coordinator, draft):
    form = ContentStepForm({"title": "Efter"}, instance=draft)
    assert form.is_valid(), form.errors
    # Another tab submits the application between the form's check and its save.
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        services.save_step(application=draft, forms=[form], by=coordinator)
    draft.refresh_from_db()
    assert draft.title == "Före"
    assert draft.status == ApplicationStatus.SUBMITTED  # not put back to draft by the form


def test_a_step_posted_while_the_application_is_submitted_is_refused(
    client, coordinator, draft, monkeypatch
):
    """The view's own check passes (the draft was editable when loaded); the submission lands
    while the form is being checked; the locked re-check refuses the save."""
    clean = ContentStepForm.clean

    def submitted_meanwhile(form):
        Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)
        return clean(form)

    monkeypatch.setattr(ContentStepForm, "clean", submitted_meanwhile)
    client.force_login(coordinator)
    response = client.post(
        reverse("applications:step", args=[draft.pk, "content"]), {"title": "Efter", "save": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:case", args=[draft.pk])
    with override("sv"):
        refused = gettext("The application has been submitted and can no longer be changed.")
    assert refused != "The application has been submitted and can no longer be changed."
    assert [str(m) for m in get_messages(response.wsgi_request)] == [refused]
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Före", ApplicationStatus.SUBMITTED)


def test_a_step_of_an_editable_draft_is_saved(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(
        reverse("applications:step", args=[draft.pk, "content"]), {"title": "Efter", "next": ""}
    )
    assert response["Location"] == reverse("applications:step", args=[draft.pk, "planning"])
    draft.refresh_from_db()
    assert draft.title == "Efter"


def test_someone_who_may_not_edit_cannot_save_through_the_service(draft, reference_data):
    from partnerships.models import SwedishOrganisation

    stranger = make_coordinator(SwedishOrganisation.objects.exclude(code="0180").first())
    form = ContentStepForm({"title": "Efter"}, instance=draft)
    assert form.is_valid()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.save_step(application=draft, forms=[form], by=stranger)
    draft.refresh_from_db()
    assert draft.title == "Före"
