"""Full-text search over the toolbox in Dutch: one function, two backends.

- PostgreSQL: full-text search with the 'dutch' configuration (snowball stemming) over the
  items' title (weighted higher) and `document`, ranked with ts_rank.
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


def _postgres(queryset, words):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    # Per word: the Dutch snowball stem as a prefix, or one of our prefix variants unstemmed
    # ('simple'), since the Dutch stemmer folds "beweeg" back to "beweg" while the compound
    # "beweegaanbod" stays one lexeme.
    tsquery = None
    for alts in words:
        either = SearchQuery(f"{alts[0]}:*", config="dutch", search_type="raw") | SearchQuery(
            " | ".join(f"{v}:*" for v in alts), config="simple", search_type="raw"
        )
        tsquery = either if tsquery is None else tsquery & either
    vector = SearchVector("title", config="dutch", weight="A") + SearchVector(
        "document", config="dutch", weight="B"
    )
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, tsquery))
        .filter(search=tsquery)
        .order_by("-rank", "order", "key")
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
    """The SQLite FTS5 table (migration); PostgreSQL searches the table itself."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, document, tokenize = 'unicode61 remove_diacritics 2')"
        )
        # The built-in `rank` is bm25 with the title weighing five times the text.
        schema_editor.execute(
            "INSERT INTO toolbox_fts (toolbox_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')"
        )


def drop_index(schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
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
