"""Assessors: assigned by staff, each first declares no conflict of interest (jäv) or is
blocked; scores within the rubric's scale; no one sees another's scores before submitting."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from assessments.access import assessor_case
from assessments.models import Criterion
from assessments.selectors import visible_scores
from assessments.services import assign_assessor, save_scores
from assessments.workflow import ASSESSMENT_WORKFLOW
from tests.factories import as_staff

pytestmark = pytest.mark.django_db


def scored(assessment, user, value=4):
    criteria = Criterion.objects.filter(component=assessment.application.component)
    save_scores(assessment=assessment, by=user, scores={c.pk: (value, "Bra.") for c in criteria})


def test_an_assessor_declares_no_conflict_scores_and_submits(screened, officer, make_assessor):
    application, _people = screened
    assessor = as_staff(make_assessor())
    assessment = assign_assessor(application=application, assessor=assessor, by=as_staff(officer))
    with pytest.raises(ValidationError):  # nothing before the declaration
        scored(assessment, assessor)
    ASSESSMENT_WORKFLOW.apply(assessment, "declare_no_conflict", by=assessor)
    with pytest.raises(ValidationError):
        ASSESSMENT_WORKFLOW.apply(assessment, "submit", by=assessor)  # not every criterion
    with pytest.raises(ValidationError):
        scored(assessment, assessor, value=9)  # outside the 1-5 scale
    scored(assessment, assessor)
    ASSESSMENT_WORKFLOW.apply(assessment, "submit", by=assessor)
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert [e.to_status for e in assessment.events.all()] == ["assigned", "declared", "submitted"]


def test_declaring_jav_blocks_the_assessor_from_the_application(screened, officer, make_assessor):
    application, _people = screened
    assessor = as_staff(make_assessor())
    assessment = assign_assessor(application=application, assessor=assessor, by=as_staff(officer))
    assert assessor_case(assessor, application.pk)[1] == assessment
    ASSESSMENT_WORKFLOW.apply(assessment, "declare_conflict", by=assessor)
    with pytest.raises(Http404):
        assessor_case(assessor, application.pk)
    assert visible_scores(assessor, application) == []


def test_an_unassigned_assessor_finds_nothing(screened, make_assessor):
    application, _people = screened
    with pytest.raises(Http404):
        assessor_case(as_staff(make_assessor()), application.pk)


def test_assessors_see_each_others_scores_only_after_submitting_their_own(
    screened, officer, make_assessor
):
    application, _people = screened
    first, second = as_staff(make_assessor()), as_staff(make_assessor())
    one = assign_assessor(application=application, assessor=first, by=as_staff(officer))
    two = assign_assessor(application=application, assessor=second, by=as_staff(officer))
    for assessment, user in [(one, first), (two, second)]:
        ASSESSMENT_WORKFLOW.apply(assessment, "declare_no_conflict", by=user)
        scored(assessment, user, value=3 if user == first else 5)
    assert {s.assessment.assessor_id for s in visible_scores(first, application)} == {first.pk}
    ASSESSMENT_WORKFLOW.apply(one, "submit", by=first)
    assert {s.assessment.assessor_id for s in visible_scores(first, application)} == {
        first.pk,
        second.pk,
    }
    # The second still sees only their own; the officer (not assessing) sees all.
    assert {s.assessment.assessor_id for s in visible_scores(second, application)} == {second.pk}
    assert len(visible_scores(as_staff(officer), application)) == 12
    # The coordinator's side sees no scores.
    coordinator = _people["coordinator"]
    assert visible_scores(coordinator, application) == []


def test_only_an_assessor_can_be_assigned(screened, officer):
    application, people = screened
    with pytest.raises(ValidationError):
        assign_assessor(
            application=application, assessor=people["coordinator"], by=as_staff(officer)
        )
