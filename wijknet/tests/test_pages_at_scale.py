"""The heavy network pages take as many queries with three times the data as with the demo's
(issue 12: "query count per page equal at ×1 and ×100"): seed_scale multiplies every
network-owned table, so whatever grows with the data is covered, not just what a factory makes.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from wijknet.meetings.models import Meeting
from wijknet.networks.models import Network
from wijknet.scans.models import ScanRound

N = "/n/gezond-oost/"
PAGES = {
    "dashboard": N,
    "step plan": N + "stappenplan/",
    "scans": N + "scans/",
    "scan results (latest)": N + "scans/{latest}/",
    "scan results (first)": N + "scans/{first}/?per=role",
    "meetings": N + "bijeenkomsten/",
    "meeting": N + "bijeenkomsten/{meeting}/",
    "goals": N + "doelen/",
    "successes": N + "successen/",
    "agreement": N + "afspraken/",
    "versions": N + "afspraken/versies/",
    "health monitor": N + "signalen/",
    "graph": N + "samenwerking/",
    "evaluation": N + "evaluatie/",
}


def urls():
    with scopes_disabled():
        oost = Network.objects.get(slug="gezond-oost")
        rounds = ScanRound.objects.filter(network=oost).order_by("opens_on", "pk")
        meeting = Meeting.objects.filter(network=oost).order_by("-starts_at", "-pk").first()
        values = {
            "latest": rounds.last().uuid,
            "first": rounds.first().uuid,
            "meeting": meeting.uuid,
        }
    return {name: path.format(**values) for name, path in PAGES.items()}


def measure(client) -> dict[str, int]:
    counts = {}
    for name, url in urls().items():
        client.get(url)  # stored results are computed on first use
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(captured)
    return counts


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_the_data(client):
    call_command("load_demo")
    client.force_login(get_user_model().objects.get(email="coordinator@demo.wijknet.nl"))
    small = measure(client)
    call_command("seed_scale", "--factor", "3")
    large = measure(client)
    assert large == small
