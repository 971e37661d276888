"""Small helpers for every app's services.py."""

from django.core.exceptions import ValidationError


def check_fields(fields, allowed, kind: str = "editable") -> None:
    """Refuse field names a service does not write (a caller's mistake, hence TypeError, not a
    message for the user): `check_fields(fields, PARTNER_FIELDS, "partner")`."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not {kind} fields: {sorted(unknown)}")


def require_typed_name(typed: str, name: str, message: str) -> None:
    """Erasing someone's data is confirmed by typing their name over: refuse unless `typed` is
    `name` (ignoring case and surrounding spaces), with `message` on the form's `confirm_name`
    field."""
    if (typed or "").strip().casefold() != (name or "").strip().casefold():
        raise ValidationError({"confirm_name": message})
