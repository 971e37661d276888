"""One hand-written query for an object and its to-one relations, for the lookups that run on
every request: the membership behind a network page and the token behind an API call.

The ORM builds and compiles such a query anew on every call, about 1.5 ms of Python for a
membership with its network and organisation: a fifth of a kept page (docs/performance.md,
session 8). Here the SQL is written once per process from the models' own columns, and each
row becomes model instances through `Model.from_db` after the same converters the ORM applies
(the backend's, then the field's), so the objects are the ORM's own; the tests compare every
field with the ORM's answer on SQLite and PostgreSQL.
"""

from django.db import connections


def columns(model, alias: str, connection) -> str:
    """`alias.col1, alias.col2, …` for every concrete field of `model`, in field order."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def width(model) -> int:
    return len(model._meta.concrete_fields)


def _converters(model, connection) -> list:
    # Kept on the connection: the converters are the connection's own methods, and a
    # connection belongs to one thread.
    cache = connection.__dict__.setdefault("_wijknet_converters", {})
    if model not in cache:
        table = model._meta.db_table
        cache[model] = [
            (col, connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            for col in (field.get_col(table) for field in model._meta.concrete_fields)
        ]
    return cache[model]


def instance(model, values, db: str):
    """A `model` instance from its columns' raw values (as `columns` selects them)."""
    connection = connections[db]
    converted = []
    for value, (col, converters) in zip(values, _converters(model, connection), strict=True):
        for converter in converters:
            value = converter(value, col, connection)
        converted.append(value)
    return model.from_db(db, [field.attname for field in model._meta.concrete_fields], converted)


def fetch_one(db: str, sql: str, params) -> tuple | None:
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def split(row, *models) -> list[tuple]:
    """The row's values per model, in the order the models' columns were selected."""
    parts, start = [], 0
    for model in models:
        parts.append(row[start : start + width(model)])
        start += width(model)
    return parts
