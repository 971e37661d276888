from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijknet.networkfile.importer import import_network
from wijknet.networkfile.loader import MAX_BYTES, NetworkFileError, load_path


class Command(BaseCommand):
    help = (
        "Import a whole network from a network file (docs/network-file.md). Everything is "
        "validated first; on any problem nothing is imported and the problems are listed. "
        f"Files over {MAX_BYTES // (1024 * 1024)} MB, YAML anchors/aliases and duplicate keys "
        "are refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the YAML network file")
        parser.add_argument(
            "--all-problems",
            action="store_true",
            help="list every problem (by default the first 100 and a count of the rest)",
        )

    def handle(self, *args, file, all_problems=False, **options):
        path = Path(file)
        try:
            data = load_path(path)
        except NetworkFileError as error:
            raise CommandError(f"{path}: {error}") from None
        report = import_network(data)
        if not report.ok:
            for line in report.lines(limit=None if all_problems else 100):
                self.stderr.write(line)
            raise CommandError(f"{path}: niets geïmporteerd ({len(report.problems)} problemen).")
        for line in report.lines():
            self.stdout.write(line)
