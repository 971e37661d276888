"""Report benchmark: make the network report (both variants) for a network of 100 partners,
500 meetings and 1,000 clients (with a referral each), through the real database task queue
and worker, as in production. Target: under 10 s per report in the worker.

    .venv/bin/python bench/report.py        (not part of `make test`)

Own SQLite file under var/; prints the time per report as the worker measured it
(Report.seconds) and the wall time of the worker run.
"""

import os
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-report.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijknet.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench-media"))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from bench.health import build  # noqa: E402
from wijknet.actions.models import Goal, Success  # noqa: E402
from wijknet.agreements.models import FundingSource  # noqa: E402
from wijknet.casework.models import Client  # noqa: E402
from wijknet.core import analysis  # noqa: E402
from wijknet.networks.models import Membership, Partner  # noqa: E402
from wijknet.referrals.models import Referral  # noqa: E402
from wijknet.reports import services  # noqa: E402

PARTNERS, MEETINGS, CLIENTS = 100, 500, 1000
TARGET_SECONDS = 10


def add_residents_and_more(network, user):
    now = timezone.now()
    with scope(network=network):
        partners = list(Partner.objects.filter(network=network).order_by("pk"))
        Client.objects.bulk_create(
            Client(network=network, name=f"Bewoner {n}", birth_year=1940 + n % 60)
            for n in range(CLIENTS)
        )
        Referral.objects.bulk_create(
            Referral(
                network=network,
                referrer=user,
                receiving_partner=partners[n % len(partners)],
                resident_name=f"Bewoner {n}",
                resident_birth_year=1940 + n % 60,
                consent_given=True,
                consent_recorded_at=now,
                contact_at=now if n % 2 else None,
            )
            for n in range(CLIENTS)
        )
        FundingSource.objects.bulk_create(
            FundingSource(
                network=network,
                name=f"Bron {n}",
                kind=["gemeente", "zorgverzekeraar", "fonds"][n % 3],
                amount=Decimal(25000 + 1000 * n),
                structural=n % 2 == 0,
            )
            for n in range(12)
        )
        goals = Goal.objects.bulk_create(
            Goal(network=network, title=f"Doel {n}") for n in range(30)
        )
        Success.objects.bulk_create(
            Success(
                network=network,
                title=f"Succes {n}",
                happened_on=timezone.localdate() - timedelta(days=n * 3),
                goal=goals[n % len(goals)],
            )
            for n in range(100)
        )


def main():
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    user = get_user_model().objects.create_user(
        email="bench@example.org", password="x", full_name="Bench"
    )
    started = time.perf_counter()
    network = build(user, "groot", PARTNERS, MEETINGS)
    add_residents_and_more(network, user)
    with scopes_disabled():
        membership = Membership.objects.get(network=network, user=user)
    print(
        f"data: {PARTNERS} partners, {MEETINGS} meetings, {CLIENTS} clients and referrals "
        f"({time.perf_counter() - started:.1f} s)"
    )
    # The health analysis is kept up to date by its own task (after changes and nightly); the
    # report reads it like the signal page does. Timed apart.
    begin = time.perf_counter()
    analysis.recompute(network)
    print(f"health and graph analysis (its own task): {time.perf_counter() - begin:.1f} s")
    failed = False
    for variant in ("full", "funder"):
        with scope(network=network):
            report = services.report_request(
                acting_user=user, network=network, membership=membership, variant=variant
            )
        begin, cpu = time.perf_counter(), time.process_time()
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        wall, cpu = time.perf_counter() - begin, time.process_time() - cpu
        with scopes_disabled():
            report.refresh_from_db()
        ok = report.status == "done" and report.seconds < TARGET_SECONDS
        failed |= not ok
        # On a shared machine the wall time includes waiting for a core; CPU time does not.
        print(
            f"report {variant:<7} {report.status:<6} {report.seconds or 0:>6.2f} s in the task "
            f"({wall:.1f} s worker run, {cpu:.1f} s CPU, load {os.getloadavg()[0]:.1f}), "
            f"{report.size / 1024:.0f} KB: target < {TARGET_SECONDS} s "
            f"{'OK' if ok else 'TOO SLOW' if report.status == 'done' else report.error}"
        )
    if failed:
        sys.exit("FAILED")


if __name__ == "__main__":
    main()
