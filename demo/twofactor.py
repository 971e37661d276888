"""Two-factor devices for the demo logins, so client pages can be tried without a phone.

Every demo user gets a confirmed TOTP device with a key derived from their e-mail address;
`manage.py demo_code EMAIL` prints the current code (development only). Never in production:
load_demo is not run there, and demo_code refuses to run with DEBUG off.
"""

import hashlib

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "demo"


def demo_key(email: str) -> str:
    return hashlib.sha256(f"wijknet-demo-totp:{email}".encode()).hexdigest()[:40]


def ensure_demo_device(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user,
        name=DEVICE_NAME,
        defaults={"key": demo_key(user.email), "confirmed": True},
    )
    return device


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
