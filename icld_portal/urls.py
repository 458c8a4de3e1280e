from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from core import views as core_views

# Paths that integrations depend on are never language-prefixed.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

# Swedish pages live at /, English ones at /en/.
urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    prefix_default_language=False,
)

admin.site.site_header = "ICLD – Kommunala partnerskap"
admin.site.site_title = "ICLD"
