from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "casework"
urlpatterns = [
    path(_("cases/<int:pk>/messages/"), views.thread, name="thread"),
    path(_("cases/<int:pk>/messages/read/"), views.thread_read, name="thread_read"),
    path(
        _("cases/<int:pk>/messages/files/<int:attachment_pk>/"),
        views.attachment,
        name="message_attachment",
    ),
]
