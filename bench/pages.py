"""Page benchmark: each page's median time as a ratio to a hello-world view in the same run.

    make bench            (or: .venv/bin/python bench/pages.py [--requests N])

Uses its own SQLite file under var/ with the demo data, so it never touches the dev database.
Prints a table: page, median ms, ratio to hello world, SQL queries per request.
"""

import argparse
import os
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
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = [
    ("hello world", "/bench-hello/"),
    ("dashboard", "/n/gezond-oost/"),
    ("my work", "/n/gezond-oost/mijn-werk/"),
    ("partners", "/n/gezond-oost/partners/"),
    ("members", "/n/gezond-oost/leden/"),
    ("step plan", "/n/gezond-oost/stappenplan/"),
    ("my networks", "/netwerken/"),
]


def measure(client, url, requests):
    client.get(url)  # warm caches and templates
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="coordinator@demo.wijknet.nl"))
    results = [(name, *measure(client, url, args.requests)) for name, url in PAGES]
    base = results[0][1]
    print(f"{'page':<14}{'median ms':>11}{'× hello':>9}{'queries':>9}")
    for name, median, queries in results:
        print(f"{name:<14}{median * 1000:>11.2f}{median / base:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
