from django.core.management.base import BaseCommand

from wijknet.roadmap.content import load_roadmap


class Command(BaseCommand):
    help = "Load the versioned content files (step plan) into the database; safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even the same version")

    def handle(self, *args, force=False, **options):
        if load_roadmap(force=force):
            self.stdout.write(self.style.SUCCESS("Step plan loaded."))
        else:
            self.stdout.write("Step plan is up to date.")
