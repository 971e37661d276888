import os

import pytest
from django.core.management import call_command
from django_scopes import scope

from wijknet.networks.models import Network
from wijknet.referrals import queries
from wijknet.referrals.demo import DATA, load_demo_referrals
from wijknet.referrals.models import Referral


@pytest.mark.django_db
def test_demo_referrals_make_a_real_funnel():
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    network = Network.objects.get(slug="gezond-oost")
    load_demo_referrals(network, {})
    assert load_demo_referrals(network, {}) == 0  # idempotent
    with scope(network=network):
        assert Referral.objects.count() == len(DATA["referrals"])
        funnel = queries.funnel(network, *queries.default_period())
    reached = [stage.reached.value for stage in funnel.overall.stages]
    # By hand from referrals/demo.yaml: all 18; all but three reached contact; intake or further
    # (the one that skipped intake counts): 10; started: 9; still active after 3 months: 5.
    assert reached == [18, 15, 10, 9, 5]
    assert {g.key for g in funnel.by_sector} >= {"huisartsenzorg", "paramedisch"}
    assert not funnel.overall.stages[3].median_days.hidden
