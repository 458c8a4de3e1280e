"""The case page's list of participant-form versions, for `fragment_participant_forms.html`."""

from django import template

from ..models import Application
from ..participant_forms import FormHistoryEntry, form_history

register = template.Library()


@register.simple_tag
def participant_form_history(application: Application) -> list[FormHistoryEntry]:
    return form_history(application)
