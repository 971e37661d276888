"""Full-text search over the toolbox in Dutch: one function, two backends.

- PostgreSQL: full-text search with the 'dutch' configuration (snowball stemming) over the
  items' title (weighted higher) and `document`, in a generated tsvector column with a GIN
  index, ranked with ts_rank.
- SQLite: an FTS5 virtual table `toolbox_fts` (rowid = item id, unicode61 tokenizer without
  diacritics), kept in step by `reindex()` after loading, joined and ranked with bm25.

Both get the same query terms: each word of the query, lightly stemmed the Dutch way
(`terms`), as a prefix, with the open-syllable variant ("bewegen" → beweg*, beweeg*), so
"bewegen" also finds "beweging" and "beweegaanbod". All words must match.
"""

import re

from django.db import connection

FTS_TABLE = "toolbox_fts"
WORD = re.compile(r"\w+", re.UNICODE)
SUFFIXES = ("heden", "ingen", "ing", "en", "es", "e", "s")
VOWELS = "aeiou"


def stem(word: str) -> str:
    """A light Dutch stem: strip one common inflection suffix, keep at least 4 letters."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # Undouble a final consonant ("bakken" → "bakk" → "bak").
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in VOWELS:
        word = word[:-1]
    return word


def variants(word: str) -> list[str]:
    """The prefixes one query word matches: its stem and, for a stem ending in a single vowel
    and a consonant, the doubled-vowel form of the open syllable (beweg → beweeg)."""
    base = stem(word.lower())
    found = [base]
    match = re.fullmatch(r"(.*[^aeiou])([aeiou])([^aeiou])", base)
    if match and len(base) >= 4:
        found.append(match[1] + match[2] * 2 + match[3])
    return found


def terms(query: str) -> list[list[str]]:
    """Per query word (of at least 2 letters) its prefix variants."""
    return [variants(word) for word in WORD.findall(query or "") if len(word) >= 2]


def search(queryset, query: str):
    """The items of `queryset` matching `query`, best first (annotated `rank`); the queryset
    unchanged for an empty query."""
    words = terms(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return _postgres(queryset, words)
    return _sqlite(queryset, words)


# PostgreSQL: a stored, generated tsvector column with a GIN index (migration 0002; Django
# does not know the column): computing the vector per row at query time costs ~250 ms over
# 5,000 items, the index a few ms.
PG_VECTOR = (
    "setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('dutch', coalesce(document, '')), 'B')"
)
PG_WORD = "(to_tsquery('dutch', %s) || to_tsquery('simple', %s))"


def _postgres(queryset, words):
    """Per word: the Dutch snowball stem as a prefix, or one of our prefix variants unstemmed
    ('simple'), since the Dutch stemmer folds "beweeg" back to "beweg" while the compound
    "beweegaanbod" stays one lexeme. All words must match. The SQL is fixed text; the words
    (word characters only, `terms`) are parameters."""
    tsquery = " && ".join([PG_WORD] * len(words))
    params = []
    for alts in words:
        params += [f"{alts[0]}:*", " | ".join(f"{v}:*" for v in alts)]
    return queryset.extra(  # noqa: S610
        where=[f"toolbox_toolboxitem.search_vector @@ ({tsquery})"],
        params=params,
        select={"rank": f"ts_rank(toolbox_toolboxitem.search_vector, {tsquery})"},
        select_params=params,
        order_by=["-rank", "order", "key"],
    )


def _sqlite(queryset, words):
    """One join with the FTS5 table, ordered by its built-in bm25 `rank` (a correlated rank
    subquery per row is a hundred times slower over thousands of matches). The MATCH
    expression is a parameter, built from word characters only (`terms`)."""
    match = " AND ".join("(" + " OR ".join(f'"{v}"*' for v in alts) + ")" for alts in words)
    return queryset.extra(  # noqa: S610  (fixed SQL; the query is a parameter)
        tables=["toolbox_fts"],
        where=["toolbox_fts.rowid = toolbox_toolboxitem.id", "toolbox_fts MATCH %s"],
        params=[match],
        select={"rank": "-toolbox_fts.rank"},
        order_by=["-rank", "order", "key"],
    )


def create_index(schema_editor) -> None:
    """The SQLite FTS5 table, or PostgreSQL's generated tsvector column and its GIN index
    (migration)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE toolbox_toolboxitem ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX toolbox_item_search ON toolbox_toolboxitem USING gin (search_vector)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, document, tokenize = 'unicode61 remove_diacritics 2')"
        )
        # The built-in `rank` is bm25 with the title weighing five times the text.
        schema_editor.execute(
            "INSERT INTO toolbox_fts (toolbox_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')"
        )


def drop_index(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE toolbox_toolboxitem DROP COLUMN search_vector")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def reindex() -> None:
    """Rebuild the SQLite FTS5 table from the items (after loading content)."""
    if connection.vendor != "sqlite":
        return
    from .models import ToolboxItem

    rows = ToolboxItem.objects.order_by("id").values_list("id", "title", "document")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM toolbox_fts")
        cursor.executemany(
            "INSERT INTO toolbox_fts (rowid, title, document) VALUES (%s, %s, %s)", list(rows)
        )


def index_item(item) -> None:
    """Keep one item's row of the SQLite FTS5 table current (PostgreSQL's column is
    generated)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM toolbox_fts WHERE rowid = %s", [item.pk])
        cursor.execute(
            "INSERT INTO toolbox_fts (rowid, title, document) VALUES (%s, %s, %s)",
            [item.pk, item.title, item.document],
        )


def unindex_item(pk: int) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM toolbox_fts WHERE rowid = %s", [pk])
