import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wijknet.health import monitor
from wijknet.networks.models import Network


class Command(BaseCommand):
    help = "Print a network's health signals, most severe first (--json for machine output)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--json", action="store_true", help="print the signals as JSON")
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="the signals as the network stood at the end of that day (default: today)",
        )

    def handle(self, *args, slug, **options):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            raise CommandError(f"no network with slug {slug!r}")
        day = None
        if options["as_of"]:
            try:
                day = date.fromisoformat(options["as_of"])
            except ValueError as error:
                raise CommandError(
                    f"--as-of: expected YYYY-MM-DD, got {options['as_of']!r}"
                ) from error
            if day > timezone.localdate():
                raise CommandError("--as-of: the date lies in the future")
        signals = monitor.evaluate(network, day)
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
