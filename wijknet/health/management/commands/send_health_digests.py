from django.core.management.base import BaseCommand

from wijknet.health.tasks import enqueue_digests


class Command(BaseCommand):
    help = (
        "Queue the weekly digest of new (unacknowledged) health signals for the coordinators of "
        "every active network. Run it weekly from the scheduler."
    )

    def handle(self, *args, **options):
        queued = enqueue_digests()
        self.stdout.write(f"{queued} health digest(s) queued")
