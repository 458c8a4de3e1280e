from django.urls import path

from . import staff_views

app_name = "decisions_staff"
urlpatterns = [
    path("rounds/", staff_views.rounds, name="rounds"),
    path("rounds/<int:pk>/", staff_views.round_board, name="round_board"),
]
