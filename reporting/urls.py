from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "reporting"
urlpatterns = [
    path(_("cases/<int:pk>/reports/"), views.case_reports, name="case_reports"),
    path(_("reports/<int:pk>/"), views.report, name="report"),
    path(_("reports/<int:pk>/step/<slug:step>/"), views.step, name="step"),
    path(_("reports/<int:pk>/attachments/"), views.attachments, name="attachments"),
    path(
        _("reports/<int:pk>/attachments/<int:attachment_pk>/download/"),
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        _("reports/<int:pk>/attachments/<int:attachment_pk>/remove/"),
        views.delete_attachment,
        name="delete_attachment",
    ),
    path(_("reports/<int:pk>/review/"), views.review, name="review"),
    path(_("reports/<int:pk>/submit/"), views.submit, name="submit"),
    path(_("reports/<int:pk>/pdf/"), views.pdf, name="pdf"),
]
