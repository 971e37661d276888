"""Loading scan instruments (`content/instruments/*.yaml`) and advice (`content/advice.yaml`).

Like the step plan: versioned files, upserts by stable keys, items that disappear are retired
(answers keep pointing at them), a file whose version is already loaded is skipped. Texts are
{nl: ..., en: ...} mappings (content/README.md): the Dutch goes into the text fields, the rest
into `translations`.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from wijknet.core.content import field_values
from wijknet.roadmap.models import ContentVersion, Step

from .models import Advice, Indicator, IndicatorGroup, Instrument, Item

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
INSTRUMENT_ORDER = ["samenwerkingsscan", "interprofessioneel", "duurzaam-netwerk", "negen-tips"]


class ContentError(ValueError):
    pass


def read_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "version" not in data:
        raise ContentError(f"{path}: needs a 'version'")
    return data


def _is_loaded(name: str, version: int) -> bool:
    current = ContentVersion.objects.filter(name=name).first()
    return current is not None and current.version >= version


def _mark_loaded(name: str, version: int) -> None:
    ContentVersion.objects.update_or_create(name=name, defaults={"version": version})


def validate_instrument(data: dict, path: Path) -> None:
    seen_items, seen_indicators = set(), set()
    for group in data.get("groups", []):
        for indicator in group.get("indicators", []):
            if indicator["key"] in seen_indicators:
                raise ContentError(f"{path}: indicator {indicator['key']!r} appears twice")
            seen_indicators.add(indicator["key"])
            if not indicator.get("items"):
                raise ContentError(f"{path}: indicator {indicator['key']!r} has no items")
            for item in indicator["items"]:
                if item["key"] in seen_items:
                    raise ContentError(f"{path}: item {item['key']!r} appears twice")
                seen_items.add(item["key"])


@transaction.atomic
def load_instrument(path: Path, *, force: bool = False) -> bool:
    data = read_yaml(path)
    validate_instrument(data, path)
    name = f"instrument:{data['key']}"
    if _is_loaded(name, data["version"]) and not force:
        return False
    order = INSTRUMENT_ORDER.index(data["key"]) if data["key"] in INSTRUMENT_ORDER else 99
    instrument, _ = Instrument.objects.update_or_create(
        key=data["key"],
        defaults={
            "version": data["version"],
            **field_values(name=data["name"], description=data.get("description", "")),
            "order": order,
            "source": data.get("source", ""),
        },
    )
    item_keys = []
    for g_order, group_data in enumerate(data["groups"], start=1):
        group, _ = IndicatorGroup.objects.update_or_create(
            instrument=instrument,
            key=group_data["key"],
            defaults={
                "order": g_order,
                **field_values(name=group_data["name"]),
                "source": group_data.get("source", ""),
            },
        )
        for i_order, ind_data in enumerate(group_data["indicators"], start=1):
            indicator, _ = Indicator.objects.update_or_create(
                instrument=instrument,
                key=ind_data["key"],
                defaults={
                    "group": group,
                    "order": i_order,
                    **field_values(
                        name=ind_data["name"], definition=ind_data.get("definition", "")
                    ),
                    "source": ind_data.get("source", ""),
                },
            )
            for it_order, item_data in enumerate(ind_data["items"], start=1):
                Item.objects.update_or_create(
                    instrument=instrument,
                    key=item_data["key"],
                    round=None,
                    defaults={
                        "indicator": indicator,
                        "order": it_order,
                        **field_values(text=item_data["text"]),
                        "retired": False,
                    },
                )
                item_keys.append(item_data["key"])
    Item.objects.filter(instrument=instrument, round__isnull=True).exclude(
        key__in=item_keys
    ).update(retired=True)
    _mark_loaded(name, data["version"])
    return True


@transaction.atomic
def load_advice(path: Path | None = None, *, force: bool = False) -> bool:
    path = path or CONTENT_DIR / "advice.yaml"
    data = read_yaml(path)
    if _is_loaded("advice", data["version"]) and not force:
        return False
    indicators = {
        (i.instrument.key, i.key): i
        for i in Indicator.objects.select_related("instrument").order_by("pk")
    }
    step_keys = set(Step.objects.values_list("key", flat=True))
    Advice.objects.all().delete()  # advice holds no network data: replace it wholesale
    counters: dict[int, int] = {}
    rows = []
    for entry in data["advice"]:
        indicator = indicators.get((entry["instrument"], entry["indicator"]))
        if indicator is None:
            raise ContentError(
                f"{path}: unknown indicator {entry['instrument']}/{entry['indicator']}"
            )
        unknown = set(entry.get("steps", [])) - step_keys
        if unknown:
            raise ContentError(f"{path}: unknown step keys {sorted(unknown)}")
        counters[indicator.pk] = counters.get(indicator.pk, 0) + 1
        rows.append(
            Advice(
                indicator=indicator,
                order=counters[indicator.pk],
                **field_values(text=entry["text"]),
                source=entry["source"],
                step_keys=entry.get("steps", []),
            )
        )
    Advice.objects.bulk_create(rows)
    _mark_loaded("advice", data["version"])
    return True


def load_scans(*, force: bool = False) -> bool:
    """Load every instrument, then the advice that refers to them. True if anything loaded."""
    loaded = False
    for path in sorted((CONTENT_DIR / "instruments").glob("*.yaml")):
        loaded |= load_instrument(path, force=force)
    if (CONTENT_DIR / "advice.yaml").exists():
        loaded |= load_advice(force=force or loaded)
    return loaded
