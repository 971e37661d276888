"""Absolute links for e-mails, feeds and exports: the address wijknet runs at.

`SITE_URL` wins when it is set (production behind a proxy: the public address). Without it,
a link made while a request is being handled uses that request's scheme and host (checked
against ALLOWED_HOSTS by Django), and a link made by a job (the task worker, a command) uses
the port the server was started on: `PORT` (as `make run` and gunicorn use it), or the
address in `GUNICORN_BIND`.
"""

import os
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

_request_base: ContextVar[str | None] = ContextVar("wijknet_request_base", default=None)


def default_site_url() -> str:
    """The address of a server started here: GUNICORN_BIND, else 127.0.0.1 with PORT."""
    bind = os.environ.get("GUNICORN_BIND", "").strip()
    if bind and not bind.startswith("unix:") and ":" in bind:
        host, port = bind.split(",")[0].rsplit(":", 1)
        if host in ("", "0.0.0.0", "[::]", "::"):  # noqa: S104 - a comparison, no binding
            host = "127.0.0.1"
        return f"http://{host}:{port}"
    return f"http://127.0.0.1:{os.environ.get('PORT', '8000').strip() or '8000'}"


def site_url() -> str:
    """The base URL (no trailing slash) links are built on, as described above."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return _request_base.get() or default_site_url()


def absolute(path: str) -> str:
    """`path` (from reverse()) as a full link."""
    return site_url() + path


class RequestBaseMiddleware:
    """Remembers the current request's scheme and host for `site_url()` while it runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            base = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            base = None
        token = _request_base.set(base)
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)
