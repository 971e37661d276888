from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.twofactor import DEVICE_NAME, current_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo login (development only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code only runs in development (DEBUG on).")
        user = get_user_model().objects.filter(email=email).first()
        device = TOTPDevice.objects.filter(user=user, name=DEVICE_NAME).first() if user else None
        if device is None:
            raise CommandError(f"{email} is not a demo login with a demo device.")
        self.stdout.write(current_code(device))
