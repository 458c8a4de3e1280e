"""Public pages: thematic networks with their interest registration, and partners abroad
that seek a Swedish partner, with the declaration form and coordinators' interest."""

from __future__ import annotations

from typing import Any

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import add_service_error
from core.pagecache import content_version, public_page
from partnerships.data_version import data_version

from . import selectors, services
from .filters import PartnerSeekingFilter
from .forms import DeclarationForm, ExpressInterestForm, InterestRegistrationForm
from .models import Network

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset: QuerySet) -> dict[str, Any]:
    """The requested page (a bad or too high number gives the first or last page, never an
    error), the page numbers to link and the query string those links build on."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "params": params,
    }


# --- Networks --------------------------------------------------------------------------------


def networks_version() -> str:
    """Networks show their own rows and the partnership data (countries, themes)."""
    return f"{content_version.current()}.{data_version()}"


@require_safe
@public_page(version=networks_version)
def network_list(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/list.html", {"networks": selectors.public_networks()})


@require_safe
@public_page(version=networks_version)
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "networks/detail.html", {"network": selectors.network_detail(pk)})


@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    # Anyone may send it, so sending is limited per address (ACCOUNT_RATE_LIMITS).
    limited = consume_or_429(request, action="network_interest")
    if limited is not None:
        return limited
    network = get_object_or_404(Network.objects.select_related("theme"), pk=pk)
    if not network.is_open:
        messages.info(request, _("This network does not take interest registrations now."))
        return redirect("networks:detail", pk=network.pk)
    posted = request.method == "POST"
    form = InterestRegistrationForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        network=network,
        initial=selectors.registration_initial(request.user),
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            # The form's fields are the service's arguments, one for one.
            services.register_interest(
                network=network, **data, language=request.LANGUAGE_CODE, by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. ICLD has received the interest registration and has sent a "
                    "receipt to %(email)s."
                )
                % {"email": data["contact_email"]},
            )
            return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/register.html", {"network": network, "form": form})


# --- Partners seeking a Swedish partner ------------------------------------------------------


@require_safe
def seeking_list(request: HttpRequest) -> HttpResponse:
    filterset = PartnerSeekingFilter(
        request.GET, queryset=selectors.published_seekings(), request=request
    )
    context = {"filter": filterset} | paginate(request, filterset.qs)
    return render(request, "networks/seeking_list.html", context)


def _seeking_page(request: HttpRequest, pk: int, form: ExpressInterestForm | None = None):
    seeking = get_object_or_404(selectors.published_seekings(), pk=pk)
    if form is None and request.user.is_authenticated:
        form = ExpressInterestForm(user=request.user)
    has_organisation = form is not None and form.fields["organisation"].queryset.exists()
    return render(
        request,
        "networks/seeking_detail.html",
        {"seeking": seeking, "form": form if has_organisation else None},
    )


@require_safe
def seeking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _seeking_page(request, pk)


@login_required
@require_POST
def express_interest(request: HttpRequest, pk: int) -> HttpResponse:
    seeking = get_object_or_404(selectors.published_seekings(), pk=pk)
    form = ExpressInterestForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.express_interest(
                seeking=seeking,
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you. ICLD has received your interest and will put you in contact."),
            )
            return redirect("networks:seeking_detail", pk=seeking.pk)
    return _seeking_page(request, pk, form)


@require_http_methods(["GET", "HEAD", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    # Partners abroad read English: the form lives on the English site only.
    if request.LANGUAGE_CODE != "en":
        with translation.override("en"):
            return redirect(reverse("networks:declare"))
    limited = consume_or_429(request, action="partner_declaration")
    if limited is not None:
        return limited
    posted = request.method == "POST"
    form = DeclarationForm(request.POST if posted else None)
    if posted and form.is_valid():
        # The form's fields are the service's arguments, and the consent it asks for.
        data = dict(form.cleaned_data)
        del data["publish_consent"]
        try:
            services.declare_partner_interest(**data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. ICLD has received your declaration of interest and will publish "
                    "it once it has been read."
                ),
            )
            return redirect("networks:seeking_list")
    return render(request, "networks/declare.html", {"form": form})
