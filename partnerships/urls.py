from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .map import map_data, map_page

app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path(_("by-country/"), views.by_country, name="by_country"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path(_("organisations/<int:pk>/"), views.organisation, name="organisation"),
    path(_("map/"), map_page, name="map"),
    path(_("map/data/"), map_data, name="map_data"),
]
