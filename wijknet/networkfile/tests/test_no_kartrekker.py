"""A network without a current kartrekker can be written, imported and exported again, and the
health monitor raises the missing-kartrekker signal on it (issue 16; seed 002 §4.2 Wijchen:
"het ontbreken van een kartrekker, aanjager of regiehouder")."""

import copy
from datetime import date

import pytest
import yaml
from django_scopes import scope

from wijknet.health import rules
from wijknet.health.snapshot import load_snapshot
from wijknet.networkfile.exporter import export_network
from wijknet.networkfile.importer import import_network
from wijknet.networkfile.validate import validate
from wijknet.networks.models import Membership, Network

from .test_files import small

pytestmark = pytest.mark.django_db


def _vacant() -> dict:
    """The small file, whose kartrekker left on 1 November 2025 with nobody after her."""
    data = small()
    data["members"][0]["ended_at"] = "2025-11-01T12:00:00+01:00"
    return data


def _never() -> dict:
    """The small file without any kartrekker: Tessa is a core member."""
    data = small()
    data["members"][0]["role"] = "core"
    return data


def _no_kartrekker_signal(network, today=date(2026, 1, 15)):
    snapshot = load_snapshot(network, today)
    return rules.rule_no_kartrekker(snapshot, rules.DEFAULTS)


def test_a_kartrekker_who_left_imports_and_the_monitor_sees_it(roadmap):
    report = import_network(_vacant())
    assert report.ok, report.problems
    network = Network.objects.get(slug="klein-netwerk")
    with scope(network=network):
        tessa = Membership.objects.get(user__email="trekker@klein.example.org")
        assert tessa.role == "coordinator" and tessa.ended_at is not None
        assert tessa.organisation.name == "Welzijn De Hoek"
        assert not Membership.objects.filter(role="coordinator", ended_at__isnull=True).exists()
        # Her other facts still went through the services as her.
        assert Membership.objects.filter(ended_at__isnull=True).count() == 1
    [signal] = _no_kartrekker_signal(network)
    assert signal.severity == rules.HIGH
    assert signal.evidence[1] == (
        "De laatste kartrekker, Tessa Trekker, stopte op 1 november 2025; "
        "sindsdien is de rol niet ingevuld."
    )


def test_a_network_that_never_had_a_kartrekker_imports(roadmap):
    report = import_network(_never())
    assert report.ok, report.problems
    network = Network.objects.get(slug="klein-netwerk")
    with scope(network=network):
        tessa = Membership.objects.get(user__email="trekker@klein.example.org")
        assert tessa.role == "core" and tessa.ended_at is None
        assert not Membership.objects.filter(role="coordinator").exists()
    [signal] = _no_kartrekker_signal(network)
    assert len(signal.evidence) == 1


@pytest.mark.parametrize("build", [_vacant, _never])
def test_without_kartrekker_round_trips(roadmap, build):
    assert import_network(build()).ok
    exported = export_network(Network.objects.get(slug="klein-netwerk"))
    again = yaml.safe_load(yaml.safe_dump(exported, allow_unicode=True, sort_keys=False))
    again["network"]["slug"] = "klein-netwerk-2"
    report = import_network(again)
    assert report.ok, report.problems
    second = export_network(Network.objects.get(slug="klein-netwerk-2"))
    second["network"]["slug"] = exported["network"]["slug"]
    assert second == exported
    assert not any(m["role"] == "coordinator" and "ended_at" not in m for m in exported["members"])


def test_a_file_needs_at_least_one_member():
    data = copy.deepcopy(small())
    data["members"] = []
    data["goals"], data["actions"] = [], []
    for meeting in data["meetings"]:
        meeting.pop("chair", None)
    problems = validate(data).problems
    assert ("members", "Er moet minstens één lid bij zijn.") in [
        (p.path, p.message) for p in problems
    ]


def test_origin_round_trips_and_reaches_the_monitor(roadmap):
    data = small()
    data["network"].update(
        origin="outside",
        initiators="HAN en Zorg en Zekerheid",
        kartrekker_base="elders",
        other_projects=["Welzijn op recept", "FACT-team"],
    )
    assert import_network(data).ok
    network = Network.objects.get(slug="klein-netwerk")
    assert (network.origin, network.kartrekker_base) == ("outside", "elders")
    exported = export_network(network)
    assert exported["network"]["origin"] == "outside"
    assert exported["network"]["initiators"] == "HAN en Zorg en Zekerheid"
    assert exported["network"]["kartrekker_base"] == "elders"
    assert exported["network"]["other_projects"] == ["Welzijn op recept", "FACT-team"]
    assert network.other_projects == "Welzijn op recept\nFACT-team"
    [signal] = rules.rule_origin_not_local(
        load_snapshot(network, date(2026, 1, 15)), rules.DEFAULTS
    )
    assert signal.code == "origin_not_local"


def test_origin_without_it_is_left_out_and_a_wrong_value_refused(roadmap):
    assert "origin" not in small()["network"]
    data = small()
    data["network"]["origin"] = "zijwaarts"
    [problem] = validate(data).problems
    assert problem.path == "network.origin"
