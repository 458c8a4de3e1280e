from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostnormsConfig(AppConfig):
    """ICLD's cost norms as data (per diem, accommodation, travel bands, interpreter and
    translator fees, ceilings per component), each in force from a date, and the pure
    computation of a visit's budget lines from them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "costnorms"
    verbose_name = _("Cost norms")

    def load_reference_data(self) -> dict[str, int]:
        """Called by `load_reference_data`: the example norms, unless staff keep their own."""
        from .examples import load_example_norms

        return {"cost norms (example values)": load_example_norms()}
