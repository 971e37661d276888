"""What the in-process page benchmarks share (bench/pages.py, bench/profile_pages.py).

Importing this sets Django up on its own SQLite file under var/ (unless DATABASE_URL says
otherwise) with a dummy task backend, so a benchmark never touches the dev database.
`coordinator_client()` migrates, loads the demo and returns a test client logged in as the demo
coordinator; `median(client, url, requests, clock)` times a page.
"""

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
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def coordinator_client() -> Client:
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(email="coordinator@demo.wijknet.nl"))
    return client


def median(client, url, requests, clock=time.perf_counter) -> tuple[float, int]:
    """The median time of `requests` requests of `url` (after one to warm caches and
    templates), by `clock`, and the SQL queries of one request."""
    client.get(url)
    times = []
    for _ in range(requests):
        start = clock()
        response = client.get(url)
        times.append(clock() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)
