"""Reading the toolbox: the shared content plus, for its members, a network's own items."""

from collections import defaultdict

from django.db.models import Q

from . import access
from . import search as fulltext
from .models import ItemLink, Offer, Target, ToolboxItem

# How many items a step page, an advice or a signal shows ("wat werkte elders").
HELPS_LIMIT = 5


def items(network=None, *, query: str = "", kind: str = "", phase: str = "", own: bool = False):
    """The current items a member of `network` reads (only its own with `own`), filtered by
    kind and phase, searched in Dutch (best first) or in the content's order."""
    rows = (
        ToolboxItem.objects.filter(access.visible_to(network), retired=False)
        .select_related("network")
        .order_by("order", "key")
    )
    if own:
        rows = rows.filter(network=network)
    if kind:
        rows = rows.filter(kind=kind)
    if phase:
        linked = ItemLink.objects.filter(target=Target.PHASE, target_key=phase)
        rows = rows.filter(id__in=linked.values("item_id"))
    return fulltext.search(rows, query)


def offered():
    """Offers waiting for the platform editor, oldest first."""
    return (
        ToolboxItem.objects.filter(offer=Offer.OFFERED, retired=False)
        .select_related("network", "created_by")
        .order_by("pk")
    )


def links_of(item: ToolboxItem) -> dict[str, list[str]]:
    """The item's link keys per target kind."""
    result: dict[str, list[str]] = defaultdict(list)
    for link in item.links.order_by("target", "target_key"):
        result[link.target].append(link.target_key)
    return dict(result)


def helps_for(target: str, keys) -> dict[str, list[ToolboxItem]]:
    """Per key of `target` (Target.STEP, INDICATOR, SIGNAL, PHASE) the items that help with
    it, at most HELPS_LIMIT each, in one query for any number of keys."""
    keys = list(dict.fromkeys(keys))
    result: dict[str, list[ToolboxItem]] = {key: [] for key in keys}
    if not keys:
        return result
    links = (
        # A network's own items are found in its kennisbank, not beside steps and signals of
        # every network: only shared items here.
        ItemLink.objects.filter(target=target, target_key__in=keys, item__retired=False)
        .filter(Q(item__network__isnull=True) | Q(item__offer=Offer.ACCEPTED))
        .select_related("item")
        .order_by("target_key", "item__order", "item__key")
    )
    for link in links:
        if len(result[link.target_key]) < HELPS_LIMIT:
            result[link.target_key].append(link.item)
    return result


def helps_for_one(target: str, key: str) -> list[ToolboxItem]:
    return helps_for(target, [key])[key]


def helps_for_scan_results(results) -> dict[int, list[ToolboxItem]]:
    """Per indicator id of a round's weak or disputed indicators (scans RoundResults.attention)
    the items that help, in one query."""
    keys = {
        ind.indicator.pk: f"{inst.instrument.key}/{ind.indicator.key}"
        for inst in results.instruments
        for ind in inst.indicators
        if ind.indicator is not None and (ind.weak or ind.stats.disagreement)
    }
    helps = helps_for(Target.INDICATOR, keys.values())
    return {pk: helps[key] for pk, key in keys.items()}


def helps_for_signals(signals) -> dict[str, list[ToolboxItem]]:
    """Per advice key of the health monitor's signals the items that help, in one query."""
    return helps_for(Target.SIGNAL, [signal.advice_key for signal in signals])
