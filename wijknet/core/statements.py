"""Read queries that the ORM builds and compiles once per process, then runs with each call's
values.

Building a queryset (filters, joins, `only`) and compiling it to SQL costs 1 to 3 ms of Python
per query, several times what PostgreSQL takes to run a bounded list. A page of many small lists
("Mijn werk": sixteen) spends most of its time there. A `Statement` builds its queryset once per
database connection alias and shape, with stand-in values; it learns from a second build with
other stand-ins which SQL parameter holds which value, and from then on only swaps the values
in. Rows come back through Django's own iterables: model instances (with `select_related` and
`only`), `values()` dicts and annotations exactly as the queryset would give them.

The rules a build function must keep (checked on its first builds, so a test of the query
catches a breach):
- every value that changes between calls is one of its declared keyword arguments (an int, a
  date or an aware datetime); anything else it reads must be a constant;
- no date or time may be computed inside it (`timezone.now()`, `localdate()`, "today plus six
  months"): it would be frozen into the SQL. Pass such a moment in as a value instead;
- values that change the *shape* of the query (a role, "has an organisation") are passed as
  extra hashable keyword arguments; each shape is built and kept on its own.

The network scope (django-scopes) stays deny-by-default: a statement declares `network_id`, is
built inside a scope on its stand-in (so the scope's own filter becomes that parameter, not the
network of the first request), and is only run inside an active scope on that same network.
"""

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django_scopes import scope
from django_scopes.exceptions import ScopeError
from django_scopes.state import get_scope

from wijknet.core import joined

KINDS = (int, date, datetime)
SCOPE = "network"  # the scope dimension, bound to the declared value SCOPE_VALUE
SCOPE_VALUE = "network_id"
# On SQLite a date or a moment reaches the SQL's parameters as text.
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _stand_in(kind, index: int, second: bool):
    """A value of `kind` that no real query would use, different for each name and build."""
    if kind is int:
        return -(10**12) * (2 if second else 1) - 7919 * (index + 1)
    year = (1601 if second else 1201) + 17 * index
    if kind is datetime:
        return datetime(year, 2, 3, 4, 5, 6, tzinfo=UTC)
    return date(year, 2, 3)


def _adapter(kind, connection) -> Callable[[Any], Any]:
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value
    if kind is date:
        return connection.ops.adapt_datefield_value
    return lambda value: value


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet = field(repr=False)  # built with the first stand-ins; never run itself
    # Its compiler after as_sql(): select, klass_info and col_count are set. None when the ORM
    # knows the query is empty (`pk__in=[]`) and would not run it.
    compiler: Any
    sql: str
    slots: tuple  # per parameter: (name, None) for a value, (None, constant) otherwise


class Statement:
    """`Statement(build, network_id=int, today=date)`; then `statement(network_id=…,
    today=…)` returns the rows as a list."""

    def __init__(self, build: Callable[..., QuerySet], **kinds):
        for name, kind in kinds.items():
            if kind not in KINDS:
                raise ImproperlyConfigured(f"{name}: a statement value is an int, date or datetime")
        if kinds.get(SCOPE_VALUE) is not int:
            raise ImproperlyConfigured(f"{build.__qualname__}: declare {SCOPE_VALUE}=int")
        self.build = build
        self.kinds = kinds
        self._compiled: dict = {}

    def __call__(self, **arguments) -> list:
        values = {name: arguments.pop(name) for name in self.kinds}
        _check_scope(values[SCOPE_VALUE])
        shape = tuple(sorted(arguments.items()))
        compiled = self._compiled_for(shape)
        if compiled.compiler is None:
            return []  # the ORM found the query empty without asking the database
        connection = connections[compiled.queryset.db]
        adapters = {name: _adapter(kind, connection) for name, kind in self.kinds.items()}
        params = tuple(
            adapters[name](values[name]) if name is not None else constant
            for name, constant in compiled.slots
        )
        compiler = copy.copy(compiled.compiler)
        compiler.connection = _Preparing(connection)
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        queryset = compiled.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def _compiled_for(self, shape: tuple) -> _Compiled:
        # A process talks to one kind of database (the router's choice for the model), so the
        # shape alone is the key.
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(shape)
        return compiled

    def _build(self, shape: tuple, *, second: bool) -> QuerySet:
        stand_ins = {
            name: _stand_in(kind, index, second)
            for index, (name, kind) in enumerate(self.kinds.items())
        }
        with scope(**{SCOPE: stand_ins[SCOPE_VALUE]}):
            return self.build(**stand_ins, **dict(shape))

    def _compile(self, shape: tuple) -> _Compiled:
        first, second = self._build(shape, second=False), self._build(shape, second=True)
        connection = connections[first.db]
        compiler = first.query.get_compiler(using=first.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return _Compiled(queryset=first, compiler=None, sql="", slots=())
        sql_b, params_b = second.query.get_compiler(using=second.db).as_sql()
        if sql != sql_b or len(params) != len(params_b):
            raise ImproperlyConfigured(
                f"{self.build.__qualname__}: the SQL depends on a value; pass it as a shape"
            )
        candidates = {
            name: (
                _adapter(kind, connection)(_stand_in(kind, index, False)),
                _adapter(kind, connection)(_stand_in(kind, index, True)),
            )
            for index, (name, kind) in enumerate(self.kinds.items())
        }
        slots = []
        for a, b in zip(params, params_b, strict=True):
            names = [name for name, pair in candidates.items() if pair == (a, b)]
            if len(names) == 1:
                slots.append((names[0], None))
            elif a == b and not _is_moment(a):
                slots.append((None, a))
            else:
                raise ImproperlyConfigured(
                    f"{self.build.__qualname__}: the SQL parameter {a!r} is neither a declared "
                    "value nor a constant (a date or time computed inside the build is frozen)"
                )
        return _Compiled(queryset=first, compiler=compiler, sql=sql, slots=tuple(slots))


class _Preparing:
    """The connection as the compiler sees it, except that its cursor prepares each statement
    on PostgreSQL (core.joined.cursor): a statement's SQL is the same on every call, so the
    server parses and plans it once per connection."""

    def __init__(self, connection):
        self._connection = connection

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def cursor(self):
        return joined.cursor(self._connection)


def _check_scope(network_id: int) -> None:
    """As the scoped managers would: no query without an active scope (unless scopes are
    disabled), and never one on a network other than the scope's."""
    active = get_scope()
    if not active.get("_enabled", True):
        return
    if SCOPE not in active:
        raise ScopeError(f"A scope on dimension(s) {SCOPE} needs to be active for this query.")
    network = active[SCOPE]
    if getattr(network, "pk", network) != network_id:
        raise ScopeError(f"The query's network ({network_id}) is not the active scope's.")


def _is_moment(value) -> bool:
    if isinstance(value, (date, datetime, time)):
        return True
    return isinstance(value, str) and bool(_DATE_TEXT.match(value))
