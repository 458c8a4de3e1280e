"""Case work's access beyond the route matrix (tests/security/test_route_matrix.py, which holds
every casework URL for every persona): an internal note's file is the staff's alone."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from casework.models import Message, MessageAttachment, MessageKind
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(case_world, make_officer):
    case_world.people["officer"] = make_officer()
    application = case_world.application
    message = Message.objects.create(
        application=application, author=case_world.people["coordinator"], body="Hej"
    )
    attachment = MessageAttachment.objects.create(
        message=message,
        file=ContentFile(pdf_bytes("Bilaga"), name="b.pdf"),
        original_name="b.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=case_world.people["coordinator"],
    )
    return case_world, attachment


def test_an_internal_notes_file_is_a_404_for_the_coordinators_side(client, world):
    case_world, attachment = world
    Message.objects.filter(pk=attachment.message_id).update(kind=MessageKind.NOTE)
    url = reverse("casework:message_attachment", args=[case_world.application.pk, attachment.pk])
    for persona, status in [("coordinator", 404), ("reader", 404), ("officer", 200)]:
        client.force_login(case_world.people[persona])
        assert client.get(url).status_code == status
