from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from applications.rules import SEED_TITLES, SOURCES
from applications.selectors import rounds_overview
from core.pagecache import content_version, public_page
from partnerships.models import Component, Country, CountryStatus, SwedishOrganisationType

from .models import FaqEntry, Guideline, NewsItem


@require_safe
@public_page(version=content_version.current, daily=True)
def home(request: HttpRequest) -> HttpResponse:
    context = rounds_overview(timezone.localdate()) | {
        "news": NewsItem.objects.published()[:3],
    }
    return render(request, "pages/home.html", context)


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html")


@require_safe
def rules(request: HttpRequest) -> HttpResponse:
    """The programme's rules as the portal applies them, each with the line of ICLD's own page
    it comes from: where every finding's "why" link leads (anchors: rule-<key>)."""
    return render(
        request,
        "pages/rules.html",
        {
            "rules": [
                (key, source, SEED_TITLES.get(source.seed, source.seed))
                for key, source in SOURCES.items()
            ]
        },
    )


@require_safe
def who_can_apply(request: HttpRequest) -> HttpResponse:
    countries = Country.objects.exclude(status=CountryStatus.FORMER).order_by("name_sv")
    clusters: dict[str, list[Country]] = {}
    continuing = []
    for country in countries:
        if country.status == CountryStatus.CONTINUING:
            continuing.append(country)
        else:
            clusters.setdefault(country.get_cluster_display(), []).append(country)
    return render(
        request,
        "pages/who_can_apply.html",
        {
            "clusters": clusters,
            "continuing": continuing,
            "organisation_types": SwedishOrganisationType.choices,
        },
    )


@require_safe
def how_to_apply(request: HttpRequest) -> HttpResponse:
    """The start page of applying: who, what, what you need, when, and one way in."""
    rounds = rounds_overview(timezone.localdate())
    return render(
        request,
        "pages/how_to_apply.html",
        {
            "open_rounds": rounds["open"],
            "next_round": min(rounds["coming"], key=lambda r: r.opens_on, default=None),
            "organisation_types": SwedishOrganisationType.choices,
            "components": Component.choices,
            "start_url": reverse("applications:new"),
        },
    )


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/contact.html")


@require_safe
@public_page(version=content_version.current)
def news_list(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/news_list.html", {"news": NewsItem.objects.published()})


@require_safe
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(NewsItem.objects.published(), slug=slug)
    return render(request, "pages/news_detail.html", {"item": item})


@require_safe
@public_page(version=content_version.current)
def faq(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/faq.html", {"entries": FaqEntry.objects.all()})


@require_safe
def guidelines(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/guidelines.html", {"guidelines": Guideline.objects.all()})


@require_safe
def guideline_document(request: HttpRequest, slug: str) -> FileResponse:
    guideline = get_object_or_404(Guideline, slug=slug)
    if not guideline.document:
        raise Http404
    return FileResponse(guideline.document.open("rb"), as_attachment=True)


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever a page links; send them to the portal's icon."""
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
