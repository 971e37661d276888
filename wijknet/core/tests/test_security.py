import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory
from wijknet.core import audit

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7!k2-very-long-production-secret-that-is-not-the-default-key-0123456789",
    "ALLOWED_HOSTS": "wijknet.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "DATABASE_URL": "sqlite:////tmp/wijknet-deploy-check.sqlite3",
    "FIELD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1maWVsZC1rZXktZm9yLXRlc3RzISE=",
}


def manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_refuses_to_start_with_debug_off_and_the_development_secret():
    env = {**PRODUCTION_ENV}
    env.pop("SECRET_KEY")
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_refuses_to_start_with_debug_off_and_the_development_field_key():
    env = {**PRODUCTION_ENV}
    env.pop("FIELD_ENCRYPTION_KEYS")
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set FIELD_ENCRYPTION_KEYS" in result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy(client):
    response = client.get("/account/inloggen/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
class TestLoginThrottling:
    def login(self, client, email, password, ip="10.0.0.1"):
        return client.post(
            "/account/inloggen/", {"username": email, "password": password}, REMOTE_ADDR=ip
        )

    def test_login_with_email(self, client):
        user = UserFactory(email="anna@example.org")
        response = self.login(client, "Anna@Example.org", PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_wrong_password_gives_a_dutch_message(self, client):
        UserFactory(email="anna@example.org")
        response = self.login(client, "anna@example.org", "fout")
        assert "klopt niet" in response.content.decode()

    def test_lockout_after_failures_then_cool_off(self, client):
        UserFactory(email="anna@example.org")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.login(client, "anna@example.org", "fout")
        locked = self.login(client, "anna@example.org", PASSWORD)
        assert locked.status_code == 429
        assert "Te veel mislukte pogingen" in locked.content.decode()
        # The account is locked from every address (guessing from many addresses stops too).
        assert self.login(client, "anna@example.org", PASSWORD, ip="10.0.0.2").status_code == 429
        # After the cool-off period the account works again from the first address too.
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
        )
        assert self.login(client, "anna@example.org", PASSWORD).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_audit_refuses_to_write_outside_a_transaction(network):
    with pytest.raises(RuntimeError):
        audit.record(actor=None, action="x", summary="y", network=network)
    with transaction.atomic():
        event = audit.record(actor=None, action="x", summary="y", network=network)
    assert event.pk is not None
