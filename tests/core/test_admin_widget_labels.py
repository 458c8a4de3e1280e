"""Django's admin widgets carry their labels (issues 15 and 19): every box of a date-time field
and every field of a tabular inline is named by a <label> of its own, and the scripts that name
the autocomplete boxes, the list's editable fields and the filter icons are on every admin page.
The browser side is tests/e2e/test_axe_matrix.py, which runs axe on every admin page."""

import re

import pytest
from django.contrib.admin.widgets import AdminSplitDateTime

from tests.factories import ApplicationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def labelled_ids(html: str) -> set[str]:
    return set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))


def test_both_boxes_of_a_date_time_field_have_a_label():
    html = AdminSplitDateTime().render("deleted_at", None, attrs={"id": "id_deleted_at"})

    assert {"id_deleted_at_0", "id_deleted_at_1"} <= labelled_ids(html)


def test_every_field_of_the_application_pages_tabular_inlines_has_a_label(staff_client):
    application = ApplicationFactory()
    ParticipantFactory(application=application)

    response = staff_client.get(f"/admin/applications/application/{application.pk}/change/")

    assert response.status_code == 200
    html = response.content.decode()
    fields = set(
        re.findall(r'<(?:input|select|textarea)[^>]*\bid="(id_participants-0-[^"]+)"', html)
    )
    visible = {
        f
        for f in fields
        if not re.search(rf'type="hidden"[^>]*id="{f}"|id="{f}"[^>]*type="hidden"', html)
    }
    assert visible, "the participants' inline has fields"
    assert visible <= labelled_ids(html), sorted(visible - labelled_ids(html))
    assert {"id_deleted_at_0", "id_deleted_at_1"} <= labelled_ids(html)
    assert "js/admin-a11y" in html
