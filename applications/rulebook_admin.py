"""The admin of the rule sets: staff change a number by saving the rule set as a new one with a
later effective date ("Save as new"); a rule set already in force stays as it was, so that the
applications judged by it keep their verdict."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rulebook import RuleLimit, RuleSet


class RuleSetForm(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = ["name", "effective_from", "note"]

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        effective_from = cleaned.get("effective_from")
        if self.instance.pk and self.instance.effective_from <= today:
            raise ValidationError(
                _(
                    "This rule set is in force and applications have been judged by it. Change "
                    "the effective date to today or later and choose “Save as new”."
                )
            )
        if effective_from and effective_from < today:
            self.add_error(
                "effective_from",
                _("A new rule set takes effect today at the earliest."),
            )
        return cleaned


class RuleLimitInline(admin.TabularInline):
    model = RuleLimit
    extra = 0
    fields = ["component", "key", "minimum", "maximum", "severity", "categories", "quote"]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    form = RuleSetForm
    list_display = ["name", "effective_from"]
    inlines = [RuleLimitInline]
    save_as = True
    save_as_continue = False
