from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijknet.networkfile.exporter import ExportError, dump_yaml, export_network
from wijknet.networks.models import Network


class Command(BaseCommand):
    help = "Export a whole network as a network file (YAML, docs/network-file.md)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help="write to this file instead of stdout")

    def handle(self, *args, slug, output=None, **options):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            raise CommandError(f"Geen netwerk met korte naam {slug!r}.")
        try:
            text = dump_yaml(export_network(network))
        except ExportError as error:
            raise CommandError(str(error)) from error
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"Netwerk {network.name} geschreven naar {output}.")
        else:
            self.stdout.write(text, ending="")
