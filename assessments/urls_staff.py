from django.urls import path

from . import views

app_name = "assessments_staff"
urlpatterns = [
    path("screening/<int:pk>/", views.screening, name="screening"),
    path("mine/", views.mine, name="mine"),
    path("assess/<int:pk>/", views.assess, name="assess"),
    path("case/<int:pk>/", views.case, name="case"),
]
