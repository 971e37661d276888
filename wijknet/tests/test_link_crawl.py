"""No page offers a link its viewer cannot open (issue 14).

For every demo role the test client starts at the start page and follows every same-site link
(GET only) breadth-first, visiting one page of each kind: URLs are deduplicated by their pattern
(UUIDs, numbers and tokens replaced). A link answering 403 means a template shows something the
viewer's role does not allow; a 404 is a broken link. Both are collected and reported together.
Sessions passed the second factor, so client pages are crawled too.
"""

import os
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.support.otp import login_verified
from tests.support.shared import shared_rows

ROLES = [
    "coordinator@demo.wijknet.nl",
    "kerngroep@demo.wijknet.nl",
    "partner@demo.wijknet.nl",
    "burger@demo.wijknet.nl",
    "financier@demo.wijknet.nl",
    "dorpsondersteuner@demo.wijknet.nl",
    "bewoner@demo.wijknet.nl",  # the demo resident (issue 15): her own pages under /mijn/
]
MAX_PAGES = 250  # per role; the demo has fewer kinds of page than this
ALLOWED_PREFIXES = ("/n/", "/account/", "/netwerken/", "/scan/", "/mijn/")
# Links that are not pages to look at: leaving, files and feeds, and the API (its own tests).
SKIP = re.compile(r"/uitloggen/|\.(csv|json|ics|pdf|xml)$|/ical/|/fhir|/api/|/static/|/media/")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NUMBER = re.compile(r"/\d+(?=/|$)")
TOKEN = re.compile(r"/(scan|uitnodiging|agenda|stappenplan)/[^/]+")
# Where a page sends a viewer it does not let in: as bad as a 403 for a link.
TURNED_AWAY = ("/account/inloggen/", "/account/tweestapsverificatie/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") and attrs.get("download") is None:
            self.hrefs.append(attrs["href"])
        if attrs.get("hx-get"):  # a fragment the page loads itself (badges, panels)
            self.hrefs.append(attrs["hx-get"])


def links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urljoin("http://testserver" + base, href)
        parts = urlsplit(url)
        if parts.netloc != "testserver":
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def kind(url: str) -> str:
    """The pattern a URL stands for: one page per kind is enough."""
    parts = urlsplit(url)
    path = TOKEN.sub(r"/\1/<token>", NUMBER.sub("/<n>", UUID.sub("<uuid>", parts.path)))
    keys = sorted({key for key, _ in parse_qsl(parts.query)} - {"page"})
    return path + ("?" + "&".join(keys) if keys else "")


def crawl(client, start: str, pages: dict | None = None) -> tuple[dict[str, tuple[int, str]], int]:
    """Visit pages breadth-first; return the failing links {url: (status, found on)}. With
    `pages`, the HTML of every page visited is kept there by URL."""
    seen = {kind(start)}
    queue = deque([(start, "(start)")])
    failures: dict[str, tuple[int, str]] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        url, source = queue.popleft()
        response = client.get(url, follow=True)
        visited += 1
        status = response.status_code
        final = response.request["PATH_INFO"]
        if status >= 400:
            failures[url] = (status, source)
            continue
        if response.redirect_chain and final.startswith(TURNED_AWAY):
            failures[url] = (response.redirect_chain[0][1], f"{source}, sent to {final}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if pages is not None:
            pages[final] = response.content.decode()
        for link in links(response.content.decode(), final):
            path = urlsplit(link).path
            if not path.startswith(ALLOWED_PREFIXES) or SKIP.search(path):
                continue
            if kind(link) in seen:
                continue
            seen.add(kind(link))
            queue.append((link, final))
    return failures, visited


@pytest.fixture(scope="module")
def _demo_rows(django_db_setup, django_db_blocker):
    def build():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        return True

    with shared_rows(django_db_blocker, build) as built:
        yield built


@pytest.mark.django_db
@pytest.mark.parametrize("email", ROLES, ids=lambda e: e.split("@")[0])
def test_every_link_a_role_sees_opens(client, _demo_rows, email):
    login_verified(client, get_user_model().objects.get(email=email))
    failures, visited = crawl(client, "/")
    assert visited > 5, "the crawl found hardly any pages"
    report = "\n".join(
        f"{status} {url} (linked from {source})" for url, (status, source) in failures.items()
    )
    assert not failures, f"{email}: {len(failures)} links do not open:\n{report}"


@pytest.mark.django_db
def test_the_crawl_reports_a_link_its_viewer_cannot_open(client, _demo_rows):
    """The check above can fail: a page the citizen may not open is reported with its status."""
    login_verified(client, get_user_model().objects.get(email="burger@demo.wijknet.nl"))
    failures, _ = crawl(client, "/n/gezond-oost/partners/nieuw/")
    assert failures == {"/n/gezond-oost/partners/nieuw/": (403, "(start)")}
    assert links('<a href="/n/x/">x</a><a href="https://elders.nl/">y</a>', "/") == ["/n/x/"]
    assert kind("/n/x/acties/1f0e8a3c-2b4d-4e6f-8a9b-0c1d2e3f4a5b/?page=2") == "/n/x/acties/<uuid>/"


@pytest.mark.django_db
def test_the_demo_resident_sees_her_own_record_only(client, _demo_rows):
    """The demo resident (issue 15) reaches her own pages, and no page she reaches shows the
    other demo client or a network page."""
    login_verified(client, get_user_model().objects.get(email="bewoner@demo.wijknet.nl"))
    pages: dict[str, str] = {}
    failures, visited = crawl(client, "/", pages)
    assert not failures
    assert any(url.startswith("/mijn/") for url in pages) and visited >= 5
    assert not any(url.startswith("/n/") for url in pages)
    for url, html in pages.items():
        assert "Ali Kaya" not in html, url
    assert any("Johanna Visser-de Groot" in html for html in pages.values())
