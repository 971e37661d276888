from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from wijknet.networkfile.importer import import_network


class Command(BaseCommand):
    help = (
        "Import a whole network from a network file (docs/network-file.md). Everything is "
        "validated first; on any problem nothing is imported and every problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the YAML network file")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error}") from error
        except yaml.YAMLError as error:
            raise CommandError(f"{path} is geen geldige YAML: {error}") from error
        report = import_network(data)
        if not report.ok:
            for line in report.lines():
                self.stderr.write(line)
            raise CommandError(f"{path}: niets geïmporteerd ({len(report.problems)} problemen).")
        for line in report.lines():
            self.stdout.write(line)
