"""The cost norms in the admin. A norm in force is never changed or deleted, so that every
budget computed from it can still be explained by it: staff enter a change as a new row in force
from today or a later day, which replaces the old one from that day. Changing norms needs the
model permissions (the group ICLD-normansvariga); case officers read them. Every save is in the
history (audit app)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import money_column

from .models import ComponentCeiling, CountryRate, LanguageFee, Norm, TravelBand


def in_force(norm: Norm | None) -> bool:
    return bool(norm and norm.pk and norm.valid_from < timezone.localdate())


class NormForm(forms.ModelForm):
    def clean_valid_from(self):
        valid_from = self.cleaned_data["valid_from"]
        if valid_from < timezone.localdate():
            raise forms.ValidationError(
                _(
                    "A norm takes effect today at the earliest: budgets already computed keep theirs."
                )
            )
        return valid_from


class NormAdmin(admin.ModelAdmin):
    form = NormForm
    date_hierarchy = "valid_from"
    list_filter = ["valid_from"]
    save_as = True  # "Save as new": the way to change a norm in force
    save_as_continue = False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not in_force(obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not in_force(obj)

    def get_actions(self, request: HttpRequest):
        # Deleting in bulk would skip the in-force check.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(CountryRate)
class CountryRateAdmin(NormAdmin):
    list_display = [
        "__str__",
        "country",
        money_column(CountryRate, "per_diem_sek"),
        money_column(CountryRate, "accommodation_sek"),
        "valid_from",
        "source",
    ]
    list_filter = ["valid_from", "country__cluster"]
    list_select_related = ["country"]
    search_fields = ["country__name_sv", "country__name_en", "country__code"]
    autocomplete_fields = ["country"]


@admin.register(TravelBand)
class TravelBandAdmin(NormAdmin):
    list_display = [
        "__str__",
        "route",
        "country",
        money_column(TravelBand, "amount_sek"),
        "valid_from",
        "source",
    ]
    list_filter = ["route", "valid_from"]
    list_select_related = ["country"]
    search_fields = ["country__name_sv", "country__name_en", "country__code"]
    autocomplete_fields = ["country"]


@admin.register(LanguageFee)
class LanguageFeeAdmin(NormAdmin):
    list_display = [
        "__str__",
        "service",
        money_column(LanguageFee, "amount_sek"),
        "valid_from",
        "source",
    ]
    list_filter = ["service", "valid_from"]


@admin.register(ComponentCeiling)
class ComponentCeilingAdmin(NormAdmin):
    list_display = [
        "__str__",
        "component",
        money_column(ComponentCeiling, "ceiling_sek"),
        "valid_from",
        "source",
    ]
    list_filter = ["component", "valid_from"]
