"""Media on S3-compatible storage, against a real S3 API (moto's server, started by the harness):
an upload and a rendered participant form land in the bucket, private, and come back only through
the views that check access."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from applications import tasks
from applications.participant_forms import create_participant_form_version
from tests.factories import make_coordinator, pdf_bytes, valid_forberedelse
from tests.test_settings import BASE_DIR, PRODUCTION

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


@pytest.fixture
def no_local_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    return settings.MEDIA_ROOT


def test_an_attachment_and_a_participant_form_live_in_the_bucket_and_only_their_owners_get_them(
    client, s3, no_local_media, reference_data
):
    application = valid_forberedelse()
    owner = application.created_by
    client.force_login(owner)
    with translation.override("en"):
        page = reverse("applications:attachments", args=[application.pk])
    uploaded = pdf_bytes("Budget")
    response = client.post(
        page,
        {
            "file": SimpleUploadedFile("Budget.pdf", uploaded, content_type="application/pdf"),
            "description": "Budget",
        },
    )
    assert response.status_code == 302
    attachment = application.attachments.get(original_name="Budget.pdf")

    version = create_participant_form_version(application=application)
    tasks.render_participant_form(version.pk)
    version.refresh_from_db()

    keys = s3.keys()
    assert f"{s3.prefix}/{attachment.file.name}" in keys
    assert f"{s3.prefix}/{version.file.name}" in keys
    assert not no_local_media.exists()
    for key in keys:  # private: no grant to everyone
        grants = s3.client.get_object_acl(Bucket=s3.name, Key=key)["Grants"]
        assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]

    attachment_url = reverse(
        "applications:attachment_download", args=[application.pk, attachment.pk]
    )
    form_url = reverse("applications:participant_form", args=[application.pk, version.version])
    response = client.get(attachment_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == uploaded
    response = client.get(form_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"

    client.force_login(make_coordinator())
    assert client.get(attachment_url).status_code == 404
    assert client.get(form_url).status_code == 404


def test_s3_variables_switch_the_media_storage_to_the_bucket():
    env = PRODUCTION | {
        "S3_BUCKET": "icld-media",
        "S3_ENDPOINT_URL": "https://s3.example.org",
        "S3_REGION": "eu-north-1",
        "S3_PREFIX": "portal",
    }
    script = (
        "from django.conf import settings; o = settings.STORAGES['default']; "
        "print(o['BACKEND'], *(o['OPTIONS'][k] for k in "
        "('bucket_name', 'endpoint_url', 'region_name', 'location', 'default_acl')))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/")} | env,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "icld-media",
        "https://s3.example.org",
        "eu-north-1",
        "portal",
        "private",
    ]
