"""Profile network pages in-process (Django test client), to find per-request costs.

    .venv/bin/python bench/profile_pages.py [--requests 30] [--profile dashboard] [--top 30]

Uses DATABASE_URL (default: var/bench.sqlite3 with the demo loaded, as bench/pages.py). Prints,
per page, the median CPU time (process_time: other load on the machine counts less) over
--requests requests and the SQL queries of one request; with --profile NAME also the cProfile
listing of that page (SORT=tottime for internal time).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import coordinator_client, median  # noqa: E402

N = "/n/gezond-oost/"
PAGES = {
    "hello": "/bench-hello/",
    "dashboard": N,
    "mywork": N + "mijn-werk/",
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
    "graph": N + "samenwerking/",
    "health": N + "signalen/",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", default="")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    client = coordinator_client()
    print(f"{'page':<14}{'median ms':>10}{'queries':>9}")
    for name, url in PAGES.items():
        took, queries = median(client, url, args.requests, clock=time.process_time)
        print(f"{name:<14}{took * 1000:>10.2f}{queries:>9}")
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
