import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from localflavor.se.utils import id_number_checksum, valid_organisation

# Ten digits with an optional hyphen before the last four. Twelve-digit forms are refused:
# they are how personal identity numbers are written, and the portal keeps none.
ORGANISATION_NUMBER = re.compile(
    r"^(?P<year>\d{2})(?P<month>\d{2})(?P<day>\d{2})(?P<sign>-?)(?P<serial>\d{3})(?P<checksum>\d)$"
)


def validate_organisation_number(value: str) -> None:
    """A Swedish organisation number: the group digit of a legal person and a valid checksum.

    Personal identity numbers (of sole traders) are refused, never stored.
    """
    match = ORGANISATION_NUMBER.match(value.strip())
    if match is None:
        raise ValidationError(
            _("Enter the organisation number as ten digits, e.g. 212000-0142."), code="format"
        )
    parts = match.groupdict() | {"century": None, "sign": match["sign"] or None}
    if id_number_checksum(parts) != int(parts["checksum"]) or not valid_organisation(parts):
        raise ValidationError(
            _("%(value)s is not a valid Swedish organisation number."),
            code="invalid",
            params={"value": value},
        )
