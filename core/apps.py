from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: health, notifications (the e-mail outbox), template helpers,
    sessions and the security log."""

    name = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models import IntegerField
        from django.db.models.signals import post_migrate

        from . import accounts, security, staff
        from .lookups import IntegerFieldIn

        IntegerField.register_lookup(IntegerFieldIn)

        user_logged_in.connect(security.start_session_clock, dispatch_uid="core.session_clock")
        user_logged_in.connect(accounts.log_login, dispatch_uid="core.log_login")
        user_login_failed.connect(accounts.log_login_failure, dispatch_uid="core.log_failure")
        user_logged_out.connect(accounts.log_logout, dispatch_uid="core.log_logout")
        # After every app's migrations: permissions are created per app as it migrates.
        post_migrate.connect(staff.ensure_staff_group, dispatch_uid="core.staff_group")
