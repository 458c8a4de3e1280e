from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "applications"
urlpatterns = [
    path(_("application-rounds/"), views.rounds, name="rounds"),
]
