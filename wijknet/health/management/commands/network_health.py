import json

from django.core.management.base import BaseCommand, CommandError

from wijknet.health import monitor
from wijknet.networks.models import Network


class Command(BaseCommand):
    help = "Print a network's health signals, most severe first (--json for machine output)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--json", action="store_true", help="print the signals as JSON")

    def handle(self, *args, slug, **options):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            raise CommandError(f"no network with slug {slug!r}")
        signals = monitor.evaluate(network)
        if options["json"]:
            self.stdout.write(
                json.dumps([s.as_text() for s in signals], ensure_ascii=False, indent=2)
            )
            return
        for signal in signals:
            state = f" [{signal.ack_status}]" if signal.acknowledged else ""
            self.stdout.write(f"[{signal.severity}] {signal.title}{state}")
            for fact in signal.evidence:
                self.stdout.write(f"    - {fact}")
            self.stdout.write(f"    advies: {signal.advice}")
            self.stdout.write(f"    bron: {signal.source}")
