from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from wijknet.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the database, then check every "
        "table's row count and checksum against the manifest. Refuses a database that holds "
        "data unless --force (which replaces it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, path, database, force, **options):
        try:
            tables = restore(path, alias=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(
            f"restore: {path} restored and verified ({len(tables)} tables, {rows} rows, "
            "every checksum matches the manifest)"
        )
