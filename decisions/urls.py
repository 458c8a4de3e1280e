from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "decisions"
urlpatterns = [
    path(_("cases/<int:pk>/decision/letter/"), views.letter, name="letter"),
]
