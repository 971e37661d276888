from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from wijknet.core.backup import BackupError, backup, manifest_path


class Command(BaseCommand):
    help = (
        "Back up the whole database to PATH (PostgreSQL: pg_dump custom format; SQLite: the "
        "online backup API, safe while wijknet runs) and write PATH.manifest.json with the row "
        "count and checksum of every table."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path, database, **options):
        try:
            manifest = backup(path, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"backup: {path} ({len(manifest['tables'])} tables, {rows} rows); "
            f"manifest {manifest_path(path)}"
        )
