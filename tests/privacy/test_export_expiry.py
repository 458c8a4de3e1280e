"""GDPR: stored export files hold personal data; the nightly retention sweep deletes an export
(its row and its file) RETENTION_EXPORT_DAYS after it was made."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from exports.models import ExportJob
from privacy import retention
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_sweep_deletes_exports_older_than_the_retention_period(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RETENTION_EXPORT_DAYS = 30
    staff = UserFactory(is_staff=True)
    old = ExportJob.objects.create(kind="applications", requested_by=staff)
    old.file.save("old.xlsx", ContentFile(b"Astrid Lind"), save=True)
    new = ExportJob.objects.create(kind="applications", requested_by=staff)
    new.file.save("new.xlsx", ContentFile(b"Otieno Ouma"), save=True)
    now = timezone.now()
    ExportJob.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=31))
    old_path = old.file.path

    result = retention.sweep(now=now)

    assert result.expired == 1
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert not (tmp_path / old_path).exists()
    assert new.file.storage.exists(new.file.name)
