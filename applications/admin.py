from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ROUND_COMPONENTS, ApplicationRound


class ApplicationRoundForm(forms.ModelForm):
    components = forms.MultipleChoiceField(
        label=_("components"),
        choices=[(c.value, c.label) for c in ROUND_COMPONENTS],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ApplicationRound
        fields = ["name", "opens_on", "closes_on", "components"]


@admin.register(ApplicationRound)
class ApplicationRoundAdmin(admin.ModelAdmin):
    form = ApplicationRoundForm
    list_display = ["name", "opens_on", "closes_on", "components_display"]
    search_fields = ["name"]
    date_hierarchy = "closes_on"
    ordering = ["-closes_on"]

    @admin.display(description=_("components"))
    def components_display(self, obj: ApplicationRound) -> str:
        return ", ".join(obj.get_components_display())
