from django.urls import path

from . import api

# Fixed paths (no trailing slash, no language prefix): integrations depend on them.
app_name = "api"
urlpatterns = [
    path("partnerships", api.partnerships_json, name="partnerships"),
    path("partnerships.csv", api.partnerships_csv, name="partnerships_csv"),
    path("openapi.json", api.openapi, name="openapi"),
]
