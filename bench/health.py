"""Health monitor benchmark: evaluate a network of 50 partners and 500 meetings, and the
dashboard's, signal page's and graph page's time and query count at 10 and at 500 meetings
(the counts must be equal). The pages read the stored analyses (core.analysis); the recompute
the task does is timed apart.

    .venv/bin/python bench/health.py        (also part of `make bench`)

Own SQLite file under var/; the page time is given as a ratio to a hello-world view.
"""

import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-health.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijknet.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope  # noqa: E402

from wijknet.core import analysis  # noqa: E402
from wijknet.health.monitor import evaluate  # noqa: E402
from wijknet.meetings.models import Attendance, Decision, Meeting, Reflection  # noqa: E402
from wijknet.networks import services as network_services  # noqa: E402
from wijknet.networks.models import Organisation, Partner, Sector  # noqa: E402

SECTORS = Sector.values


def build(user, slug, partners, meetings):
    network = network_services.network_create(acting_user=user, slug=slug, name=slug)
    with scope(network=network):
        orgs = Organisation.objects.bulk_create(
            Organisation(network=network, name=f"Partner {n}", sector=SECTORS[n % len(SECTORS)])
            for n in range(partners)
        )
        parts = Partner.objects.bulk_create(
            Partner(network=network, organisation=o, joined_on=timezone.localdate()) for o in orgs
        )
        start = timezone.now() - timedelta(days=meetings * 2)
        made = Meeting.objects.bulk_create(
            Meeting(
                network=network,
                kind="network",
                title=f"Overleg {n}",
                starts_at=start + timedelta(days=2 * n),
                chair=user,
                agenda="Punt 1\nPunt 2\nPunt 3",
            )
            for n in range(meetings)
        )
        Attendance.objects.bulk_create(
            (
                Attendance(network=network, meeting=m, partner=p, present=(m.pk + p.pk) % 4 != 0)
                for m in made
                for p in parts
            ),
            batch_size=5000,
        )
        Decision.objects.bulk_create(
            Decision(network=network, meeting=m, text="Besluit", communicated=m.pk % 3 == 0)
            for m in made
        )
        Reflection.objects.bulk_create(
            Reflection(network=network, meeting=m, collaboration=4, engagement=3, goal_progress=3)
            for m in made[::2]
        )
    return network


def median_ms(fn, runs=7):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def page(client, url, runs=20):
    assert client.get(url).status_code == 200, url
    reset_queries()  # the debug query log is a bounded deque; the data build filled it
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return median_ms(lambda: client.get(url), runs), len(queries)


def main():
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    user = get_user_model().objects.create_user(
        email="bench@example.org", password="x", full_name="Bench"
    )
    started = datetime.now()
    small = build(user, "klein", 50, 10)
    large = build(user, "groot", 50, 500)
    print(f"data: 50 partners with 10 and with 500 meetings ({datetime.now() - started})")
    evaluate_ms = median_ms(lambda: evaluate(large))
    print(
        f"evaluate(50 partners, 500 meetings): {evaluate_ms:.0f} ms median "
        f"(target < 200 ms: {'OK' if evaluate_ms < 200 else 'TOO SLOW'})"
    )
    for network in (small, large):
        recompute_ms = median_ms(lambda network=network: analysis.recompute(network), runs=3)
        print(f"recompute task ({network.slug}): {recompute_ms:.0f} ms median")
    settings.ROOT_URLCONF = "bench.urls"
    client = Client()
    client.force_login(user)
    hello_ms, _ = page(client, "/bench-hello/")
    print(f"{'page':<24}{'median ms':>11}{'× hello':>9}{'queries':>9}")
    counts = {}
    for name, path in (("dashboard", ""), ("signals", "signalen/"), ("graph", "samenwerking/")):
        for size, network in (("10", small), ("500", large)):
            ms, n = page(client, f"/n/{network.slug}/{path}")
            counts.setdefault(name, set()).add(n)
            label = f"{name}, {size} meetings"
            print(f"{label:<24}{ms:>11.1f}{ms / hello_ms:>9.1f}{n:>9}")
    if any(len(n) != 1 for n in counts.values()) or evaluate_ms >= 200:
        sys.exit("FAILED: query counts differ or the monitor is too slow")


if __name__ == "__main__":
    main()
