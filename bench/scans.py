"""Scan results benchmark: aggregation time at 10,000 respondents, and the results page's query
count at 100 and at 10,000 respondents (must be equal).

    make bench            (or: .venv/bin/python bench/scans.py [--respondents N] [--runs N])

Uses its own SQLite file under var/ (rebuilt on every run, so the numbers are reproducible) and
never touches the dev database. Two networks, each with one round of the samenwerkingsscan
(40 items) plus 10 own items: "bench-groot" with 10,000 submitted responses, "bench-klein" with
100. Answers are random 1–5 with ~5% "weet niet", from a fixed seed.

Measures
  (a) `queries.tally` + `round_results` + `breakdown(round_, "role")` from it, at 10,000
      respondents: median of --runs calls; target < 1 s;
  (b) the results page `/n/<slug>/scans/<uuid>/?per=role` as the coordinator: SQL queries at
      100 and at 10,000 respondents (exits 1 if they differ), median time as a ratio to the
      hello-world view in the same run.
With --explain it also prints SQLite's query plan for the slowest aggregation queries.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = ROOT / "var" / "bench-scans.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijknet.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB_FILE}")
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope  # noqa: E402

SEED = 2026
OWN_ITEMS = 10
TARGET_SECONDS = 1.0
DONT_KNOW_SHARE = 0.05
ANSWER_BATCH = 2_000  # rows per INSERT for bulk_create; SQLite allows 32,766 parameters
RESPONSE_CHUNK = 1_000  # responses whose answers are built and inserted at a time


def fresh_database():
    """Drop the previous run's file (and its WAL) so every run starts from the same data."""
    DB_FILE.parent.mkdir(exist_ok=True)
    if connection.vendor == "sqlite" and Path(connection.settings_dict["NAME"]) == DB_FILE:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB_FILE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


def make_round(coordinator, slug, respondents, rng):
    """A network with one samenwerkingsscan round (40 + 10 own items) and `respondents`
    submitted responses, bulk-inserted."""
    from wijknet.networks import services as network_services
    from wijknet.networks.models import Sector
    from wijknet.networks.roles import Role
    from wijknet.scans import services
    from wijknet.scans.models import Instrument, Item, ScanAnswer, ScanResponse

    today = timezone.localdate()
    with transaction.atomic():
        network = network_services.network_create(
            acting_user=coordinator, slug=slug, name=f"Benchmark {slug}"
        )
        with scope(network=network):
            round_ = services.round_create(
                acting_user=coordinator,
                network=network,
                label="T0",
                instruments=[Instrument.objects.get(key="samenwerkingsscan")],
                opens_on=today - timedelta(days=14),
                closes_on=today + timedelta(days=14),
                extra_emails=[f"uitnodiging@{slug}.example.org"],
            )
            for n in range(1, OWN_ITEMS + 1):
                Item.objects.create(
                    network=network,
                    round=round_,
                    key=f"eigen-{n}",
                    order=n,
                    text=f"Eigen stelling {n} van het netwerk.",
                )
            item_ids = list(services.round_items(round_).values_list("pk", flat=True))
            roles, sectors = Role.values, Sector.values
            now = timezone.now()
            for start in range(0, respondents, RESPONSE_CHUNK):
                count = min(RESPONSE_CHUNK, respondents - start)
                responses = ScanResponse.objects.bulk_create(
                    [
                        ScanResponse(
                            network=network,
                            round=round_,
                            role=roles[(start + i) % len(roles)],
                            sector=rng.choice(sectors),
                            source="paper",  # no invitation: counted like a paper import
                            submitted_at=now,
                        )
                        for i in range(count)
                    ],
                    batch_size=RESPONSE_CHUNK,
                )
                ScanAnswer.objects.bulk_create(
                    (
                        ScanAnswer(
                            network=network,
                            response_id=response.pk,
                            item_id=item_id,
                            value=None if rng.random() < DONT_KNOW_SHARE else rng.randint(1, 5),
                        )
                        for response in responses
                        for item_id in item_ids
                    ),
                    batch_size=ANSWER_BATCH,
                )
    return network, round_, len(item_ids)


def aggregate(round_):
    from wijknet.scans import queries

    # As the results page does it when the round's stored figures are out of date: aggregate
    # once (not stored here, so every run aggregates), then derive results and breakdown.
    figures = fresh_figures(round_)
    results = queries.round_results(round_, figures, previous=None)
    breakdown = queries.breakdown(round_, "role", figures)
    return results, breakdown


def fresh_figures(round_):
    from wijknet.scans import queries

    return queries._aggregate([round_.pk], queries.fingerprints([round_]))


def median_time(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def time_aggregation(network, round_, runs):
    """(a), plus its parts and the other pass the results page makes (`trend`)."""
    from wijknet.scans import queries

    with scope(network=network):
        median, (results, breakdown) = median_time(lambda: aggregate(round_), runs)
        with CaptureQueriesContext(connection) as captured:
            aggregate(round_)
        instrument = round_.instruments.get()
        parts = [
            (name, median_time(function, runs)[0])
            for name, function in [
                ("aggregation (the heavy queries)", lambda: fresh_figures(round_)),
                ("round_results, stored figures", lambda: queries.round_results(round_)),
                ("breakdown(role), stored figures", lambda: queries.breakdown(round_, "role")),
                ("trend of earlier rounds", lambda: queries.trend(round_, instrument, {})),
            ]
        ]
    return median, results, breakdown, captured.captured_queries, parts


def page_timing(client, url, requests):
    """Median time of `requests` GETs (after one warm-up) and the SQL queries of one more."""
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return statistics.median(times), len(captured)


def explain(queries, top):
    print(f"\nSlowest {top} queries of round_results + breakdown, with SQLite's plan:")
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:top]
    with connection.cursor() as cursor:
        for query in slowest:
            print(f"\n  {float(query['time']) * 1000:.1f} ms  {query['sql'][:300]}")
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            for row in cursor.fetchall():
                print(f"      {row[-1]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--respondents", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=100, help="respondents of the small round")
    parser.add_argument("--runs", type=int, default=5, help="aggregation runs and page requests")
    parser.add_argument("--hello", type=int, default=200, help="hello-world requests")
    parser.add_argument("--explain", action="store_true", help="print plans of slow queries")
    args = parser.parse_args()

    from django.contrib.auth import get_user_model

    started = time.perf_counter()
    fresh_database()
    coordinator = get_user_model().objects.create_user(
        email="coordinator@bench.example.org", password="bench-scans", full_name="Bench"
    )
    rng = random.Random(SEED)
    small_net, small_round, items = make_round(coordinator, "bench-klein", args.small, rng)
    big_net, big_round, _items = make_round(coordinator, "bench-groot", args.respondents, rng)
    print(
        f"data: {items} items; {args.small} and {args.respondents} respondents "
        f"({args.respondents * items:,} answers) in {time.perf_counter() - started:.1f} s"
    )

    # (a) Aggregation at the large round.
    median, results, breakdown, agg_queries, parts = time_aggregation(big_net, big_round, args.runs)
    assert results.submitted == args.respondents, results.submitted
    assert len(breakdown.shown) == 5, breakdown.groups

    # (b) The results page at both sizes, next to hello world.
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(coordinator)
    hello, _hello_queries = page_timing(client, "/bench-hello/", args.hello)
    pages = [
        (
            f"{n:,} respondents",
            *page_timing(client, f"/n/{net.slug}/scans/{r.uuid}/?per=role", runs),
        )
        for n, net, r, runs in [
            (args.small, small_net, small_round, args.runs),
            (args.respondents, big_net, big_round, args.runs),
        ]
    ]

    verdict = "OK" if median < TARGET_SECONDS else "TOO SLOW"
    print(
        f"\n(a) round_results + breakdown(role) at {args.respondents:,} respondents: "
        f"{median * 1000:.0f} ms median of {args.runs}, {len(agg_queries)} queries "
        f"(target < {TARGET_SECONDS * 1000:.0f} ms: {verdict})"
    )
    for name, part in parts:
        print(f"    {name:<30}{part * 1000:>11.0f} ms")
    print(f"\n(b) results page ?per=role{'':<8}{'median ms':>11}{'× hello':>10}{'queries':>9}")
    print(f"    {'hello world':<30}{hello * 1000:>11.2f}{1:>10.1f}{_hello_queries:>9}")
    for name, page_median, queries in pages:
        print(f"    {name:<30}{page_median * 1000:>11.2f}{page_median / hello:>10.0f}{queries:>9}")

    if args.explain:
        explain(agg_queries, 3)

    counts = {queries for _name, _median, queries in pages}
    if len(counts) != 1:
        print(f"\nFAIL: the query count grows with respondents ({sorted(counts)})")
        return 1
    if median >= TARGET_SECONDS:
        print(f"\nWARNING: aggregation above the {TARGET_SECONDS:.0f} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
