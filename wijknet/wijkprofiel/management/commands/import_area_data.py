"""`manage.py import_area_data FILE [--year 2024] [--voorbeeld]`: read a CBS Kerncijfers or
GGD Gezondheidsmonitor CSV into the figures every network's wijkprofiel reads
(docs/wijkprofiel.md). Bad rows are reported (the first 100) and left out; the rest is stored."""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from wijknet.wijkprofiel import imports, services


class Command(BaseCommand):
    help = "Import CBS Kerncijfers wijken en buurten or a GGD Gezondheidsmonitor CSV."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, default=None, help="when there is no Perioden")
        parser.add_argument(
            "--voorbeeld", action="store_true", help="mark the figures as example figures"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        started = time.perf_counter()
        try:
            with path.open("rb") as raw:
                parsed = imports.parse(
                    File(raw), year=options["year"], max_bytes=imports.COMMAND_MAX_BYTES
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        record = services.area_data_import(
            acting_user=None, parsed=parsed, filename=path.name, example=options["voorbeeld"]
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{record.rows} rows, {record.figures} figures, years {record.years}, "
            f"{record.problem_total} problems, in {seconds:.1f} s"
        )
        if parsed.skipped_column_total:
            self.stdout.write(
                f"skipped {parsed.skipped_column_total} unknown columns: "
                + ", ".join(parsed.skipped_columns)
            )
        if parsed.skipped_rows:
            self.stdout.write(f"skipped {parsed.skipped_rows} rows (margins or other age groups)")
        for problem in parsed.report.shown:
            self.stdout.write(f"row {problem.row} [{problem.column}]: {problem.message}")
        if parsed.report.more:
            self.stdout.write(f"… and {parsed.report.more} more problems")
