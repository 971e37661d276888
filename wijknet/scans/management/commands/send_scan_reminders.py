from django.core.management.base import BaseCommand

from wijknet.scans import services


class Command(BaseCommand):
    help = (
        "Remind invitees of open scan rounds who have not submitted yet (after 3 days, at most "
        "twice). Run it daily from the scheduler; repeatable."
    )

    def handle(self, *args, **options):
        sent = services.reminders_send()
        self.stdout.write(f"{sent} scan reminder(s) sent")
