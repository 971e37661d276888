"""Backup → restore round trip on the demo data, on whichever database the suite runs on
(SQLite by default, PostgreSQL with DATABASE_URL): every table's row count and checksum, the
access log included, is the same in a fresh database after the restore."""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django_scopes.exceptions import ScopeError

from tests.factories import NetworkFactory, PartnerFactory
from wijknet.core import backup as backup_module
from wijknet.core.backup import manifest_path, table_checksums, tables, temporary_alias
from wijknet.networks.models import Partner

QUIET = {"stdout": io.StringIO()}


@pytest.fixture
def fresh_database(tmp_path):
    """An alias for a new, empty database of the same kind as the test database."""
    default = connections["default"]
    if default.vendor == "sqlite":
        with temporary_alias("default", NAME=str(tmp_path / "restored.sqlite3")) as alias:
            yield alias
        return
    name = f"{default.settings_dict['NAME']}_restore"
    with default.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        with temporary_alias("default", NAME=name) as alias:
            yield alias
    finally:
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_of_the_demo(tmp_path, fresh_database):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    path = tmp_path / "wijknet.backup"
    call_command("backup", str(path), **QUIET)
    manifest = json.loads(manifest_path(path).read_text())
    source = table_checksums("default")
    assert manifest["tables"] == source
    assert set(source) == {table.name for table in tables()}
    assert "django_migrations" in source
    assert source["accesslog_accesslogrecord"]["rows"] > 0, "the demo should log client access"
    assert source["networks_network"]["rows"] >= 2
    assert source["casework_client"]["rows"] > 0

    out = io.StringIO()
    call_command("restore", str(path), database=fresh_database, stdout=out)
    assert "verified" in out.getvalue()
    restored = table_checksums(fresh_database)
    assert restored == source  # every table: same row count, same checksum
    assert sum(t["rows"] for t in restored.values()) > 1000

    # The restored database now holds data: a second restore needs --force.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path), database=fresh_database, **QUIET)
    call_command("restore", str(path), database=fresh_database, force=True, **QUIET)
    assert table_checksums(fresh_database) == source

    # A manifest that does not match what is restored fails loudly, naming the table.
    manifest["tables"]["networks_network"]["sha256"] = "0" * 64
    manifest["tables"]["accesslog_accesslogrecord"]["rows"] += 1
    manifest_path(path).write_text(json.dumps(manifest))
    with pytest.raises(CommandError) as failure:
        call_command("restore", str(path), database=fresh_database, force=True, **QUIET)
    message = str(failure.value)
    assert "networks_network: checksum differs from the manifest" in message
    assert "accesslog_accesslogrecord: " in message and "rows, manifest says" in message

    # A damaged backup file is refused before anything is touched.
    with path.open("ab") as handle:
        handle.write(b"garbage")
    with pytest.raises(CommandError, match="does not match its manifest"):
        call_command("restore", str(path), database=fresh_database, force=True, **QUIET)


@pytest.mark.django_db
def test_backup_refuses_to_overwrite(tmp_path):
    path = tmp_path / "taken"
    path.write_text("x")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(path), **QUIET)


def test_restore_needs_the_manifest(tmp_path):
    path = tmp_path / "lonely.backup"
    path.write_bytes(b"x")
    with pytest.raises(CommandError, match="manifest is missing"):
        call_command("restore", str(path), **QUIET)


def test_canonical_text_is_the_same_for_equal_values_from_either_driver():
    from datetime import UTC, datetime, timedelta, timezone
    from decimal import Decimal

    canonical = backup_module.canonical
    amsterdam = timezone(timedelta(hours=1))
    assert canonical(datetime(2026, 1, 1, 13, 0, tzinfo=amsterdam)) == canonical(
        datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    )
    assert canonical(Decimal("1.50")) == canonical(Decimal("1.5")) == "1.5"
    assert canonical({"b": 1, "a": [1, 2]}) == '{"a":[1,2],"b":1}'
    assert canonical(memoryview(b"\x01\xff")) == canonical(b"\x01\xff") == "\\x01ff"
    assert canonical(None) != canonical("\\N")
    assert canonical("tab\there") == '"tab\\there"'


@pytest.mark.django_db
def test_dumpdata_works_for_an_administrator():
    network = NetworkFactory(slug="dump-mij", name="Dump Mij")
    PartnerFactory(network=network, organisation__name="Zichtbare Partner BV")
    out = io.StringIO()
    call_command("dumpdata", "networks", stdout=out)
    objects = json.loads(out.getvalue())
    assert {o["fields"].get("slug") for o in objects if o["model"] == "networks.network"} >= {
        "dump-mij"
    }
    assert any(o["model"] == "networks.partner" for o in objects)
    # Scopes are on again afterwards: a scoped query outside a scope still raises.
    with pytest.raises(ScopeError):
        list(Partner.objects.all())


def test_the_manifest_lies_beside_the_backup():
    assert manifest_path(Path("/x/y.dump")) == Path("/x/y.dump.manifest.json")
