from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("export/", views.export, name="export"),
]
