"""The rubric is data, seeded per component from the programme's pages, in both languages."""

import pytest
from django.utils import translation

from assessments.models import Criterion

pytestmark = pytest.mark.django_db


def test_every_component_has_the_six_criteria_with_scale_and_guidance():
    for component in ["forberedelse", "projekt", "styrgrupp", "breddning", "spridning"]:
        criteria = list(Criterion.objects.filter(component=component))
        assert [c.key for c in criteria] == [
            "anchoring",
            "core_areas",
            "team",
            "continuity",
            "learning_goals",
            "budget",
        ]
        for criterion in criteria:
            assert list(criterion.scale) == [1, 2, 3, 4, 5]
            assert criterion.guidance_sv and criterion.guidance_en and criterion.source
    anchoring = Criterion.objects.get(component="projekt", key="anchoring")
    with translation.override("en"):
        assert anchoring.title == "Anchoring in both organisations"
    with translation.override("sv"):
        assert anchoring.title == "Förankring i båda organisationerna"


def test_staff_edit_the_rubric_in_the_admin(client, officer):
    client.force_login(officer)
    page = client.get("/admin/assessments/criterion/?component__exact=projekt")
    assert page.status_code == 200
    assert "Budgetens realism" in page.content.decode()
