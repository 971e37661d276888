"""seed_scale multiplies every network-owned table of the demo and adds networks of demo size."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max, Min
from django_scopes import scopes_disabled

from demo.scale import DERIVED, network_models, one_per_network
from wijknet.meetings.models import Meeting
from wijknet.networks.models import Membership, Network, Organisation

pytestmark = pytest.mark.django_db


def counts(network):
    with scopes_disabled():
        return {
            m._meta.label: m._base_manager.filter(network=network).count() for m in network_models()
        }


def test_seed_scale_factor_two_doubles_every_table_and_adds_two_networks(capsys):
    call_command("load_demo")
    oost, zuiderveen = (
        Network.objects.get(slug="gezond-oost"),
        Network.objects.get(slug="zuiderveen"),
    )
    before = {"oost": counts(oost), "zuiderveen": counts(zuiderveen)}
    users_before = get_user_model().objects.count()
    with scopes_disabled():
        first_meeting = Meeting.objects.filter(network=oost).aggregate(Min("starts_at"))
    capsys.readouterr()

    single = {m._meta.label for m in network_models() if one_per_network(m)}
    call_command("seed_scale", "--factor", "2")

    assert "seed_scale ×2:" in capsys.readouterr().out
    after = {"oost": counts(oost), "zuiderveen": counts(zuiderveen)}
    for name in ("oost", "zuiderveen"):
        for label, n in before[name].items():
            expected = n if label in single | DERIVED else 2 * n
            assert after[name][label] == expected, (name, label)
    # The tables the issue names are really there (not all zero) and doubled.
    for label in [
        "networks.Organisation",
        "networks.Partner",
        "networks.Membership",
        "meetings.Meeting",
        "meetings.Attendance",
        "actions.Action",
        "actions.Goal",
        "agreements.FundingSource",
        "scans.ScanRound",
        "scans.ScanInvitation",
        "scans.ScanResponse",
        "referrals.Referral",
        "offers.Offer",
        "casework.Client",
    ]:
        assert before["oost"][label] > 0, label
    assert before["zuiderveen"]["volunteering.HelpRequest"] > 0
    extra = list(Network.objects.filter(slug__startswith="gezond-oost-x").order_by("slug"))
    assert [n.slug for n in extra] == ["gezond-oost-x1", "gezond-oost-x2"]
    for network in extra:
        # Derived tables are never copied (a page or task computes them again); the demo's
        # yearly reflection already computed Gezond Oost's scan results (scans.RoundResult).
        copied = {label: n for label, n in counts(network).items() if label not in DERIVED}
        assert copied == {label: n for label, n in before["oost"].items() if label not in DERIVED}
    # Every copy has its own members (one membership per user and network) ...
    # (one copy inside each demo network, and two new networks copied from Gezond Oost)
    oost_members = before["oost"]["networks.Membership"]
    new_users = 3 * oost_members + before["zuiderveen"]["networks.Membership"]
    assert get_user_model().objects.count() - users_before == new_users
    with scopes_disabled():
        users = Membership.objects.filter(network=oost).values_list("user_id", flat=True)
        assert len(set(users)) == 2 * before["oost"]["networks.Membership"]
        names = Organisation.objects.filter(network=oost).values_list("name", flat=True)
        assert "Buurtzorg Oost" in names and "Buurtzorg Oost 2" in names
        # ... and its history lies further back: spread over time.
        spread = Meeting.objects.filter(network=oost).aggregate(Min("starts_at"), Max("starts_at"))
    assert (first_meeting["starts_at__min"] - spread["starts_at__min"]).days >= 365


def test_seed_scale_runs_once_per_database():
    call_command("load_demo")
    call_command("seed_scale", "--factor", "1")
    with pytest.raises(CommandError, match="already scaled"):
        call_command("seed_scale", "--factor", "1")
