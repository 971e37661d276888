import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from wijknet.core.tasks import run_scheduled_jobs


class Command(BaseCommand):
    help = (
        "Enqueue the scheduled jobs (settings.SCHEDULED_JOBS) for the task worker every "
        "SCHEDULER_INTERVAL_SECONDS. `--once` enqueues a single run, for cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="enqueue one run and stop")

    def handle(self, *args, once=False, **options):
        self.running = True
        if once:
            self.enqueue()
            return
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        interval = settings.SCHEDULER_INTERVAL_SECONDS
        self.stdout.write(f"scheduler: enqueueing scheduled jobs every {interval} s")
        while self.running:
            self.enqueue()
            # Sleep in short steps so a stop signal ends the loop promptly.
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(min(1.0, deadline - time.monotonic()))

    def enqueue(self):
        result = run_scheduled_jobs.enqueue()
        self.stdout.write(f"scheduler: queued {result.id}")

    def stop(self, *args):
        self.running = False
