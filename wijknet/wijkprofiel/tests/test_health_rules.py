"""The health monitor's wijkprofiel rules (wijknet/health/rules.py): they fire and stay silent."""

import pytest
from django.utils import timezone, translation
from django_scopes import scope

from wijknet.actions.models import Goal, GoalStatus
from wijknet.health import rules
from wijknet.health.snapshot import load_snapshot
from wijknet.wijkprofiel import services

pytestmark = pytest.mark.django_db


def run(rule, network):
    today = timezone.localdate()
    return rule(load_snapshot(network, today), rules.effective_settings({}))


def test_no_area_fires_with_the_networks_own_area_name(network):
    network.area_name = "Oosterstad-Oost"
    network.save()
    [signal] = run(rules.rule_no_wijkprofiel, network)
    assert (signal.code, signal.severity) == ("no_wijkprofiel", rules.MEDIUM)
    assert signal.title == "Het netwerk heeft nog geen cijfers over zijn wijk"
    assert signal.evidence == (
        "Het netwerk werkt in Oosterstad-Oost, maar is nog niet gekoppeld aan de CBS-code "
        "van dat gebied.",
    )
    assert signal.advice.startswith("Begin bij wat er speelt in de wijk.")
    assert "002 Aanbeveling 1" in signal.source
    with translation.override("en"):
        assert signal.title == "The network has no figures about its neighbourhood yet"


def test_no_area_without_a_name(network):
    network.area_name = ""
    network.save()
    [signal] = run(rules.rule_no_wijkprofiel, network)
    assert signal.evidence == (
        "Er is nog geen gebied (CBS-code van wijk, buurt of gemeente) aan het netwerk gekoppeld.",
    )


def test_a_linked_area_silences_it(network, coordinator):
    with scope(network=network):
        services.area_link(acting_user=coordinator, network=network, code="GM9901")
    assert run(rules.rule_no_wijkprofiel, network) == []


def test_goals_without_indicator_fires_and_stays_silent(network, coordinator):
    # no area: the other rule speaks, this one is silent
    with scope(network=network):
        Goal.objects.create(network=network, title="Meer bewegen")
        Goal.objects.create(network=network, title="Minder eenzaam")
        dropped = Goal.objects.create(network=network, title="Oud", status=GoalStatus.DROPPED)
    assert run(rules.rule_goals_without_indicator, network) == []
    with scope(network=network):
        services.area_link(acting_user=coordinator, network=network, code="WK990101")
    [signal] = run(rules.rule_goals_without_indicator, network)
    assert (signal.code, signal.severity) == ("goals_without_indicator", rules.LOW)
    assert signal.evidence == (
        "Lopend doel zonder cijfer uit het wijkprofiel: 'Meer bewegen'.",
        "Lopend doel zonder cijfer uit het wijkprofiel: 'Minder eenzaam'.",
    )
    # a dropped goal's link does not count
    with scope(network=network):
        services.goal_indicator_link(
            acting_user=coordinator,
            network=network,
            goal=dropped,
            indicator="eenzaam",
            area_code="WK990101",
        )
    assert codes(run(rules.rule_goals_without_indicator, network)) == ["goals_without_indicator"]
    with scope(network=network):
        goal = Goal.objects.get(title="Meer bewegen")
        services.goal_indicator_link(
            acting_user=coordinator,
            network=network,
            goal=goal,
            indicator="beweegrichtlijn",
            area_code="WK990101",
        )
    assert run(rules.rule_goals_without_indicator, network) == []


def test_no_open_goals_is_left_to_goals_not_concrete(network, coordinator):
    with scope(network=network):
        services.area_link(acting_user=coordinator, network=network, code="WK990101")
    assert run(rules.rule_goals_without_indicator, network) == []


def codes(signals):
    return [s.code for s in signals]
