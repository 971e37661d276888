"""The resident's own menu (`/mijn/…`): separate from the network menu (core.navigation), since
a resident is not a network member. Each entry: (key, URL name, label, what the link needs —
see access.py). Only entries whose page answers for this link are shown.

Another app adds an entry with `register(item, after=key)`; no entry without a working page.
"""

from django.utils.translation import gettext_lazy as _

from . import access

ITEMS: list[tuple[str, str, str, str]] = [
    ("plan", "residents:plan", _("Mijn plan"), access.READ),
    ("health", "residents:health", _("Mijn Positieve Gezondheid"), access.READ),
    ("messages", "residents:messages", _("Vragen"), access.READ),
    ("consents", "residents:consents", _("Toestemming"), access.RESIDENT),
    ("accesslog", "residents:accesslog", _("Wie keek in mijn gegevens"), access.RESIDENT),
    ("access", "residents:links", _("Wie mag meekijken"), access.READ),
]


def register(item, *, after: str = "") -> None:
    keys = [key for key, *_rest in ITEMS]
    if item[0] in keys:
        return
    ITEMS.insert(keys.index(after) + 1 if after in keys else len(ITEMS), item)


def items_for(link, current: str):
    from django.urls import reverse

    return [
        {
            "key": key,
            "url": reverse(url_name, kwargs={"link_uuid": link.uuid}),
            "label": label,
            "current": key == current,
        }
        for key, url_name, label, need in ITEMS
        if access.may(link, need)
    ]
