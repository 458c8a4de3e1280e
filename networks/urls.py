from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path(_("<int:pk>/interest/"), views.register, name="register"),
    path(_("partners/"), views.seeking_list, name="seeking_list"),
    path(_("partners/<int:pk>/"), views.seeking_detail, name="seeking_detail"),
    path(_("partners/<int:pk>/interest/"), views.express_interest, name="express_interest"),
    path(_("partners/declare/"), views.declare, name="declare"),
]
