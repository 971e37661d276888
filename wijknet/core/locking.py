"""Optimistic locking: two people editing one thing must never overwrite each other silently.

`select_for_update` does nothing on SQLite, so every editable document carries a `version`
column; an update only succeeds when the version the editor started from is still current.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(ValidationError):
    def __init__(self):
        super().__init__(
            _(
                "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en voer je "
                "wijziging nog eens in."
            ),
            code="concurrent_edit",
        )


def save_versioned(instance, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `instance` only if its stored version is still `expected_version`."""
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    updated = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.version = expected_version + 1
