from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load the versioned content files (step plan, scan instruments, advice); repeatable."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even the same version")

    def handle(self, *args, force=False, **options):
        # Each app registers its loader in settings.CONTENT_LOADERS, in dependency order.
        for dotted in settings.CONTENT_LOADERS:
            loaded = import_string(dotted)(force=force)
            name = dotted.rsplit(".", 1)[-1]
            self.stdout.write(f"{name}: {'loaded' if loaded else 'up to date'}")
