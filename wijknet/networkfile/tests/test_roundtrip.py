import copy
import os

import pytest
import yaml
from django.core.management import call_command
from django_scopes import scopes_disabled

from tests.support.shared import shared_rows
from wijknet.core.models import AuditEvent
from wijknet.networkfile.exporter import dump_yaml, export_network
from wijknet.networkfile.importer import import_network
from wijknet.networkfile.loader import load_text
from wijknet.networkfile.validate import validate
from wijknet.networks.models import Network


def _without_slug(data: dict) -> dict:
    data = copy.deepcopy(data)
    data["network"].pop("slug")
    return data


def _renamed(data: dict, slug: str) -> dict:
    data = copy.deepcopy(data)
    data["network"]["slug"] = slug
    return data


@pytest.fixture(scope="module")
def _demo_rows(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (load_demo takes seconds)."""

    def build():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        return Network.objects.get(slug="gezond-oost").pk

    with shared_rows(django_db_blocker, build) as pk:
        yield pk


@pytest.fixture
def demo(db, _demo_rows):
    return Network.objects.get(pk=_demo_rows)


@pytest.mark.django_db
def test_demo_export_validates_and_reimports_under_another_slug(demo):
    exported = export_network(demo)
    # Through YAML text and back, as the commands do.
    data = load_text(dump_yaml(exported))
    # Under its own slug the only problem is that the slug is taken.
    assert [p.path for p in validate(data).problems] == ["network.slug"]
    result = validate(_renamed(data, "gezond-oost-kopie"))
    assert result.problems == []
    report = import_network(_renamed(data, "gezond-oost-kopie"))
    assert report.ok, report.problems
    copy_ = Network.objects.get(slug="gezond-oost-kopie")
    assert report.counts["partners"] == len(exported["partners"])
    assert report.counts["bijeenkomsten"] == len(exported["meetings"]) > 0
    with scopes_disabled():
        assert AuditEvent.objects.filter(network=copy_, action="network.imported").exists()
    assert _without_slug(export_network(copy_)) == _without_slug(exported)


@pytest.mark.django_db
def test_import_export_import_round_trips_unchanged(demo):
    first = yaml.safe_load(dump_yaml(export_network(demo)))
    first["network"]["slug"] = "ronde-1"
    assert import_network(first).ok
    once = export_network(Network.objects.get(slug="ronde-1"))
    assert import_network(_renamed(once, "ronde-2")).ok
    twice = export_network(Network.objects.get(slug="ronde-2"))
    assert _without_slug(twice) == _without_slug(once)
    assert _without_slug(once) == _without_slug(first)


@pytest.mark.django_db
def test_export_covers_every_section(demo):
    data = export_network(demo)
    for section in (
        "partners",
        "members",
        "agreement_versions",
        "funding",
        "meetings",
        "goals",
        "successes",
        "step_progress",
    ):
        assert data[section], section
    meeting = next(m for m in data["meetings"] if m.get("reflection"))
    assert set(meeting["present"]) <= set(meeting["invited"])
    # An action decided at a meeting names that meeting.
    assert any(a.get("meeting", {}).get("title") for g in data["goals"] for a in g["actions"])
    assert data == export_network(demo), "the export is deterministic"


@pytest.mark.django_db
def test_load_demo_imports_zuiderveen_from_its_network_file(demo):
    from django.contrib.auth import get_user_model

    exported = export_network(Network.objects.get(slug="zuiderveen"))
    assert exported["meetings"] and exported["goals"] and exported["step_progress"]
    roles = {m["email"]: m["role"] for m in exported["members"]}
    assert roles == {
        "dorpsondersteuner@demo.wijknet.nl": "coordinator",
        "kerngroep@demo.wijknet.nl": "partner",  # also core member of Gezond Oost
        "s.veenstra@demo.wijknet.nl": "partner",  # the village GP, who refers
    }
    users = get_user_model().objects.filter(email__in=roles)
    assert all(user.check_password("wijknet-demo") for user in users)
