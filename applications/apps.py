from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """Application rounds, applications, teams, contributors and the programme's rules."""

    name = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from core.pagecache import connect_content

        from .models import ApplicationRound

        connect_content(ApplicationRound)

    def seed_demo(self, *, seed: int) -> dict[str, int]:
        """Called by `seed_demo` after the partnerships: applications in every component and status."""
        from .demo import seed_applications

        return seed_applications(seed=seed)

    def load_reference_data(self) -> dict[str, int]:
        """Called by `load_reference_data`: the default rule set, unless staff keep their own."""
        from .rulebook import load_default_rule_set

        return {"rule limits": load_default_rule_set()}
