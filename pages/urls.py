from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path(_("about/"), views.about, name="about"),
    path(_("who-can-apply/"), views.who_can_apply, name="who_can_apply"),
    path(_("programme-rules/"), views.rules, name="rules"),
    path(_("how-to-apply/"), views.how_to_apply, name="how_to_apply"),
    path(_("news/"), views.news_list, name="news_list"),
    path(_("news/<slug:slug>/"), views.news_detail, name="news_detail"),
    path(_("faq/"), views.faq, name="faq"),
    path(_("guidelines/"), views.guidelines, name="guidelines"),
    path(
        _("guidelines/<slug:slug>/document/"), views.guideline_document, name="guideline_document"
    ),
    path(_("contact/"), views.contact, name="contact"),
    path(_("accessibility/"), views.accessibility, name="accessibility"),
    path(_("privacy/"), views.privacy, name="privacy"),
]
