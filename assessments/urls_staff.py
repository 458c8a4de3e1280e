from django.urls import path

from . import views

app_name = "assessments_staff"
urlpatterns = [
    path("screening/<int:pk>/", views.screening, name="screening"),
]
