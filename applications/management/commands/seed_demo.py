from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from tqdm import tqdm

from applications.demo import (
    DEMO_COORDINATOR_EMAIL,
    DEMO_COORDINATOR_PASSWORD,
    DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_TOTP_SECRET,
    demo_staff,
)
from partnerships.demo import DemoDataExists, seed_demo


class _RawStream:
    """Lets tqdm redraw its bar in place on the command's stderr: Django's wrapper would add a
    newline and the error colour to every write."""

    def __init__(self, wrapper: OutputWrapper) -> None:
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, style_func=lambda s: s, ending="")

    def flush(self) -> None:
        self.wrapper.flush()


class Command(BaseCommand):
    help = (
        "Fill the database with realistic demo data: partner organisations abroad, "
        "partnerships with their component history, partners seeking a Swedish partner, "
        "application rounds, and applications in every component and status with both "
        "parties' teams. "
        "The same --seed gives the same data. If the database already has partnerships, "
        "nothing is added unless --append is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--partnerships",
            type=int,
            required=True,
            metavar="N",
            help="How many partnerships to create.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random generator (default: 1)."
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add the demo data even if the database already has partnerships.",
        )

    def handle(self, *args, **options) -> None:
        total = options["partnerships"]
        if not settings.DEBUG:
            # The demo creates a coordinator with a published password.
            raise CommandError("seed_demo is for development databases: set DEBUG=true.")
        if total < 0:
            raise CommandError("--partnerships must be 0 or more.")
        bar: tqdm | None = None

        def progress(done: int) -> None:
            # Created on the first call, so that a refused run draws no empty bar.
            nonlocal bar
            if bar is None:
                bar = tqdm(
                    total=total,
                    unit=" partnerships",
                    file=_RawStream(self.stderr),
                    disable=options["verbosity"] == 0,
                )
            bar.update(done)

        try:
            added = seed_demo(
                partnerships=total,
                seed=options["seed"],
                progress=progress,
                append=options["append"],
            )
        except DemoDataExists as exc:
            self.stdout.write(
                f"No demo data added: the database already has {exc.partnerships} "
                "partnerships. Use --append to add more."
            )
            self.print_logins()
            return
        finally:
            if bar is not None:
                bar.close()
        # Each app above partnerships adds its own rows (applications, then reports, …) through
        # its AppConfig, in the order of INSTALLED_APPS, so that this command imports none of them.
        for config in apps.get_app_configs():
            if hasattr(config, "seed_demo"):
                added |= config.seed_demo(seed=options["seed"])
        summary = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in added.items())
        self.stdout.write(f"Demo data added: {summary}.")
        self.print_logins()

    def print_logins(self) -> None:
        """The demo accounts, for a newcomer to try both sides (a development database only)."""
        demo_staff()
        self.stdout.write(
            "Demo logins at /konto/login/:\n"
            f"  coordinator   {DEMO_COORDINATOR_EMAIL} / {DEMO_COORDINATOR_PASSWORD}\n"
            f"  case officer  {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}, then /admin/ asks for\n"
            f"                a code: add the TOTP secret {DEMO_STAFF_TOTP_SECRET} to an\n"
            "                authenticator app (or: oathtool --totp -b SECRET)"
        )
