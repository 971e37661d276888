"""Backup and restore of the whole database, with a manifest that proves the copy is complete.

`manage.py backup PATH` writes PATH (PostgreSQL: a `pg_dump` custom-format archive; SQLite: a
database file made with SQLite's online backup API, safe while the server runs) and
PATH.manifest.json beside it. `manage.py restore PATH` checks the file against the manifest,
refuses a database that holds data (unless forced), restores, and then recomputes every table's
row count and checksum and fails loudly on any difference. See docs/deploy.md.

The checksum of a table is the sha256 over one canonical text line per row — the stored column
values (encrypted text stays encrypted) rendered by `canonical()` and joined by tabs — in
primary-key order. The same code computes it on both backends, before the backup (from the
backup's own snapshot) and after the restore.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend
from django.utils import timezone

MANIFEST_VERSION = 1
CHUNK = 2000


class BackupError(Exception):
    """A backup or restore that must not be trusted; the message says why."""


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    pk: str
    integer_pk: bool


def tables() -> list[Table]:
    """Every table Django manages (many-to-many tables and django_migrations included), sorted."""
    found: dict[str, Table] = {}
    candidates = [*apps.get_models(include_auto_created=True), MigrationRecorder.Migration]
    for model in candidates:
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in found:
            continue
        pk = meta.pk
        found[meta.db_table] = Table(
            name=meta.db_table,
            columns=tuple(field.column for field in meta.concrete_fields),
            pk=pk.column,
            integer_pk=isinstance(pk, models.AutoField | models.BigAutoField | models.IntegerField),
        )
    return [found[name] for name in sorted(found)]


def canonical(value) -> str:
    """One value as text, the same whichever driver returned it."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int | uuid.UUID):
        return str(value)
    if isinstance(value, memoryview | bytes | bytearray):
        return "\\x" + bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)


def table_checksums(alias: str) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": hex}} for every table, read in one transaction."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    result = {}
    with transaction.atomic(using=alias):
        existing = set(connection.introspection.table_names())
        for table in tables():
            if table.name not in existing:
                result[table.name] = {"rows": 0, "sha256": None}
                continue
            sql = "SELECT {} FROM {} ORDER BY {}".format(  # noqa: S608 - names from the models
                ", ".join(quote(c) for c in table.columns), quote(table.name), quote(table.pk)
            )
            digest = hashlib.sha256()
            rows = 0
            with connection.chunked_cursor() as cursor:
                cursor.execute(sql)
                lines = _lines(cursor)
                if not table.integer_pk:  # text keys: collation differs per database
                    lines = iter(sorted(lines))
                for line in lines:
                    digest.update(line.encode())
                    digest.update(b"\n")
                    rows += 1
            result[table.name] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def _lines(cursor):
    while batch := cursor.fetchmany(CHUNK):
        for row in batch:
            yield "\t".join(canonical(value) for value in row)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """Human-readable differences between two {table: {rows, sha256}} maps."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        want, got = expected.get(name), actual.get(name)
        if want is None or got is None:
            problems.append(f"{name}: only in the {'database' if want is None else 'manifest'}")
        elif want["rows"] != got["rows"]:
            problems.append(f"{name}: {got['rows']} rows, manifest says {want['rows']}")
        elif want["sha256"] != got["sha256"]:
            problems.append(f"{name}: checksum differs from the manifest")
    return problems


# --- temporary connections ---------------------------------------------------------------------


@contextmanager
def temporary_alias(base_alias: str, **overrides):
    """A connection alias like `base_alias` with some settings changed (e.g. another NAME)."""
    alias = f"_backup_{uuid.uuid4().hex[:8]}"
    settings_dict = {**connections[base_alias].settings_dict, **overrides}
    # Registered as a connection only, not in settings: Django treats it as a dynamically
    # created connection (allowed in tests too).
    connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


# --- PostgreSQL ----------------------------------------------------------------------------------


def _pg_env(settings_dict: dict) -> dict:
    env = {**os.environ}
    pairs = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in pairs.items() if value})
    return env


def _run(args: list[str], env: dict) -> None:
    binary = shutil.which(args[0])
    if binary is None:
        raise BackupError(f"{args[0]} not found: install the PostgreSQL client tools")
    done = subprocess.run([binary, *args[1:]], env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}")


def _backup_postgresql(alias: str, path: Path) -> dict:
    """pg_dump and the checksums read the same snapshot: one REPEATABLE READ transaction
    exports it, pg_dump imports it (--snapshot), and the checksums are computed inside it."""
    connection = connections[alias]
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
            _pg_env(connection.settings_dict),
        )
        return table_checksums(alias)


def _restore_postgresql(alias: str, path: Path) -> None:
    connection = connections[alias]
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        ],
        _pg_env(connection.settings_dict),
    )


# --- SQLite --------------------------------------------------------------------------------------


def _backup_sqlite(alias: str, path: Path) -> dict:
    connection = connections[alias]
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # one step: a consistent copy of the database
    finally:
        target.close()
    with temporary_alias(alias, NAME=f"file:{path}?mode=ro", OPTIONS={}) as copy:
        return table_checksums(copy)


def _restore_sqlite(alias: str, path: Path) -> None:
    connection = connections[alias]
    connection.close()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(str(connection.settings_dict["NAME"]), uri=True)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


# --- the two operations ------------------------------------------------------------------------


def backup(path: Path, alias: str = "default") -> dict:
    """Write the backup and its manifest; returns the manifest."""
    path = Path(path)
    if path.exists() or manifest_path(path).exists():
        raise BackupError(f"{path} (or its manifest) already exists; choose a new name")
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        table_sums = _backup_postgresql(alias, path)
        kind = "pg_dump-custom"
    elif connection.vendor == "sqlite":
        table_sums = _backup_sqlite(alias, path)
        kind = "sqlite-database"
    else:
        raise BackupError(f"no backup for the {connection.vendor} backend")
    manifest = {
        "version": MANIFEST_VERSION,
        "format": kind,
        "created_at": timezone.now().isoformat(),
        "file_sha256": file_sha256(path),
        "tables": table_sums,
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def rows_present(alias: str) -> int:
    """How many rows the database's Django tables hold (0: safe to restore into)."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    total = 0
    with connection.cursor() as cursor:
        for table in tables():
            if table.name in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {quote(table.name)}")  # noqa: S608
                total += cursor.fetchone()[0]
    return total


def restore(path: Path, alias: str = "default", force: bool = False) -> dict:
    """Restore the backup at `path` into the database `alias`, then verify it against the
    manifest. Returns the recomputed checksums; raises BackupError on any problem."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    if not manifest_path(path).is_file():
        raise BackupError(f"{manifest_path(path)}: the manifest is missing")
    manifest = json.loads(manifest_path(path).read_text())
    if file_sha256(path) != manifest.get("file_sha256"):
        raise BackupError(f"{path} does not match its manifest (damaged or replaced)")
    connection = connections[alias]
    expected = {"postgresql": "pg_dump-custom", "sqlite": "sqlite-database"}.get(connection.vendor)
    if manifest.get("format") != expected:
        raise BackupError(
            f"a {manifest.get('format')} backup cannot be restored into {connection.vendor}"
        )
    present = rows_present(alias)
    if present and not force:
        raise BackupError(
            f"the database is not empty ({present} rows); restore replaces everything in it: "
            "use --force if that is what you want"
        )
    if connection.vendor == "postgresql":
        _restore_postgresql(alias, path)
    else:
        _restore_sqlite(alias, path)
    connection.close()
    actual = table_checksums(alias)
    problems = differences(manifest["tables"], actual)
    if problems:
        raise BackupError(
            "restored database does not match the manifest:\n  " + "\n  ".join(problems)
        )
    return actual
