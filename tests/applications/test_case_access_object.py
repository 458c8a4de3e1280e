"""`get_case` gives a `CaseAccess` (the case and what the user may do with it), derived once;
`editors_of` names the same people as editors as the access rules do."""

import pytest
from django.http import Http404

from applications.access import Action, CaseAccess, allowed_actions, get_case
from applications.models import Application
from applications.selectors import editor_contributors, editors_of
from reminders.sources import coordinators_by_organisation
from tests.factories import case_with_people

pytestmark = pytest.mark.django_db


def test_get_case_gives_the_case_and_the_users_actions_without_touching_the_instance():
    application, people = case_with_people(status="draft")
    case = get_case(people["editor"], application.pk, Action.VIEW)
    assert isinstance(case, CaseAccess)
    assert case.application.pk == application.pk
    assert case.actions == {Action.VIEW, Action.EDIT}
    assert case.can_edit and not case.can_submit and not case.can_change_team
    assert not hasattr(case.application, "allowed_actions")


def test_what_each_persona_may_do_with_a_granted_case():
    application, people = case_with_people(status="approved")
    coordinator = get_case(people["coordinator"], application.pk, Action.VIEW)
    # Granted: nobody edits the content, the coordinator and editors change the team.
    assert not coordinator.can_edit and coordinator.can_submit and coordinator.can_change_team
    reader = get_case(people["reader"], application.pk, Action.VIEW)
    assert reader.actions == {Action.VIEW} and not reader.can_change_team
    with pytest.raises(Http404):
        get_case(people["reader"], application.pk, Action.EDIT)
    with pytest.raises(Http404):
        get_case(people["outsider"], application.pk, Action.VIEW)


@pytest.mark.parametrize("creator", [True, False])
def test_editors_of_are_the_people_the_access_rules_let_edit(creator, django_assert_num_queries):
    application, people = case_with_people(status="draft")
    case = (
        Application.objects.select_related("created_by")
        .prefetch_related(editor_contributors())
        .get(pk=application.pk)
    )
    coordinators = coordinators_by_organisation({application.organisation_id})
    with django_assert_num_queries(0):
        editors = editors_of(case, coordinators, creator=creator)
    expected = {
        person
        for name, person in people.items()
        if Action.EDIT in allowed_actions(person, application) and (creator or name != "creator")
    }
    assert set(editors) == expected
    assert {p.pk for p in editors} >= {people["coordinator"].pk, people["editor"].pk}
    assert (people["creator"] in editors) is creator
    assert [p.pk for p in editors] == sorted(p.pk for p in editors)
