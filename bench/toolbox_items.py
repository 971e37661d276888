"""Toolbox items for the benchmarks: `add_items(n)` writes n searchable items (the kennisbank
search of issue 17 is measured over 5,000). Used by bench/toolbox.py (in process) and
bench/server.py (over HTTP); no side effects on import."""

WORDS = [
    "beweegaanbod",
    "huisartsen",
    "vrijwilligers",
    "eenzaamheid",
    "kartrekker",
    "financiering",
    "bewonersavond",
    "samenwerkingsovereenkomst",
    "intervisie",
    "mantelzorgers",
]


def add_items(count: int) -> None:
    """`count` items with Dutch words (key `bench-<n>`), half linked to the first phase, and the
    search index rebuilt."""
    from wijknet.toolbox import search
    from wijknet.toolbox.models import ItemLink, Kind, Target, ToolboxItem

    kinds = Kind.values
    items = ToolboxItem.objects.bulk_create(
        (
            ToolboxItem(
                key=f"bench-{n}",
                kind=kinds[n % len(kinds)],
                order=1000 + n,
                title=f"Verhaal {n}: {WORDS[n % len(WORDS)]}",
                summary=f"Een netwerk over {WORDS[(n * 3) % len(WORDS)]} in de wijk {n}.",
                source="bench",
                document=" ".join(WORDS[(n + k) % len(WORDS)] for k in range(0, 40, 7))
                + f" Lessen uit wijk {n}: begin klein, vier successen.",
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    ItemLink.objects.bulk_create(
        (ItemLink(item=item, target=Target.PHASE, target_key="verkennen") for item in items[::2]),
        batch_size=1000,
    )
    search.reindex()
