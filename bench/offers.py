"""Social map benchmark: search over 20,000 offers must stay under 100 ms, and the list page's
query count must not depend on the number of offers (100 vs 20,000).

    .venv/bin/python bench/offers.py        (also part of `make bench`)

Own SQLite file under var/; page times are also given as a ratio to a hello-world view.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-offers.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijknet.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope  # noqa: E402

from wijknet.networks import services as network_services  # noqa: E402
from wijknet.networks.models import Organisation, Partner, Sector  # noqa: E402
from wijknet.offers import queries  # noqa: E402
from wijknet.offers.models import Offer, OfferKind, TargetGroup  # noqa: E402

TARGET_MS = 100
WORDS = ["wandelen", "zwemmen", "koffie", "yoga", "fietsen", "dansen", "koken", "tuinieren"]
PLACES = [f"Wijk {n}" for n in range(40)]


def build(user, slug, count):
    network = network_services.network_create(acting_user=user, slug=slug, name=slug)
    with scope(network=network):
        orgs = Organisation.objects.bulk_create(
            Organisation(network=network, name=f"Aanbieder {n}", sector=Sector.values[n % 16])
            for n in range(50)
        )
        providers = Partner.objects.bulk_create(
            Partner(network=network, organisation=o, joined_on=timezone.localdate()) for o in orgs
        )
        kinds, groups = OfferKind.values, TargetGroup.values
        Offer.objects.bulk_create(
            (
                Offer(
                    network=network,
                    provider=providers[n % 50],
                    title=f"{WORDS[n % len(WORDS)].title()} groep {n}",
                    kind=kinds[n % len(kinds)],
                    description=f"Samen {WORDS[(n * 3) % len(WORDS)]} in de wijk, nummer {n}.",
                    target_groups=[groups[n % len(groups)], groups[(n + 3) % len(groups)]],
                    age_min=(n % 5) * 10 or None,
                    place=PLACES[n % len(PLACES)],
                    last_confirmed_at=timezone.now(),
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
    return network


def median_ms(fn, runs=15):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


SEARCHES = [
    ("free text 'wandel'", {"search": "wandel"}),
    ("kind + target group", {"kind": "bewegen", "target_group": "ouderen"}),
    ("text + age 70 + place", {"search": "koffie", "age": 70, "place": "Wijk 7"}),
    ("no filter", {}),
]


def search_page(network, filters):
    """What the list view does: count the matches and load the first page of 25."""
    page = Paginator(queries.offers(network, **filters), 25).page(1)
    return len(list(page.object_list)), page.paginator.count


def main():
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user(
        email="bench@example.org", password="x", full_name="Bench"
    )
    small = build(user, "klein", 100)
    large = build(user, "groot", 20_000)
    print("data: 100 and 20,000 offers of 50 providers")
    slow = False
    print(f"{'search over 20,000 offers':<28}{'median ms':>11}{'matches':>9}")
    with scope(network=large):
        for label, filters in SEARCHES:
            ms = median_ms(lambda f=filters: search_page(large, f))
            _, matches = search_page(large, filters)
            slow |= ms >= TARGET_MS
            print(f"{label:<28}{ms:>11.1f}{matches:>9}")
    settings.ROOT_URLCONF = "bench.urls"
    client = Client()
    client.force_login(user)
    print(f"\n{'page':<28}{'median ms':>11}{'× hello':>9}{'queries':>9}")
    hello = median_ms(lambda: client.get("/bench-hello/"))
    counts = []
    for label, network in (("list, 100 offers", small), ("list, 20,000 offers", large)):
        url = f"/n/{network.slug}/sociale-kaart/?q=wandel&kind=bewegen"
        assert client.get(url).status_code == 200
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
        ms = median_ms(lambda u=url: client.get(u))
        print(f"{label:<28}{ms:>11.1f}{ms / hello:>9.0f}{len(captured):>9}")
    print(f"(target: every search < {TARGET_MS} ms; equal query counts)")
    if slow or len(set(counts)) != 1:
        sys.exit("FAILED: a search is too slow or the query counts differ")


if __name__ == "__main__":
    main()
