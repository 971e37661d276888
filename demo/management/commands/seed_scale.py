"""Scale the demo data for benchmarks: `manage.py seed_scale --factor N` (see demo/scale.py)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.scale import scaled_slug, seed_scale
from wijknet.networks.models import Network

SOURCES = ["gezond-oost", "zuiderveen"]
EXTRA_FROM = "gezond-oost"


class Command(BaseCommand):
    help = (
        "Multiply every network-owned table of the demo networks by N and add N networks of "
        "demo size (loads the demo first when it is missing). Once per database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, required=True)

    def handle(self, *args, factor, **options):
        if factor < 1:
            raise CommandError("--factor must be 1 or more.")
        if not Network.objects.filter(slug=SOURCES[0]).exists():
            call_command("load_demo", stdout=self.stdout)
        if Network.objects.filter(slug=scaled_slug(EXTRA_FROM, 1)).exists():
            raise CommandError("This database is already scaled; start from a fresh one.")
        sources = [Network.objects.get(slug=slug) for slug in SOURCES]
        start = time.perf_counter()
        totals = seed_scale(
            factor,
            sources=sources,
            extra_from=Network.objects.get(slug=EXTRA_FROM),
            log=lambda line: self.stdout.write(line),
        )
        rows = sum(totals.values())
        if connection.vendor == "postgresql":
            # After a bulk load the planner has no statistics until autovacuum comes by; without
            # them it picks plans that scan a whole network's rows (a page measured right after
            # seeding would be measured with those plans).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.perf_counter() - start
        self.stdout.write(
            self.style.SUCCESS(f"seed_scale ×{factor}: {rows} rows in {seconds:.1f} s.")
        )
