from django.contrib import admin
from django.http import HttpRequest

from .models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The reminders that went out, for staff to look up; a record, so nobody changes it."""

    list_display = ["sent_at", "recipient__email", "kind", "object_key", "due_date", "days_before"]
    list_filter = ["kind", "days_before", "due_date", "sent_at"]
    search_fields = ["recipient__email", "object_key"]
    date_hierarchy = "sent_at"
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Reminder._meta.fields]

    class Media:
        css = {"all": ["reminders/admin.css"]}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Reminder | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Reminder | None = None) -> bool:
        return False
