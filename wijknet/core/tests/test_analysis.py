"""Stored network analyses (core.analysis): computed in a task, debounced after changes,
nightly for every network, and only read by the pages."""

from datetime import datetime, timedelta

import networkx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from tests.factories import NetworkFactory
from wijknet.core import analysis
from wijknet.core.models import AuditEvent, NetworkAnalysis
from wijknet.core.tasks import recompute_network_analysis
from wijknet.health import monitor
from wijknet.health import services as health_services
from wijknet.health.models import HealthSettings, SignalAcknowledgement
from wijknet.health.tests import factories as f
from wijknet.networks.models import NetworkStatus, Partner

pytestmark = pytest.mark.django_db

GRAPH = "/n/gezond-oost/samenwerking/"
GRAPH_JSON = "/n/gezond-oost/samenwerking/graaf.json"
HEALTH = "/n/gezond-oost/signalen/"
DASHBOARD = "/n/gezond-oost/"
PAGES = [GRAPH, GRAPH_JSON, HEALTH, DASHBOARD]
NO_AGREEMENT = "Er zijn geen afspraken over rollen, tijd en geld"


@pytest.fixture
def deferred_tasks(settings):
    """Tasks are only queued (as with the database worker), not run in the request."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    return recompute_network_analysis.get_backend().results


@pytest.fixture
def forbid_computing(monkeypatch):
    """After calling it, computing in a request fails: networkx and the monitor raise."""

    def boom(*args, **kwargs):
        raise AssertionError("computed in a request")

    def forbid():
        for name in ("betweenness_centrality", "articulation_points", "bridges"):
            monkeypatch.setattr(networkx, name, boom)
        for name in ("load_snapshot", "run_rules", "evaluate"):
            monkeypatch.setattr(f"wijknet.health.monitor.{name}", boom)
        monkeypatch.setattr("wijknet.graph.queries.collaboration_graph", boom)

    return forbid


def partners_who_met(network, n=2, meetings=1, prefix="Partner"):
    partners = [f.partner(network, f"{prefix} {i:03d}") for i in range(n)]
    for day in range(meetings):
        f.meeting(network, timezone.localdate() - timedelta(days=3 + day), attended=partners)
    return partners


def change(network, user, days=200):
    """An audited change of the network's data (a service write, like a page makes)."""
    with scope(network=network):
        current = HealthSettings.objects.filter(network=network).first()
        health_services.health_settings_update(
            acting_user=user,
            network=network,
            overrides={"review_days": days},
            expected_version=current.version if current else 0,
        )


def test_pages_read_the_stored_analysis_and_compute_nothing(
    client, network, coordinator, deferred_tasks, forbid_computing
):
    partners_who_met(network)
    analysis.recompute(network)
    forbid_computing()
    client.force_login(coordinator)
    graph = client.get(GRAPH).content.decode()
    assert "<td>Partner 000" in graph and "<td>Partner 001" in graph
    assert "Analyse bijgewerkt 0\xa0minuten geleden" in graph
    assert "wordt bijgewerkt" not in graph
    elements = client.get(GRAPH_JSON).json()["elements"]
    a, b = (partners_id(network, i) for i in (0, 1))
    assert [e["data"] for e in elements] == [
        {"id": f"p{a}", "label": "Partner 000", "sector": "Welzijn"},
        {"id": f"p{b}", "label": "Partner 001", "sector": "Welzijn"},
        {"id": f"e{a}-{b}", "source": f"p{a}", "target": f"p{b}", "weight": 1},
    ]
    health = client.get(HEALTH).content.decode()
    assert NO_AGREEMENT in health and "Analyse bijgewerkt" in health
    dashboard = client.get(DASHBOARD).content.decode()
    top = [s.title for s in monitor.top_signals(network)]
    assert len(top) == 3 and all(title in dashboard for title in top)
    assert "Analyse bijgewerkt" in dashboard
    assert deferred_tasks == []  # fresh: nothing queued


def test_a_change_makes_pages_say_it_is_being_updated_and_queues_one_task(
    client,
    network,
    coordinator,
    deferred_tasks,
    forbid_computing,
    django_capture_on_commit_callbacks,
):
    partners_who_met(network)
    analysis.recompute(network)
    forbid_computing()
    with django_capture_on_commit_callbacks(execute=True):
        change(network, coordinator, days=200)
        change(network, coordinator, days=210)  # within the debounce: no second task
    assert len(deferred_tasks) == 1
    queued = deferred_tasks[0]
    assert queued.task.func is recompute_network_analysis.func
    assert queued.kwargs["network_id"] == network.pk
    delay = queued.task.run_after - timezone.now()
    assert timedelta(seconds=20) < delay <= timedelta(seconds=30)
    client.force_login(coordinator)
    for url in (GRAPH, HEALTH, DASHBOARD):
        html = client.get(url).content.decode()
        assert "wordt bijgewerkt…" in html, url
        assert "Analyse bijgewerkt" in html, url  # the previous result stays visible
    assert "<td>Partner 000" in client.get(GRAPH).content.decode()
    assert len(deferred_tasks) == 1  # the pages asked too, but within the debounce


def test_empty_state_queues_the_first_computation_once(
    client, network, coordinator, deferred_tasks, forbid_computing
):
    partners_who_met(network)
    forbid_computing()
    client.force_login(coordinator)
    html = client.get(GRAPH).content.decode()
    assert "De analyse wordt voor het eerst berekend" in html
    assert "Nog geen partners" not in html
    assert "De analyse wordt voor het eerst berekend" in client.get(HEALTH).content.decode()
    assert "Geen nieuwe signalen" not in client.get(HEALTH).content.decode()
    assert len(deferred_tasks) == 1
    assert deferred_tasks[0].task.run_after is None  # nothing to show yet: not debounced


def test_the_task_computes_what_the_pages_show(client, network, coordinator, deferred_tasks):
    partners_who_met(network)
    client.force_login(coordinator)
    client.get(GRAPH)
    [queued] = deferred_tasks
    assert recompute_network_analysis.call(**queued.kwargs) is True
    with scope(network=network):
        rows = {r.kind: r for r in NetworkAnalysis.objects.filter(network=network)}
    assert sorted(rows) == ["graph", "health"]
    assert [n["name"] for n in rows["graph"].data["nodes"]] == ["Partner 000", "Partner 001"]
    assert rows["graph"].data["edges"] == [[partners_id(network, 0), partners_id(network, 1), 1]]
    # Stored language-neutral: text keys and parameters, rendered in the reader's language.
    stored = {s["code"]: s for s in rows["health"].data["signals"]}
    assert stored["no_agreement"]["title"] == {"key": "signals.no_agreement.title", "params": {}}
    assert stored["no_agreement"]["advice"] == "agreement"
    assert all(r.requested_at is None and r.computed_at for r in rows.values())
    html = client.get(GRAPH).content.decode()
    assert "De analyse wordt voor het eerst berekend" not in html
    assert "<td>Partner 000" in html
    # The same request again: somebody computed after it and nothing changed → skipped.
    assert recompute_network_analysis.call(**queued.kwargs) is False


def partners_id(network, i):
    with scope(network=network):
        return Partner.objects.filter(network=network).order_by("organisation__name")[i].pk


def test_the_task_asks_again_when_data_changed_while_it_ran(
    network, coordinator, deferred_tasks, monkeypatch
):
    real = analysis.import_string

    def compute_while_someone_edits(path):
        func = real(path)
        if path.endswith("graph.analysis.compute"):

            def wrapped(net):
                change(net, coordinator)  # lands after the generation was read
                return func(net)

            return wrapped
        return func

    monkeypatch.setattr(analysis, "import_string", compute_while_someone_edits)
    assert analysis.recompute(network) is True
    assert len(deferred_tasks) == 1


def test_ignored_actions_do_not_make_the_analysis_stale(
    client, network, coordinator, deferred_tasks, django_capture_on_commit_callbacks
):
    analysis.recompute(network)
    client.force_login(coordinator)
    _stored, signals = monitor.stored_signals(network)
    signal = next(s for s in signals if s.title == NO_AGREEMENT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/n/gezond-oost/signalen/markeren/",
            {"code": signal.code, "fingerprint": signal.fingerprint, "status": "seen"},
        )
    assert response.status_code == 302
    assert deferred_tasks == []
    with scope(network=network):  # marked when recorded: the partial index leaves it out
        latest = AuditEvent.objects.filter(network=network).order_by("-id").first()
    assert latest.action.startswith("health.") and latest.analysis_relevant is False
    html = client.get(HEALTH).content.decode()
    assert "wordt bijgewerkt" not in html
    # Acknowledged at once, although nothing was recomputed.
    with scope(network=network):
        assert SignalAcknowledgement.objects.filter(code=signal.code).count() == 1
    open_part, folded = html.split("<details>")
    assert NO_AGREEMENT not in open_part.split("<h2")[-1]
    assert NO_AGREEMENT in folded


def test_coordinator_recomputes_now_and_returns_to_the_page(client, network, coordinator):
    analysis.recompute(network)
    with scope(network=network):
        before = NetworkAnalysis.objects.get(network=network, kind="graph").computed_at
    f.partner(network, "Nieuwe Partner")  # changed without an audit event (an import)
    client.force_login(coordinator)
    assert "<td>Nieuwe Partner" not in client.get(GRAPH).content.decode()
    response = client.post("/n/gezond-oost/analyse/herberekenen/", {"next": GRAPH})
    assert response.status_code == 302 and response["Location"] == GRAPH
    with scope(network=network):
        after = NetworkAnalysis.objects.get(network=network, kind="graph").computed_at
    assert after > before
    html = client.get(GRAPH).content.decode()
    assert "<td>Nieuwe Partner" in html
    assert "De analyse wordt opnieuw berekend." in html


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "/n/elders/", "//evil.example/"])
def test_recompute_does_not_redirect_elsewhere(client, network, coordinator, unsafe):
    client.force_login(coordinator)
    response = client.post("/n/gezond-oost/analyse/herberekenen/", {"next": unsafe})
    assert response["Location"] == HEALTH


def test_recompute_button_only_for_coordinators(client, network, members):
    analysis.recompute(network)
    client.force_login(members["coordinator"])
    assert "Nu opnieuw berekenen" in client.get(GRAPH).content.decode()
    client.force_login(members["core"])
    html = client.get(GRAPH).content.decode()
    assert "Analyse bijgewerkt" in html and "Nu opnieuw berekenen" not in html


def test_nightly_job_recomputes_every_active_network_once_a_day(network, deferred_tasks):
    other = NetworkFactory(slug="ander")
    NetworkFactory(slug="oud", status=NetworkStatus.ARCHIVED)
    night = timezone.make_aware(datetime(2026, 12, 3, 1, 0))
    assert analysis.nightly_recompute(night) == 0  # before NIGHTLY_HOUR
    assert analysis.nightly_recompute(night.replace(hour=3)) == 2
    assert analysis.nightly_recompute(night.replace(hour=4)) == 0  # once per day
    assert sorted(t.kwargs["network_id"] for t in deferred_tasks) == sorted([network.pk, other.pk])
    assert all(t.task.run_after is None for t in deferred_tasks)  # at once, not debounced
    assert analysis.nightly_recompute(night + timedelta(days=1, hours=2)) == 2


@pytest.mark.parametrize("url", PAGES)
def test_page_query_count_is_the_same_for_1_and_many_partners_and_meetings(
    client, network, coordinator, url
):
    client.force_login(coordinator)
    counts = []
    for partners, meetings, prefix in [(1, 1, "Een"), (25, 12, "Veel")]:
        partners_who_met(network, partners, meetings, prefix)
        analysis.recompute(network)
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_health_uses_the_stored_graph_with_the_same_facts(network):
    from wijknet.graph.analysis import compute as graph_compute
    from wijknet.health.snapshot import load_snapshot

    a, b, c = (f.partner(network, name) for name in ("Alfa", "Bravo", "Charlie"))
    f.member(network, "coordinator", organisation=b.organisation)
    f.meeting(network, timezone.localdate() - timedelta(days=3), attended=[a, b])
    f.meeting(network, timezone.localdate() - timedelta(days=2), attended=[b, c])
    built = load_snapshot(network)
    with scope(network=network):
        stored = load_snapshot(network, graph=graph_compute(network))
    assert built.cut_points == stored.cut_points == (("Bravo", (("Alfa",), ("Charlie",))),)
    assert built.hub_shares == stored.hub_shares == (("Bravo", 1.0),)
