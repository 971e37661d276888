"""Links in e-mail follow the address the server runs at when SITE_URL is not set."""

import pytest
from django.core import mail
from django.test import RequestFactory

from wijknet.core import links


def test_without_site_url_a_job_uses_port(settings, monkeypatch):
    settings.SITE_URL = ""
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.setenv("PORT", "8765")
    assert links.absolute("/x/") == "http://127.0.0.1:8765/x/"
    monkeypatch.delenv("PORT")
    assert links.site_url() == "http://127.0.0.1:8000"


def test_gunicorn_bind_names_the_address(settings, monkeypatch):
    settings.SITE_URL = ""
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9001")
    assert links.site_url() == "http://127.0.0.1:9001"


def test_site_url_wins(settings, monkeypatch):
    settings.SITE_URL = "https://wijknet.example.nl/"
    monkeypatch.setenv("PORT", "8765")
    assert links.absolute("/x/") == "https://wijknet.example.nl/x/"


def test_during_a_request_links_use_its_host(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["wijk.local"]
    seen = []
    middleware = links.RequestBaseMiddleware(lambda request: seen.append(links.site_url()))
    middleware(RequestFactory().get("/", HTTP_HOST="wijk.local:8123"))
    assert seen == ["http://wijk.local:8123"]
    # A host Django does not allow is never used.
    middleware(RequestFactory().get("/", HTTP_HOST="evil.example"))
    assert seen[1].startswith("http://127.0.0.1:")


@pytest.mark.django_db
def test_invitation_mail_links_to_the_running_server(
    client, coordinator, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    client.force_login(coordinator)
    monkeypatch.setenv("PORT", "8765")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/n/gezond-oost/leden/uitnodigen/", {"email": "nieuw@example.org", "role": "partner"}
        )
    body = "\n".join(message.body for message in mail.outbox)
    assert "http://testserver/uitnodiging/" in body
    assert "127.0.0.1:8000" not in body
