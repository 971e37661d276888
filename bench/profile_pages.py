"""Profile network pages in-process (Django test client), to find per-request costs.

    .venv/bin/python bench/profile_pages.py [--requests 30] [--profile dashboard] [--top 30]

Uses DATABASE_URL (default: var/bench.sqlite3 with the demo loaded, as bench/pages.py). Prints,
per page, the median and the lowest CPU time (process_time: other load on the machine counts
less) over --requests requests and the SQL queries of one request; with --profile NAME also the
cProfile listing of that page (SORT=tottime for internal time).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijknet.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

N = "/n/gezond-oost/"
PAGES = {
    "hello": "/bench-hello/",
    "dashboard": N,
    "partners": N + "partners/",
    "members": N + "leden/",
    "roadmap": N + "stappenplan/",
    "scans": N + "scans/",
    "meetings": N + "bijeenkomsten/",
    "goals": N + "doelen/",
    "agreement": N + "afspraken/",
    "offers": N + "sociale-kaart/",
    "notifications": N + "meldingen/",
    "funnel": N + "verwijzingen/doorstroom/",
}


def timed(client, url, requests):
    client.get(url)
    times = []
    for _ in range(requests):
        start = time.process_time()
        response = client.get(url)
        times.append(time.process_time() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), min(times), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", default="")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.ROOT_URLCONF = "bench.urls"
    client = Client()
    client.force_login(get_user_model().objects.get(email="coordinator@demo.wijknet.nl"))
    print(f"{'page':<14}{'median ms':>10}{'min ms':>8}{'queries':>9}")
    for name, url in PAGES.items():
        median, fastest, queries = timed(client, url, args.requests)
        print(f"{name:<14}{median * 1000:>10.2f}{fastest * 1000:>8.2f}{queries:>9}")
    if args.profile:
        url = PAGES[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            args.top
        )


if __name__ == "__main__":
    main()
