"""Optimistic locking: two people editing one thing must never overwrite each other silently.

`select_for_update` does nothing on SQLite, so every editable document carries a `version`
column; an update only succeeds when the version the editor started from is still current.
A refused save raises `ConcurrentEditError`, which names the fields the other person changed
and what they hold now, so the editor (whose form keeps their input) can merge by hand. The list
of co-edited objects is in docs/architecture.md ("Writes and audit").
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import formatting

MESSAGE = gettext_lazy(
    "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en voer je "
    "wijziging nog eens in."
)


class ConcurrentEditError(ValidationError):
    """A stale save. `current` maps a field's label to what is stored now (for the editor)."""

    def __init__(self, current: dict[str, str] | None = None):
        self.current = dict(current or {})
        messages = [ValidationError(MESSAGE, code="concurrent_edit")]
        if self.current:
            shown = "; ".join(f"{label}: {value}" for label, value in self.current.items())
            messages.append(
                ValidationError(
                    _("Zo staat het nu opgeslagen: %(values)s") % {"values": shown},
                    code="concurrent_edit_current",
                )
            )
        super().__init__(messages)


def display_value(instance, name: str) -> str:
    """A stored value as the editor would read it (choices by label, dates as d-m-Y)."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if getattr(field, "choices", None):
        value = getattr(instance, f"get_{name}_display")()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.datetime):
        return formatting.moment(value)
    if isinstance(value, datetime.date):
        return formatting.day(value)
    if isinstance(value, dict):
        value = ", ".join(f"{k} = {v}" for k, v in sorted(value.items())) or "—"
    return Truncator(str(value)).chars(200)


def changes_by_others(current, mine, fields) -> dict[str, str]:
    """What `current` (the stored row) holds where it differs from `mine` (the stale save).

    Encrypted client text is not repeated in the message (reading it is access-logged, which
    the page reload does); the message only says that it changed.
    """
    from wijknet.core.fields import EncryptedTextField

    shown = {}
    for name in fields:
        field = current._meta.get_field(name)
        if not field.concrete or isinstance(field, models.AutoField):
            continue
        stored = getattr(current, field.attname)
        if stored == getattr(mine, field.attname):
            continue
        label = str(field.verbose_name)
        label = label[:1].upper() + label[1:]
        if isinstance(field, EncryptedTextField):
            shown[label] = _("gewijzigd (laad de pagina opnieuw)")
        else:
            shown[label] = display_value(current, name)
    return shown


def refuse_stale(instance, fields) -> ConcurrentEditError:
    """The error for a stale save of `instance`, with the other person's changes to `fields`."""
    current = type(instance)._base_manager.filter(pk=instance.pk).first()
    if current is None:
        return ConcurrentEditError()
    return ConcurrentEditError(changes_by_others(current, instance, fields))


def save_versioned(instance, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `instance` only if its stored version is still `expected_version`."""
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    updated = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise refuse_stale(instance, fields)
    instance.version = expected_version + 1
