"""Page benchmark: each page's median time as a ratio to a hello-world view in the same run.

    make bench            (or: .venv/bin/python bench/pages.py [--requests N])

Uses its own SQLite file under var/ with the demo data, so it never touches the dev database.
Prints a table: page, median ms, ratio to hello world, SQL queries per request.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import coordinator_client, median  # noqa: E402

PAGES = [
    ("hello world", "/bench-hello/"),
    ("dashboard", "/n/gezond-oost/"),
    ("my work", "/n/gezond-oost/mijn-werk/"),
    ("partners", "/n/gezond-oost/partners/"),
    ("members", "/n/gezond-oost/leden/"),
    ("step plan", "/n/gezond-oost/stappenplan/"),
    ("my networks", "/netwerken/"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    client = coordinator_client()
    results = [(name, *median(client, url, args.requests)) for name, url in PAGES]
    base = results[0][1]
    print(f"{'page':<14}{'median ms':>11}{'× hello':>9}{'queries':>9}")
    for name, took, queries in results:
        print(f"{name:<14}{took * 1000:>11.2f}{took / base:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
