"""What the portal's forms share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError next to the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def check_length(text: str, *, field: str, max_length: int, message: str) -> str:
    """`text` if it has at most `max_length` characters; else a service's error on `field`,
    `message` saying the limit with `%(max)d`."""
    if len(text) > max_length:
        raise ValidationError({field: ValidationError(message, params={"max": max_length})})
    return text
