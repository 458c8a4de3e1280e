from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutgoingEmail, User
from .panels import Panels
from .tasks import send_email

# The rows the apps above core add to the admin's index ("Staff pages", templates/admin/
# index.html), filled by the index view so that no template tag runs a query.
ADMIN_INDEX_PANELS = Panels()
_plain_index = admin.site.index


def _index(request, extra_context=None):
    panels = ADMIN_INDEX_PANELS.fill(request.user, None)
    return _plain_index(request, extra_context={"panels": panels, **(extra_context or {})})


admin.site.index = _index


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (None, {"fields": ("language",)}),
    )


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "subject", "language", "sent_at", "attempts", "held"]
    list_filter = ["held", "language", ("sent_at", admin.EmptyFieldListFilter)]
    actions = ["release"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_release_permission(self, request) -> bool:
        return request.user.has_perm("core.change_outgoingemail")

    @admin.action(description=_("Release the held e-mails: send them now"), permissions=["release"])
    def release(self, request, queryset) -> None:
        with transaction.atomic():
            held = list(queryset.select_for_update().filter(held=True, sent_at__isnull=True))
            OutgoingEmail.objects.filter(pk__in=[e.pk for e in held]).update(held=False)
            for email in held:
                send_email.delay(email.pk)  # queued after the commit
        self.message_user(
            request,
            ngettext("%(count)d e-mail released.", "%(count)d e-mails released.", len(held))
            % {"count": len(held)},
            messages.SUCCESS,
        )
