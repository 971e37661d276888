"""Loading the toolbox from `content/toolbox.yaml` (after the step plan and the scans).

Two kinds of rows:
- `items`: instruments, guides, practice stories and pilots written in the file, each with its
  source and the phases, steps, scan indicators ("instrument/indicator") and health signals
  (advice keys of content/health.yaml) it helps with;
- `derived`: the 9 tips and the 10 sustainability factors are scan indicators already
  (content/instruments/negen-tips.yaml, duurzaam-netwerk.yaml); their items are built from the
  loaded indicators (name, definition, source) and linked to that indicator and to the steps
  of its advice, so the texts live in one place only.

Versioned like the step plan: a newer `version` (or a newer scans load) upserts by key,
retires items that disappeared and rebuilds the search index.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from wijknet.core.content import field_values, texts
from wijknet.roadmap.models import ContentVersion, Phase, Step
from wijknet.scans.models import Advice, Indicator

from . import search
from .models import ItemLink, Target, ToolboxItem

TOOLBOX_FILE = Path(settings.BASE_DIR) / "content" / "toolbox.yaml"
REQUIRED_KEYS = {"key", "kind", "title", "summary", "source"}
LINK_FIELDS = {"phases": Target.PHASE, "steps": Target.STEP, "indicators": Target.INDICATOR}


class ContentError(ValueError):
    pass


def read_toolbox(path: Path = TOOLBOX_FILE) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "version" not in data or "items" not in data:
        raise ContentError(f"{path}: needs 'version' and 'items'")
    seen = set()
    for item in data["items"]:
        missing = REQUIRED_KEYS - set(item)
        if missing:
            raise ContentError(f"{path}: item {item.get('key')!r} lacks {sorted(missing)}")
        if item["key"] in seen:
            raise ContentError(f"{path}: item key {item['key']!r} appears twice")
        seen.add(item["key"])
    return data


def _check_links(item: dict) -> None:
    """Every reference must exist: a typo would silently link nothing."""
    known = {
        "phases": set(Phase.objects.values_list("key", flat=True)),
        "steps": set(Step.objects.filter(retired=False).values_list("key", flat=True)),
        "indicators": {
            f"{i}/{k}" for i, k in Indicator.objects.values_list("instrument__key", "key")
        },
        "signals": set(texts("health")["advice"]),
    }
    for field, keys in known.items():
        unknown = set(item.get(field, [])) - keys
        if unknown:
            raise ContentError(f"toolbox item {item['key']!r}: unknown {field} {sorted(unknown)}")


def _document(*values: str) -> str:
    return "\n".join(v for v in values if v)


def _lines(values: list) -> dict:
    """A list of {nl, en} texts as one {nl, en} text of lines."""
    result: dict[str, list[str]] = {}
    for value in values:
        for lang, text in value.items():
            result.setdefault(lang, []).append(text)
    return {lang: "\n".join(lines) for lang, lines in result.items()}


def _links(item: ToolboxItem, links: list[tuple[str, str]]) -> None:
    item.links.all().delete()
    ItemLink.objects.bulk_create(
        ItemLink(item=item, target=target, target_key=key) for target, key in dict.fromkeys(links)
    )


def _content_version(data: dict) -> int:
    """The toolbox depends on the scans' indicators: reload when either changed."""
    scans = sum(
        ContentVersion.objects.filter(
            Q(name__startswith="instrument:") | Q(name="advice")
        ).values_list("version", flat=True)
    )
    return data["version"] * 1000 + scans


@transaction.atomic
def load_toolbox(path: Path = TOOLBOX_FILE, *, force: bool = False) -> bool:
    """Load the file if it (or the scans it builds on) is newer. Returns True if it loaded."""
    data = read_toolbox(path)
    version = _content_version(data)
    current = ContentVersion.objects.filter(name="toolbox").first()
    if current is not None and current.version >= version and not force:
        return False
    keys = []
    for order, item_data in enumerate(data["items"], start=1):
        _check_links(item_data)
        lessons = _lines(item_data.get("lessons", []))
        values = field_values(
            title=item_data["title"],
            summary=item_data["summary"],
            body=item_data.get("body", ""),
            lessons=lessons or "",
        )
        item, _ = ToolboxItem.objects.update_or_create(
            key=item_data["key"],
            defaults={
                **values,
                "kind": item_data["kind"],
                "order": order,
                "source": item_data["source"],
                "url": item_data.get("url", ""),
                "retired": False,
                "document": _document(values["summary"], values["body"], values["lessons"]),
            },
        )
        links = [(LINK_FIELDS[f], k) for f in LINK_FIELDS for k in item_data.get(f, [])]
        links += [(Target.SIGNAL, k) for k in item_data.get("signals", [])]
        _links(item, links)
        keys.append(item.key)
    keys += _load_derived(data.get("derived", []), start=len(keys) + 1)
    # Networks' own items are not in the file: never retire them.
    ToolboxItem.objects.filter(network__isnull=True).exclude(key__in=keys).update(retired=True)
    search.reindex()
    ContentVersion.objects.update_or_create(name="toolbox", defaults={"version": version})
    return True


def _load_derived(derived: list[dict], start: int) -> list[str]:
    """Items for the indicators of the named scan instruments (the 9 tips, the 10 factors)."""
    keys = []
    order = start
    for spec in derived:
        indicators = Indicator.objects.filter(instrument__key=spec["instrument"]).order_by(
            "group__order", "order"
        )
        step_keys: dict[int, list[str]] = {}
        for advice in Advice.objects.filter(indicator__in=indicators).order_by("order"):
            step_keys.setdefault(advice.indicator_id, []).extend(advice.step_keys)
        for indicator in indicators:
            raw = {"nl": indicator.__dict__["name"], **_field(indicator, "name")}
            definition = {"nl": indicator.__dict__["definition"], **_field(indicator, "definition")}
            values = field_values(title=raw, summary=definition)
            item, _ = ToolboxItem.objects.update_or_create(
                key=f"{spec['kind']}-{indicator.key}",
                defaults={
                    **values,
                    "body": "",
                    "lessons": "",
                    "kind": spec["kind"],
                    "order": order,
                    "source": indicator.source,
                    "url": "",
                    "retired": False,
                    "document": values["summary"],
                },
            )
            links = [(Target.INDICATOR, f"{spec['instrument']}/{indicator.key}")]
            links += [(Target.STEP, key) for key in step_keys.get(indicator.id, [])]
            _links(item, links)
            keys.append(item.key)
            order += 1
    return keys


def _field(row, name: str) -> dict[str, str]:
    """The other languages' text of a translated field of a content row."""
    return {
        lang: fields[name] for lang, fields in (row.translations or {}).items() if name in fields
    }
