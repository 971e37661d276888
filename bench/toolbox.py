"""Toolbox benchmark: Dutch full-text search over 5,000 toolbox items; the list page with a
search; the list page with a search over them costs at most 2 × the step plan page in
process (the HTTP ratio ≥ 0.3 to hello-world is measured by bench/server.py).
The flat query count is tested in wijknet/toolbox/tests.

    .venv/bin/python bench/toolbox.py                      (SQLite FTS5, own file under var/)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijknet_bench_toolbox \
        .venv/bin/python bench/toolbox.py                  (PostgreSQL 'dutch')
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-toolbox.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijknet.settings")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DB}")
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.toolbox_items import add_items  # noqa: E402
from wijknet.networks import services as network_services  # noqa: E402
from wijknet.toolbox import queries  # noqa: E402
from wijknet.toolbox.models import ToolboxItem  # noqa: E402

SLACK = 2.0
COUNT = 5_000
QUERIES = ["bewegen", "huisarts", "kartrekker financiering", "xyzzy"]


def build():
    if connection.vendor == "sqlite":
        DB.parent.mkdir(exist_ok=True)
        DB.unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    add_items(COUNT)


def median_ms(fn, runs=15):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def first_page(query):
    rows = queries.items(query=query)
    return len(list(rows[:25])), rows.count()


def main():
    build()
    user = get_user_model().objects.create_user(
        email="bench@example.org", password="x", full_name="Bench"
    )
    network = network_services.network_create(acting_user=user, slug="bench", name="Bench")
    print(f"{connection.vendor}: {ToolboxItem.objects.count()} toolbox items")
    print(f"{'search (first page + count)':<30}{'median ms':>11}{'matches':>9}")
    for query in QUERIES:
        ms = median_ms(lambda q=query: first_page(q))
        print(f"{query!r:<30}{ms:>11.1f}{first_page(query)[1]:>9}")
    settings.ROOT_URLCONF = "bench.urls"
    client = Client()
    client.force_login(user)
    hello = median_ms(lambda: client.get("/bench-hello/"))
    # The step plan page: an ordinary network page with a 0.30 target in bench/server.py.
    plan = median_ms(lambda: client.get(f"/n/{network.slug}/stappenplan/"))
    print(f"\nstep plan page: {plan:.1f} ms, ratio {hello / plan:.2f}")
    print(f"\n{'page (search + phase filter)':<30}{'median ms':>11}{'ratio':>9}")
    worst = 1.0
    for query in QUERIES:
        url = f"/n/{network.slug}/kennisbank/?q={query}&phase=verkennen"
        assert client.get(url).status_code == 200
        ms = median_ms(lambda u=url: client.get(u))
        worst = min(worst, hello / ms)
        print(f"{'list ?q=' + query:<30}{ms:>11.1f}{hello / ms:>9.2f}")
    print(f"(hello-world view: {hello:.1f} ms)")
    # In process the ratio to hello-world is dominated by rendering the page shell; the 0.3 of
    # issue 17 is an HTTP ratio (bench/server.py, "toolbox search"). Here the search page may
    # cost at most SLACK × the step plan page.
    slowest = hello / worst
    print(f"slowest search page: {slowest / plan:.2f} × the step plan page (target ≤ {SLACK})")
    if slowest > SLACK * plan:
        sys.exit("FAILED: the search page is too slow")


if __name__ == "__main__":
    main()
