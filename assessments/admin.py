"""The rubric is kept by staff in the admin: each component's criteria, scale and guidance; the
application's admin page links to its screening and assessment, and is not there for a reader who
declared jäv on it."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationStatus
from core.mfa import has_staff_power

from .access import OFFICER_PERMISSION, SCREEN_PERMISSION
from .models import Assessment, AssessmentStatus, Criterion, Screening
from .services import SCREENED_STATUSES


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["title_sv", "component", "order", "scale_min", "scale_max", "active"]
    list_filter = ["component", "active"]
    list_editable = ["order", "active"]
    search_fields = ["title_sv", "title_en", "key"]
    ordering = ["component", "order"]


def application_page_links(request, application: Application) -> list[tuple[str, str]]:
    """On the application's admin page: its screening and its assessment, for staff with the
    power to work on them (the pages themselves check the rest: jäv, taking part)."""
    links = []
    screening = Screening.objects.filter(application=application).first()
    if has_staff_power(request.user, SCREEN_PERMISSION) and (
        screening is not None or application.status in SCREENED_STATUSES
    ):
        label = (
            _("Screening (%(status)s)") % {"status": screening.get_status_display().lower()}
            if screening is not None
            else _("Screening (not started)")
        )
        links.append((label, reverse("assessments_staff:screening", args=[application.pk])))
    if has_staff_power(request.user, OFFICER_PERMISSION) and (
        application.status == ApplicationStatus.IN_REVIEW or screening is not None
    ):
        links.append(
            (
                _("Assessment and recommendation"),
                reverse("assessments_staff:case", args=[application.pk]),
            )
        )
    return links


def no_other_links(request, application: Application) -> list[tuple[str, str]]:
    # The screening's own link (application_page_links) is the way to start the review.
    return []


def without_conflicts(get_queryset):
    """The applications admin's queryset without the applications on which the reader declared
    a conflict of interest (jäv): off their list, and their page is as missing as any other."""

    def queryset(request):
        conflict = Assessment.objects.filter(
            application=OuterRef("pk"), assessor=request.user, status=AssessmentStatus.CONFLICT
        )
        return get_queryset(request).exclude(Exists(conflict))

    return queryset


def register_application_links() -> None:
    application_admin = admin.site.get_model_admin(Application)
    application_admin.get_queryset = without_conflicts(application_admin.get_queryset)
    application_admin.add_page_links(application_page_links)
    # The review starts when the screening is recorded admissible, on the screening's page: the
    # application's page offers no "start the review" of its own, and refuses it.
    application_admin.make_elsewhere(["start_review"], no_other_links)
