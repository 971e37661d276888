"""/healthz: 200 when the database answers, migrations are applied and the worker beats; else
503 naming the failed check."""

from datetime import timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from wijknet.core import health
from wijknet.core.models import Heartbeat
from wijknet.core.scheduling import beat
from wijknet.core.tasks import run_scheduled_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_migration_cache():
    health.reset_cache()
    yield
    health.reset_cache()


def get(client):
    response = client.get(reverse("core:healthz"))
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response, response.json()


def test_all_fine_is_200_and_lists_every_check(client):
    beat("worker")
    response, body = get(client)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert list(body["checks"]) == ["database", "migrations", "worker"]
    assert all(check["ok"] for check in body["checks"].values())


def test_no_login_needed_and_no_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    beat("worker")
    assert client.get("/healthz").status_code == 200


def test_a_stale_heartbeat_is_503(client, settings):
    settings.HEALTHZ_HEARTBEAT_MAX_AGE_SECONDS = 600
    beat("worker", now=timezone.now() - timedelta(seconds=700))
    response, body = get(client)
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["checks"]["worker"]["ok"] is False
    assert "limit 600 s" in body["checks"]["worker"]["detail"]
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"]["ok"] is True


def test_no_heartbeat_at_all_is_503(client):
    response, body = get(client)
    assert response.status_code == 503
    assert body["checks"]["worker"] == {"ok": False, "detail": "no heartbeat yet"}


def test_an_unapplied_migration_is_503(client, monkeypatch):
    beat("worker")
    monkeypatch.setattr(health, "unapplied_migrations", lambda: ["casework.0099_future"])
    response, body = get(client)
    assert response.status_code == 503
    assert body["checks"]["migrations"] == {"ok": False, "detail": "1 unapplied"}
    assert body["checks"]["worker"]["ok"] is True


def test_the_real_plan_is_empty_on_the_test_database():
    assert health.unapplied_migrations() == []


def test_an_unreachable_database_is_503(client, monkeypatch):
    beat("worker")

    def broken_cursor(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    ok, checks = health.run_checks()
    assert ok is False
    assert checks["database"] == {"ok": False, "detail": "unreachable (OSError)"}
    assert checks["worker"]["detail"] == "skipped: database unreachable"


def test_the_scheduled_task_writes_the_worker_heartbeat(settings):
    settings.SCHEDULED_JOBS = []
    before = timezone.now()
    run_scheduled_jobs.enqueue()  # immediate backend in tests: runs now, as the worker would
    assert Heartbeat.objects.get(name="worker").beat_at >= before
