"""One hand-written query for an object and its to-one relations, for the lookups that run on
every request: the membership behind a network page and the token behind an API call.

The ORM builds and compiles such a query anew on every call, about 1.5 ms of Python for a
membership with its network and organisation: a fifth of a kept page (docs/performance.md,
session 8). Here the SQL is written once per process from the models' own columns, and each
row becomes model instances through `Model.from_db` after the same converters the ORM applies
(the backend's, then the field's), so the objects are the ORM's own; the tests compare every
field with the ORM's answer on SQLite and PostgreSQL.

The same for one row by primary key (`get`: the user and the second-factor device behind a
logged-in request) and for one insert (`insert`: the access-log record of every read of client
data), with `unflushed_commit` for a statement that may commit without waiting for the disk.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, router

try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except ImportError:  # psycopg is not installed: SQLite only
    ServerBindingCursor = None


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
    with cursor(connections[db]) as prepared:
        prepared.execute(sql, params)
        return prepared.fetchone()


def fetch_all(db: str, sql: str, params) -> list[tuple]:
    with cursor(connections[db]) as prepared:
        prepared.execute(sql, params)
        return prepared.fetchall()


def cursor(connection):
    """A cursor for this module's statements. On PostgreSQL (with `settings.PREPARE_HOT_QUERIES`)
    each statement is prepared on the server the first time a connection runs it and then only
    executed: PostgreSQL parses and plans it once per connection instead of on every request
    (0.1-0.3 ms each; the membership's query took longer to plan than to run).

    Django's own cursors bind parameters on the client and are never prepared, so the ORM is not
    affected. The cursor is wrapped as Django wraps its own: the statements are counted and
    logged like any other query. Prepared statements live in the database session: behind
    PgBouncer in transaction mode (without `max_prepared_statements`) switch this off.
    """
    if connection.vendor != "postgresql" or not settings.PREPARE_HOT_QUERIES:
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django switches preparing off for the whole connection; only a server-binding cursor
        # (this module's) prepares anything, and it asks for it on each statement.
        raw.prepare_threshold = 5
    prepared = _PreparedCursor(raw)
    if connection.queries_logged:
        return connection.make_debug_cursor(prepared)
    return connection.make_cursor(prepared)


class _PreparedCursor(ServerBindingCursor if ServerBindingCursor is not None else object):
    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, prepare=True)


def split(row, *models) -> list[tuple]:
    """The row's values per model, in the order the models' columns were selected."""
    parts, start = [], 0
    for model in models:
        parts.append(row[start : start + width(model)])
        start += width(model)
    return parts


def unflushed_commit(connection) -> str:
    """A RETURNING column (", set_config(…)") to append to a statement that ends in RETURNING
    and runs outside a transaction: on PostgreSQL its own transaction then commits with
    `synchronous_commit = off`, without waiting for the write-ahead log to reach the disk;
    "" on other databases.

    The row is committed and visible at once and cannot be half-written; what is given up is
    only its survival of a crash of the database server itself in the next moments (at most
    three times `wal_writer_delay`, 0.6 s by default: the WAL writer flushes it then, and any
    later ordinary commit flushes it too). The setting ends with that one statement.
    """
    if connection.vendor != "postgresql":
        return ""
    return ", set_config('synchronous_commit', 'off', true)"


def get(model, pk, db: str | None = None):
    """The `model` row with this primary key as the ORM's own instance, or None: the ORM's
    `objects.get(pk=…)` without building and compiling the query on every call (for the user and
    the second-factor device behind every logged-in request). `pk` is converted by the primary
    key field as the ORM would; a value it refuses finds nothing."""
    db = db or router.db_for_read(model)
    try:
        pk = model._meta.pk.to_python(pk)
    except ValidationError:
        return None
    if pk is None:
        return None
    row = fetch_one(db, _by_pk_sql(model, db), [pk])
    return None if row is None else instance(model, row, db)


_BY_PK_SQL: dict = {}


def _by_pk_sql(model, db: str) -> str:
    key = (model, db)
    if key not in _BY_PK_SQL:
        connection = connections[db]
        quote = connection.ops.quote_name
        # Only table and column names from the model, quoted; the value is a parameter.
        _BY_PK_SQL[key] = (
            f"SELECT {columns(model, 't', connection)}"  # noqa: S608
            f" FROM {quote(model._meta.db_table)} t"
            f" WHERE t.{quote(model._meta.pk.column)} = %s"
        )
    return _BY_PK_SQL[key]


def insert(obj, db: str | None = None, *, flush: bool = True):
    """Insert a new, unsaved `obj` with one INSERT written once per process, and return it
    saved (primary key set, `_state` as after `save()`). For the append-only records written on
    every read of client data: `save()` builds and compiles the insert anew each time. No
    model `save()` and no signals run, so only for models whose `save()` adds nothing to a
    new row.

    `flush=False`, outside a transaction: the INSERT commits by itself without waiting for
    PostgreSQL to flush it to disk (`unflushed_commit`); inside a transaction it has no effect
    (it would apply to the transaction's other writes too)."""
    model = type(obj)
    if not obj._state.adding:
        raise ValueError("insert() is for new objects")
    db = db or router.db_for_write(model)
    connection = connections[db]
    sql, fields = _insert_sql(model, db)
    if not flush and not connection.in_atomic_block:
        sql += unflushed_commit(connection)
    params = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
    with cursor(connection) as prepared:
        prepared.execute(sql, params)
        if connection.features.can_return_columns_from_insert:
            pk = prepared.fetchone()[0]
        else:
            pk = connection.ops.last_insert_id(
                prepared, model._meta.db_table, model._meta.pk.column
            )
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = db
    return obj


_INSERT_SQL: dict = {}


def _insert_sql(model, db: str):
    key = (model, db)
    if key not in _INSERT_SQL:
        connection = connections[db]
        quote = connection.ops.quote_name
        pk = model._meta.pk
        if not pk.db_returning:
            raise TypeError(f"{model.__name__}: insert() needs an auto-incrementing primary key")
        fields = [f for f in model._meta.concrete_fields if f is not pk]
        sql = (
            f"INSERT INTO {quote(model._meta.db_table)}"  # noqa: S608
            f" ({', '.join(quote(f.column) for f in fields)})"
            f" VALUES ({', '.join(['%s'] * len(fields))})"
        )
        if connection.features.can_return_columns_from_insert:
            returning, _params = connection.ops.returning_columns([pk])
            sql += " " + returning
        _INSERT_SQL[key] = (sql, fields)
    return _INSERT_SQL[key]
