from django.urls import path

from . import views

app_name = "casework_staff"
urlpatterns = [path("", views.queue, name="queue")]
