"""Reading a stored analysis costs the same whatever its size: the JSON is sent and decoded once
per stored version and process (core.analysis._decoded), and pages that read one write nothing.
Issue 12: at 100× the demo the graph and health pages decoded hundreds of kilobytes and rebuilt
thousands of objects on every request."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django_scopes import scope

from wijknet.core import analysis
from wijknet.core.models import NetworkAnalysis
from wijknet.core.tasks import recompute_network_analysis
from wijknet.health import rules
from wijknet.health.tests import factories as f

pytestmark = pytest.mark.django_db

DASHBOARD = "/n/gezond-oost/"
PAGES = [
    DASHBOARD,
    "/n/gezond-oost/mijn-werk/",
    "/n/gezond-oost/samenwerking/",
    "/n/gezond-oost/samenwerking/graaf.json",
    "/n/gezond-oost/signalen/",
]
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def deferred_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    return recompute_network_analysis.get_backend().results


def partners_who_met(network, n=3):
    partners = [f.partner(network, f"Partner {i:03d}") for i in range(n)]
    f.meeting(network, timezone.localdate() - timedelta(days=3), attended=partners)
    return partners


def analysis_query(queries) -> str:
    [sql] = [q["sql"] for q in queries if "core_networkanalysis" in q["sql"]]
    return sql


def test_the_second_read_does_not_send_the_data_again(network):
    partners_who_met(network)
    analysis.recompute(network)
    first = analysis.read(network, "graph")
    with CaptureQueriesContext(connection) as queries:
        second = analysis.read(network, "graph")
    assert len(queries) == 1
    # The stored JSON is asked for only when the row is another version than the one held.
    assert "CASE WHEN" in analysis_query(queries)
    assert second.data is first.data and second.data["nodes"]
    assert second.derive("n", lambda data: len(data["nodes"])) == 3
    assert analysis.read(network, "graph").derive("n", lambda data: 1 / 0) == 3  # built once


def test_a_recompute_is_read_at_once(network):
    partners_who_met(network, 2)
    analysis.recompute(network)
    assert len(analysis.read(network, "graph").data["nodes"]) == 2
    f.partner(network, "Later")
    analysis.recompute(network)
    stored = analysis.read(network, "graph")
    assert len(stored.data["nodes"]) == 3
    assert stored.derive("n", lambda data: len(data["nodes"])) == 3


def test_another_version_of_the_row_replaces_the_held_data(network):
    partners_who_met(network, 2)
    analysis.recompute(network)
    analysis.read(network, "graph")
    # Written behind this process's back (another server): same network, new version.
    with scope(network=network):
        NetworkAnalysis.objects.filter(network=network, kind="graph").update(
            data={"nodes": []}, computed_at=timezone.now()
        )
    assert analysis.read(network, "graph").data == {"nodes": []}


def test_a_network_never_gets_another_networks_data(network, other_network):
    partners_who_met(network, 2)
    analysis.recompute(network)
    analysis.recompute(other_network)
    names = [node["name"] for node in analysis.read(network, "graph").data["nodes"]]
    assert sorted(names) == ["Partner 000", "Partner 001"]
    others = [node["name"] for node in analysis.read(other_network, "graph").data["nodes"]]
    assert others == ["Geheime Partner BV"]


@pytest.mark.parametrize("url", PAGES)
def test_reading_pages_write_nothing(client, network, coordinator, deferred_tasks, url):
    """A GET of a page that reads stored analyses (fresh ones) makes no write and queues no
    task: no UPDATE of the analysis rows, no session save, nothing."""
    partners_who_met(network)
    analysis.recompute(network)
    client.force_login(coordinator)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert [q["sql"] for q in queries if q["sql"].lstrip().startswith(WRITES)] == []
    assert deferred_tasks == []


def test_my_work_renders_only_the_first_fact_of_a_signal(client, network, coordinator, monkeypatch):
    """ "Mijn werk" shows one fact per signal: it rendered every fact (`Signal.evidence`,
    hundreds at 100× the demo) to take the first."""
    partners_who_met(network)
    analysis.recompute(network)
    client.force_login(coordinator)

    def every_fact(self):
        raise AssertionError("rendered every fact of a signal")

    monkeypatch.setattr(rules.Signal, "evidence", property(every_fact))
    page = client.get("/n/gezond-oost/mijn-werk/").content.decode()
    signals = [rules.Signal.from_dict(s) for s in analysis.read(network, "health").data["signals"]]
    assert signals
    first = signals[0]
    assert escape(first.title) in page and escape(first.evidence_preview[0]) in page
