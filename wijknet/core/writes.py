"""Small helpers for every app's services.py."""


def check_fields(fields, allowed, kind: str = "editable") -> None:
    """Refuse field names a service does not write (a caller's mistake, hence TypeError, not a
    message for the user): `check_fields(fields, PARTNER_FIELDS, "partner")`."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not {kind} fields: {sorted(unknown)}")
