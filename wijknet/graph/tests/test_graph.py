from datetime import timedelta

import networkx as nx
import pytest
from django.utils import timezone
from django_scopes import scope

from tests.factories import MembershipFactory, PartnerFactory
from wijknet.actions.models import Action, Goal
from wijknet.core import analysis
from wijknet.graph import queries, services
from wijknet.graph.analysis import analyse
from wijknet.graph.models import DesiredRelation
from wijknet.meetings.models import Attendance, Meeting


def chain():
    """A – B – C, plus D alone: B holds the network together."""
    graph = nx.Graph()
    for node, name in enumerate("ABCD", start=1):
        graph.add_node(node, name=name)
    graph.add_edge(1, 2, weight=1)
    graph.add_edge(2, 3, weight=2)
    return graph


def test_analysis_finds_the_cut_point_bridges_and_isolated_partners():
    result = analyse(chain(), hubs=[2])
    assert [(c.name, c.parts) for c in result.cut_points] == [("B", [["A"], ["C"]])]
    assert result.bridges == [(1, 2), (2, 3)]
    assert result.isolated == [4]
    assert result.components == 2
    # All shortest paths between connected partners (A–C) run through B: 1 of 3 pairs.
    assert result.hub_share == {2: pytest.approx(1 / 3)}
    assert result.degree == {1: 1, 2: 2, 3: 1, 4: 0}


def test_a_triangle_has_no_cut_point():
    graph = chain()
    graph.add_edge(1, 3, weight=1)
    result = analyse(graph)
    assert result.cut_points == [] and result.bridges == []


def meeting(network, *present):
    m = Meeting.objects.create(
        network=network,
        kind="network",
        title="Overleg",
        starts_at=timezone.now() - timedelta(days=3),
    )
    for partner in present:
        Attendance.objects.create(network=network, meeting=m, partner=partner, present=True)
    return m


@pytest.mark.django_db
def test_graph_from_meetings_and_goals(network, coordinator):
    a, b, c, gone = (PartnerFactory(network=network, organisation__name=n) for n in "ABCX")
    gone.left_on = timezone.localdate()
    gone.save()
    with scope(network=network):
        meeting(network, a, b, gone)
        meeting(network, a, b)
        goal = Goal.objects.create(network=network, title="Meer bewegen")
        for partner in (b, c):
            Action.objects.create(network=network, goal=goal, title="Doen", owner_partner=partner)
        graph = queries.collaboration_graph(network)
    assert sorted(graph.nodes[n]["name"] for n in graph) == ["A", "B", "C"]
    assert graph[a.pk][b.pk] == {"weight": 2, "meetings": 2, "actions": 0}
    assert graph[b.pk][c.pk] == {"weight": 1, "meetings": 0, "actions": 1}
    assert not graph.has_edge(a.pk, c.pk)


@pytest.mark.django_db
def test_graph_page_explains_the_cut_point_and_missing_relation(client, network, coordinator):
    a, b, c = (
        PartnerFactory(network=network, organisation__name=n)
        for n in ("Huisarts", "Welzijn", "Sportclub")
    )
    with scope(network=network):
        meeting(network, a, b)
        meeting(network, b, c)
        services.desired_relation_add(
            acting_user=coordinator,
            network=network,
            partner_a=c,
            partner_b=a,
            note="Beweegverwijzing",
        )
    client.force_login(coordinator)
    html = client.get("/n/gezond-oost/samenwerking/").content.decode()
    assert "<strong>Welzijn</strong>: als deze partner wegvalt" in html
    assert "<li>Huisarts – Welzijn</li>" in html and "<li>Sportclub – Welzijn</li>" in html
    assert "Beweegverwijzing" in html and "ontbreekt nog" in html
    # The terms are explained in words, and the focus mode has a keyboard-usable list.
    assert "Zo lees je de tekening" in html
    assert "Hoe vaak een partner op de kortste weg tussen twee andere partners ligt" in html
    assert "Groepen partners die onderling wel samenwerken" in html
    assert 'id="graph-focus-select"' in html and "Eén partner uitlichten" in html
    data = client.get("/n/gezond-oost/samenwerking/graaf.json").json()
    kinds = sorted(e.get("classes", "") for e in data["elements"] if "source" in e["data"])
    assert kinds == ["", "", "desired"]
    assert any(
        e["classes"] == "cut" and e["data"]["label"] == "Welzijn"
        for e in data["elements"]
        if "label" in e["data"]
    )


@pytest.mark.django_db
def test_kartrekker_share(network, coordinator):
    from wijknet.networks.models import Membership

    hub, x, y = (PartnerFactory(network=network, organisation__name=n) for n in "HXY")
    with scope(network=network):
        Membership.objects.filter(user=coordinator).update(organisation=hub.organisation)
        meeting(network, hub, x)
        meeting(network, hub, y)
        assert queries.kartrekker_partners(network) == [hub.pk]
        result = analyse(queries.collaboration_graph(network), queries.kartrekker_partners(network))
    # X and Y only meet through H: the one pair of other partners depends on the kartrekker.
    assert result.hub_share == {hub.pk: 1.0}


@pytest.mark.django_db
def test_desired_relation_rules(client, network, coordinator, other_network):
    a, b = PartnerFactory(network=network), PartnerFactory(network=network)
    foreign = PartnerFactory(network=other_network)
    client.force_login(coordinator)
    same = client.post("/n/gezond-oost/samenwerking/", {"partner_a": a.pk, "partner_b": a.pk})
    assert "Kies twee verschillende partners." in same.content.decode()
    other = client.post(
        "/n/gezond-oost/samenwerking/", {"partner_a": a.pk, "partner_b": foreign.pk}
    )
    assert "Selecteer een geldige keuze" in other.content.decode()  # Django's own Dutch
    client.post("/n/gezond-oost/samenwerking/", {"partner_a": b.pk, "partner_b": a.pk})
    again = client.post("/n/gezond-oost/samenwerking/", {"partner_a": a.pk, "partner_b": b.pk})
    assert "Deze gewenste relatie staat er al." in again.content.decode()
    with scope(network=network):
        relation = DesiredRelation.objects.get()
    assert (relation.partner_a, relation.partner_b) == tuple(sorted([a, b], key=lambda p: p.pk))
    delete_url = f"/n/gezond-oost/samenwerking/gewenst/{relation.uuid}/verwijderen/"
    asked = client.post(delete_url)  # the button on the graph page asks first
    assert "Gewenste relatie verwijderen?" in asked.content.decode()
    with scope(network=network):
        assert DesiredRelation.objects.exists()
    client.post(delete_url, {"confirm": "1"})
    with scope(network=network):
        assert not DesiredRelation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("meetings", [1, 3])
def test_graph_page_query_count(client, network, coordinator, django_assert_num_queries, meetings):
    partners = [PartnerFactory(network=network) for _ in range(3)]
    MembershipFactory(network=network, role="partner")
    with scope(network=network):
        for _ in range(meetings):
            meeting(network, *partners)
    analysis.recompute(network)  # the task, as after the changes
    client.force_login(coordinator)
    # Session, user, membership, the stored analysis (fresh: one query), the desired
    # relations; the form's partners only with ?toevoegen=1. Was 9 when the graph was built in
    # the request.
    with django_assert_num_queries(5):
        assert client.get("/n/gezond-oost/samenwerking/").status_code == 200


def test_graph_drawing_keeps_labels_readable_and_has_a_focus_mode():
    """The script's promises (issue 14): labels ≥ 12 px on screen at any zoom, a spreading
    layout, and a focus mode for one partner."""
    from pathlib import Path

    script = (Path(__file__).parents[2] / "static" / "js" / "graph.js").read_text()
    size = int(script.split("var LABEL_PX = ")[1].split(";")[0])
    assert size >= 12
    assert "Math.max(LABEL_PX, LABEL_PX / cy.zoom())" in script
    assert 'name: "cose"' in script and "nodeRepulsion" in script
    assert "closedNeighborhood" in script and "function focusOn" in script


@pytest.mark.django_db
def test_graph_page_lists_are_bounded_and_the_form_is_on_demand(client, network, coordinator):
    """25 unconnected partners: the table shows 20 (show all pages through them), the
    "not connected yet" line names 20 and counts the rest; the form's partner lists (every
    partner, twice) are only rendered when asked for."""
    for n in range(25):
        PartnerFactory(network=network, organisation__name=f"Org {n:02d}")
    analysis.recompute(network)
    client.force_login(coordinator)
    html = client.get("/n/gezond-oost/samenwerking/").content.decode()
    table = html[html.index("Partners en hun verbindingen") : html.index("</table>")]
    assert table.count("<tr><td>") == 20
    assert "Toon alle 25" in html
    assert "en nog 5 partners" in html
    assert "25 actieve partners" in html
    assert 'name="partner_a"' not in html and "?toevoegen=1" in html
    form = client.get("/n/gezond-oost/samenwerking/?toevoegen=1").content.decode()
    assert 'name="partner_a"' in form
    all_rows = client.get("/n/gezond-oost/samenwerking/?alle=partners&page=1").content.decode()
    table = all_rows[all_rows.index("Partners en hun verbindingen") : all_rows.index("</table>")]
    assert table.count("<tr><td>") == 25
