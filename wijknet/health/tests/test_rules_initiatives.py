"""The rules about residents' ideas (wijknet.initiatives): each fires on data that should
trigger it and stays silent otherwise."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from wijknet.health import rules
from wijknet.health.snapshot import load_snapshot
from wijknet.initiatives.models import Initiative, InitiativeSettings

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def net(network, today):
    network.start_date = today - timedelta(days=730)
    network.save()
    return network


def run(rule, network, today, **overrides):
    return rule(load_snapshot(network, today), rules.effective_settings(overrides))


def idea(network, title, *, weeks_ago=0, role="citizen", status="new", responded=False):
    """An idea brought in `weeks_ago` by a member with `role` (their membership has ended:
    the role when the idea came in is what counts)."""
    user = f.member(network, role, ended_at=timezone.now()).user
    created = timezone.now() - timedelta(weeks=weeks_ago)
    with scope(network=network):
        row = Initiative.objects.create(
            network=network,
            title=title,
            initiator=user,
            initiator_role=role,
            status=status,
            responded_at=created + timedelta(days=1) if responded else None,
        )
        Initiative.objects.filter(pk=row.pk).update(created_at=created)
    return row


class TestResidentInvolvement:
    def test_a_residents_idea_counts_as_involvement(self, net, today):
        f.member(net, "partner")
        idea(net, "Buurtbankje")
        assert run(rules.rule_no_citizens, net, today) == []

    def test_a_professionals_idea_does_not(self, net, today):
        f.member(net, "partner")
        idea(net, "Nieuwe folder", role="partner")
        assert [s.code for s in run(rules.rule_no_citizens, net, today)] == ["no_citizens"]

    def test_ideas_taken_up_are_bottom_up_evidence(self, net, today):
        net.origin = "top_down"
        net.save()
        idea(net, "Moestuin", status="picked_up", responded=True)
        assert run(rules.rule_origin_not_local, net, today) == []

    def test_ideas_not_taken_up_are_not(self, net, today):
        net.origin = "top_down"
        net.save()
        idea(net, "Moestuin", status="declined", responded=True)
        [signal] = run(rules.rule_origin_not_local, net, today)
        assert signal.code == "origin_not_local"


class TestIdeasUnanswered:
    def test_fires_for_residents_ideas_past_the_term(self, net, today):
        late = idea(net, "Wandelgroep", weeks_ago=5)
        idea(net, "Vers idee", weeks_ago=1)
        [signal] = run(rules.rule_ideas_unanswered, net, today)
        stored = Initiative._base_manager.get(pk=late.pk)
        day = rules.d(timezone.localtime(stored.created_at).date())
        assert signal.evidence == (
            f"'Wandelgroep', ingebracht op {day}, heeft nog geen reactie "
            "(afgesproken: binnen 4 weken).",
        )
        assert signal.severity == rules.MEDIUM
        assert "regie en het eigenaarschap bij de burger" in signal.advice
        assert "Aanbeveling 1" in signal.source

    def test_silent_when_answered_or_within_the_networks_term(self, net, today):
        idea(net, "Beantwoord", weeks_ago=6, status="in_talks", responded=True)
        idea(net, "Lang termijn", weeks_ago=5)
        with scope(network=net):
            InitiativeSettings.objects.create(network=net, response_weeks=8)
        assert run(rules.rule_ideas_unanswered, net, today) == []


class TestIdeasNotPickedUp:
    def test_fires_when_no_residents_idea_is_ever_taken_up(self, net, today):
        idea(net, "Een", weeks_ago=10, status="declined", responded=True)
        idea(net, "Twee", weeks_ago=9, status="declined", responded=True)
        idea(net, "Drie", weeks_ago=8, status="in_talks", responded=True)
        [signal] = run(rules.rule_ideas_not_picked_up, net, today)
        assert signal.evidence == (
            "3 ideeën van inwoners zijn langer dan de reactietermijn geleden ingebracht; "
            "geen enkel is opgepakt.",
            "2 daarvan zijn als 'niet opgepakt' beantwoord.",
        )
        assert "Wijchen" in signal.advice and "Leiden" in signal.source

    def test_silent_when_one_was_taken_up_or_too_few(self, net, today):
        idea(net, "Een", weeks_ago=10, status="declined", responded=True)
        idea(net, "Twee", weeks_ago=9, status="declined", responded=True)
        assert run(rules.rule_ideas_not_picked_up, net, today) == []
        idea(net, "Drie", weeks_ago=8, status="done", responded=True)
        assert run(rules.rule_ideas_not_picked_up, net, today) == []
