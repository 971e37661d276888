import re
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from wijknet.actions.models import Action, Success
from wijknet.meetings.models import Attendance, Meeting
from wijknet.networkfile.exporter import export_network
from wijknet.networkfile.importer import import_network
from wijknet.networks.models import Membership, Network, Partner

SMALL = Path(__file__).with_name("small.yaml")


def small() -> dict:
    return yaml.safe_load(SMALL.read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_small_file_imports_with_history(roadmap):
    report = import_network(small())
    assert report.ok, report.problems
    network = Network.objects.get(slug="klein-netwerk")
    assert network.theme_list == ["Bewegen", "Ontmoeting"]
    with scope(network=network):
        left = Partner.objects.get(organisation__name="Woningbouw Hoek")
        assert str(left.left_on) == "2025-09-30" and left.left_reason == "Geen capaciteit meer."
        assert left.organisation.sector == "woningcorporatie"
        old = Membership.objects.get(user__email="oud@klein.example.org")
        assert old.ended_at is not None
        creator = Membership.objects.get(user__email="trekker@klein.example.org")
        assert creator.role == "coordinator" and creator.organisation.name == "Welzijn De Hoek"
        assert not creator.user.has_usable_password()
        aftrap = Meeting.objects.get(title="Aftrap")
        assert Attendance.objects.filter(meeting=aftrap, present=True).count() == 2
        assert Attendance.objects.filter(meeting=aftrap).count() == 3
        assert not Attendance.objects.filter(meeting__title="Kerngroep online").exists()
        assert str(Action.objects.get(title="Route uitzetten").completed_on) == "2025-02-25"
        assert Success.objects.get().shared_at is not None


@pytest.mark.django_db
def test_small_file_round_trips_through_export(roadmap):
    original = small()
    assert import_network(original).ok
    exported = export_network(Network.objects.get(slug="klein-netwerk"))
    again = yaml.safe_load(yaml.safe_dump(exported, allow_unicode=True, sort_keys=False))
    again["network"]["slug"] = "klein-netwerk-2"
    assert import_network(again).ok
    second = export_network(Network.objects.get(slug="klein-netwerk-2"))
    second["network"]["slug"] = exported["network"]["slug"]
    assert second == exported
    # Everything in the hand-written file survives (dates as strings in the export).
    assert [p["name"] for p in exported["partners"]] == sorted(
        p["name"] for p in original["partners"]
    )
    assert exported["members"][1]["ended_at"] == "2025-10-01T09:30:00+02:00"
    assert [f["amount"] for f in exported["funding"]] == ["5000.00", "1200.50"]
    assert len(exported["agreement_versions"]) == 2
    assert exported["actions"][0]["title"] == "Ruimte regelen"
    # Version 2: who declined, working groups with their people, roles discussed.
    assert exported["declined_partners"] == [
        {
            "name": "Gezondheidscentrum De Hoek",
            "sector": "huisartsenzorg",
            "asked_on": "2025-01-10",
            "declined_on": "2025-01-20",
            "reason": "Geen tijd.",
        }
    ]
    group = exported["working_groups"][0]
    assert [m["name"] for m in group["members"]] == ["Fatima Bewoner", "Kees Fysio"]
    assert group["members"][1]["left_on"] == "2025-06-30"
    assert [m.get("roles_discussed", False) for m in exported["meetings"]] == [True, False]


@pytest.mark.django_db
def test_a_version_1_file_still_imports_without_the_keys_of_version_2(roadmap):
    data = small()
    data["format"] = "wijknet-network/1"
    del data["declined_partners"], data["working_groups"]
    del data["meetings"][0]["roles_discussed"]
    assert import_network(data).ok
    data = small()
    data["format"] = "wijknet-network/1"
    data["network"]["slug"] = "klein-netwerk-v1"
    problems = {p.path: p.message for p in import_network(data).problems}
    assert problems == {
        "declined_partners": "Onbekend veld.",
        "working_groups": "Onbekend veld.",
        "meetings[0].roles_discussed": "Onbekend veld.",
    }


@pytest.mark.django_db
def test_history_of_version_2_is_validated(roadmap):
    data = small()
    data["declined_partners"][0]["declined_on"] = "2025-01-01"  # before it was asked
    data["declined_partners"].append({"name": "X", "sector": "bakkerij"})
    data["working_groups"][0]["members"][1]["left_on"] = "2025-01-01"
    data["working_groups"].append({"name": "werkgroep Wandelen", "started_on": "2025-03-01"})
    problems = {p.path for p in import_network(data).problems}
    assert problems == {
        "declined_partners[0].declined_on",
        "declined_partners[1].sector",
        "declined_partners[1].declined_on",
        "working_groups[0].members[1].left_on",
        "working_groups[1].name",
    }


def _broken() -> dict:
    data = small()
    data["network"]["phase"] = "dromen"  # not a phase
    data["partners"][1]["joined_on"] = "31-02-2025"  # not a date
    data["members"][1]["role"] = "baas"  # not a role
    data["meetings"][0]["present"].append("Bakkerij Bol")  # not a partner
    data["meetings"][1]["present"] = ["Huisartsen De Hoek"]  # not invited
    data["meetings"][1]["starts_at"] = "2025-06-03T10:00:00"  # no time zone
    data["goals"][0]["actions"][0]["owner"] = "niemand@example.org"  # not a member
    data["goals"][0]["actions"][0]["meeting"]["date"] = "2025-02-11"  # no such meeting
    data["step_progress"][1]["step"] = "bestaat-niet"  # not in the step plan
    data["funding"][0]["amount"] = -5
    data["partners"][0]["colour"] = "blauw"  # unknown field
    return data


EXPECTED = {
    "network.phase",
    "partners[1].joined_on",
    "members[1].role",
    "meetings[0].present[2]",
    "meetings[1].present[0]",
    "meetings[1].starts_at",
    "goals[0].actions[0].owner",
    "goals[0].actions[0].meeting",
    "step_progress[1].step",
    "funding[0].amount",
    "partners[0].colour",
}


@pytest.mark.django_db
def test_broken_file_imports_nothing_and_lists_every_problem(roadmap):
    from django.contrib.auth import get_user_model

    users_before = get_user_model().objects.count()
    report = import_network(_broken())
    assert not report.ok and report.network is None
    assert {p.path for p in report.problems} == EXPECTED
    assert all(p.message for p in report.problems)
    assert Network.objects.count() == 0
    assert get_user_model().objects.count() == users_before
    with scopes_disabled():
        assert Partner.objects.count() == 0


@pytest.mark.django_db
def test_taken_slug_is_refused(roadmap):
    assert import_network(small()).ok
    report = import_network(small())
    assert [p.path for p in report.problems] == ["network.slug"]
    assert "al een netwerk" in report.problems[0].message
    assert Network.objects.count() == 1


@pytest.mark.django_db
def test_a_decision_communicated_before_its_meeting_in_local_time(roadmap):
    data = small()
    data["meetings"][0]["starts_at"] = "2025-02-10T23:30:00-05:00"  # 11 Feb in Amsterdam
    data["meetings"][0]["decisions"][0]["communicated_on"] = "2025-02-10"
    data["goals"][0]["actions"][0]["meeting"]["date"] = "2025-02-11"
    report = import_network(data)
    assert [p.path for p in report.problems] == ["meetings[0].decisions[0].communicated_on"]


@pytest.mark.django_db
def test_a_refusal_by_a_service_rolls_everything_back(roadmap, monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from wijknet.actions import services

    def refuse(**kwargs):
        raise ValidationError("Geweigerd door de service.")

    monkeypatch.setattr(services, "success_create", refuse)
    report = import_network(small())
    assert not report.ok
    assert [str(p) for p in report.problems] == ["successes[0]: Geweigerd door de service."]
    assert Network.objects.count() == 0
    assert get_user_model().objects.count() == 0
    with scopes_disabled():
        assert Meeting.objects.count() == 0


# Commands ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_command_prints_the_report(roadmap, capsys):
    call_command("import_network", str(SMALL))
    out = capsys.readouterr().out
    assert "Netwerk Klein Netwerk (klein-netwerk) geïmporteerd" in out
    assert "partners: 3" in out and "bijeenkomsten: 2" in out


@pytest.mark.django_db
def test_import_command_fails_with_every_problem_and_exit_code(roadmap, tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(_broken(), allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_network", str(broken))
    assert raised.value.returncode == 1
    assert "niets geïmporteerd" in str(raised.value)
    err = capsys.readouterr().err
    for path in EXPECTED:
        assert re.search(rf"^  regel \d+, {re.escape(path)}: ", err, re.MULTILINE), path
    assert Network.objects.count() == 0


@pytest.mark.django_db
def test_import_command_on_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="niet lezen"):
        call_command("import_network", str(tmp_path / "nope.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldige YAML"):
        call_command("import_network", str(bad))
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_network", str(empty))


@pytest.mark.django_db
def test_export_command_to_stdout_and_file(roadmap, tmp_path, capsys):
    assert import_network(small()).ok
    call_command("export_network", "klein-netwerk")
    printed = yaml.safe_load(capsys.readouterr().out)
    assert printed["format"] == "wijknet-network/2"
    target = tmp_path / "out.yaml"
    call_command("export_network", "klein-netwerk", "-o", str(target))
    assert "geschreven naar" in capsys.readouterr().out
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == printed
    with pytest.raises(CommandError, match="Geen netwerk") as raised:
        call_command("export_network", "bestaat-niet")
    assert raised.value.returncode == 1
