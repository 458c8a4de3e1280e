"""Every model that holds personal data is covered by the GDPR export and by retention, or says
why it needs no rule (privacy/inventory.py; issue 15: "a person's data must include …", "the
addresses in it are personal data"). A new model with an e-mail field, a person's name or a link
to an account fails here until its entry is written."""

from __future__ import annotations

import json

import pytest
from django.apps.registry import Apps
from django.db import models

from applications.models import ApplicationEvent
from core.models import User
from exports.models import ExportJob
from privacy import export, inventory, retention
from tests.factories import ApplicationFactory, UserFactory, make_staff


def test_every_model_with_personal_data_has_its_entry():
    found = inventory.models_with_personal_data()

    assert inventory.uncovered(found) == [], (
        "say in privacy/inventory.py::PERSONAL_DATA which export section and retention rule "
        "cover these models, or why none is needed (Kept)"
    )
    assert sorted(set(inventory.PERSONAL_DATA) - set(found)) == [], "entries of no such model"


def test_a_new_model_with_an_address_or_an_account_is_found_and_reported():
    isolated = Apps()  # a model of its own registry: the project's stays as it is

    class Contact(models.Model):
        reference = models.CharField(max_length=20)
        address = models.EmailField()
        owner = models.ForeignKey(User, on_delete=models.CASCADE)
        contact_name = models.CharField(max_length=100)

        class Meta:
            apps = isolated
            app_label = "privacy"

        def __str__(self) -> str:
            return self.reference

    assert inventory.personal_fields(Contact) == ["address", "owner", "contact_name"]
    assert inventory.uncovered({"privacy.contact": Contact}) == ["privacy.contact"]


@pytest.mark.django_db
def test_each_entry_names_a_section_of_the_export_or_says_why_not():
    sections = {name for name, _rows in export.sections("nobody@example.se")}

    for label, coverage in inventory.PERSONAL_DATA.items():
        if isinstance(coverage.export, inventory.Kept):
            assert coverage.export.reason, label
        else:
            assert coverage.export in sections, label


def test_each_entry_names_a_step_of_retention_or_says_why_not():
    steps = {value for value in vars(retention).values() if callable(value)}

    for label, coverage in inventory.PERSONAL_DATA.items():
        if isinstance(coverage.retention, inventory.Kept):
            assert coverage.retention.reason, label
        else:
            assert coverage.retention in steps, label


@pytest.mark.django_db
def test_the_export_lists_the_records_that_name_the_persons_account(client):
    person = UserFactory(email="handlaggare@icld.example")
    case = ApplicationFactory()
    event = ApplicationEvent.objects.create(
        application=case, actor=person, from_status="draft", to_status="submitted"
    )
    job = ExportJob.objects.create(kind="participants", requested_by=person)
    ApplicationEvent.objects.create(
        application=case, actor=UserFactory(), from_status="submitted", to_status="returned"
    )
    client.force_login(make_staff())

    response = client.post("/admin/privacy/export/", {"email": person.email})
    data = json.loads(b"".join(response.streaming_content))

    assert data[inventory.ACCOUNT_RECORDS] == [
        {"model": "applications.ApplicationEvent", "id": event.pk, "as": "actor"},
        {"model": "exports.ExportJob", "id": job.pk, "as": "requested_by"},
    ]
