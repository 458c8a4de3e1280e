"""The rubric is kept by staff in the admin: each component's criteria, scale and guidance."""

from django.contrib import admin

from .models import Criterion


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "component", "order", "scale_min", "scale_max", "active"]
    list_filter = ["component", "active"]
    list_editable = ["order", "active"]
    search_fields = ["title_sv", "title_en", "key"]
    ordering = ["component", "order"]
