from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from applications.views import rounds as application_rounds
from core import views as core_views
from core.mfa import admin_login
from pages import views as pages_views
from pages.sitemaps import NewsSitemap, StaticPagesSitemap

# Staff log in through the portal's login, which asks for their second factor.
admin.site.login = admin_login

# Paths that integrations depend on are never language-prefixed.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("session/keepalive", core_views.session_keepalive, name="session_keepalive"),
    # Staff pages outside the model admin; /admin/ asks staff for their second factor.
    path("admin/statistics/", include("stats.urls")),
    path("admin/privacy/", include("privacy.urls")),
    path("admin/casework/", include("casework.urls_staff")),
    path("admin/assessments/", include("assessments.urls_staff")),
    path("admin/decisions/", include("decisions.urls_staff")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("partnerships.api_urls")),
    path("rounds.ics", application_rounds.rounds_ics, name="rounds_ics"),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
    path("favicon.ico", pages_views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": StaticPagesSitemap, "news": NewsSitemap}},
        name="sitemap",
    ),
]

# Swedish pages live at /, English ones at /en/.
urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path(_("partnerships/"), include("partnerships.urls")),
    path(_("networks/"), include("networks.urls")),
    path("", include("applications.urls")),
    path("", include("reporting.urls")),
    path("", include("decisions.urls")),
    path("", include("agreements.urls")),
    path("", include("casework.urls")),
    path(_("account/"), include("allauth.urls")),
    prefix_default_language=False,
)

# A database outage answers 503 with Retry-After; other errors the standalone 500 page.
handler500 = "core.views.server_error"

admin.site.site_header = "ICLD – Kommunala partnerskap"
admin.site.site_title = "ICLD"
