"""The rules over the network's people and history (issue 16): a key partner that declined,
working-group churn, roles and expectations never discussed. Each fires and stays silent."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from wijknet.health import rules
from wijknet.health.models import DeclinedPartner, WorkingGroup, WorkingGroupMember

from . import factories as f
from .test_rules import codes, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def net(network, today):
    network.start_date = today - timedelta(days=730)
    network.save()
    return network


def declined(network, name, sector, day, reason=""):
    with scope(network=network):
        return DeclinedPartner.objects.create(
            network=network, organisation=name, sector=sector, declined_on=day, reason=reason
        )


class TestKeyPartnerDeclined:
    def test_a_declined_gp_replaces_missing(self, net, today):
        declined(
            net,
            "Gezondheidscentrum Oost",
            "huisartsenzorg",
            today - timedelta(days=40),
            "Geen tijd.",
        )
        [signal] = run(rules.rule_huisarts, net, today)
        assert signal.code == "key_partner_declined"  # not huisarts_missing
        assert signal.severity == rules.HIGH
        assert signal.title == "Huisartsenzorg is gevraagd en heeft afgezegd"
        assert signal.evidence == (
            f"Gezondheidscentrum Oost zei af op {rules.d(today - timedelta(days=40))}: Geen tijd.",
            "Er is geen actieve partner uit de sector huisartsenzorg.",
        )
        assert "aan de tijd ontbrak" in signal.advice
        assert "002 §4.1 Leiden" in signal.source

    def test_silent_when_another_gp_takes_part(self, net, today):
        declined(net, "Gezondheidscentrum Oost", "huisartsenzorg", today - timedelta(days=40))
        f.partner(net, "Huisartsen Oost", sector="huisartsenzorg", commitment_operational="strong")
        assert run(rules.rule_huisarts, net, today) == []

    def test_never_asked_stays_missing(self, net, today):
        declined(net, "Bakkerij", "overig", today)
        assert codes(run(rules.rule_huisarts, net, today)) == ["huisarts_missing"]

    def test_a_refusal_after_the_date_does_not_count_yet(self, net, today):
        declined(net, "Sociaal wijkteam Oost", "sociaal_wijkteam", today)
        earlier = today - timedelta(days=1)
        assert codes(run(rules.rule_sociaal_wijkteam, net, earlier)) == ["sociaal_wijkteam_missing"]
        assert codes(run(rules.rule_sociaal_wijkteam, net, today)) == ["key_partner_declined"]


def group(network, started, people):
    """people: (name, joined_on, left_on or None)."""
    with scope(network=network):
        g = WorkingGroup.objects.create(network=network, name="Actieleergroep", started_on=started)
        for name, joined, left in people:
            WorkingGroupMember.objects.create(
                network=network, group=g, name=name, joined_on=joined, left_on=left
            )
    return g


class TestWorkingGroupChurn:
    def test_people_coming_and_going_fire(self, net, today):
        start = today - timedelta(days=500)
        d = lambda n: today - timedelta(days=n)  # noqa: E731
        group(
            net,
            start,
            [
                ("Anna", start, None),
                ("Bert", start, d(200)),
                ("Cor", d(150), d(60)),
                ("Dina", d(50), None),
            ],
        )
        [signal] = run(rules.rule_working_group_churn, net, today)
        assert signal.title == "De samenstelling van werkgroep Actieleergroep wisselt sterk"
        assert signal.evidence == (
            "4 wisselingen in het afgelopen jaar bij 4 mensen in de werkgroep.",
            f"Bert stopte op {rules.d(d(200))}.",
            f"Cor kwam erbij op {rules.d(d(150))}.",
            f"Cor stopte op {rules.d(d(60))}.",
            f"Dina kwam erbij op {rules.d(d(50))}.",
        )
        assert "actieleergroep" in signal.advice and "Wijchen" in signal.source

    def test_a_steady_group_and_its_start_are_silent(self, net, today):
        start = today - timedelta(days=60)  # people joining in the first months do not count
        group(net, start, [(n, start + timedelta(days=i * 10), None) for i, n in enumerate("ABCD")])
        assert run(rules.rule_working_group_churn, net, today) == []

    def test_a_group_that_ended_is_silent(self, net, today):
        g = group(
            net,
            today - timedelta(days=400),
            [("A", today - timedelta(days=100), today - timedelta(days=20))] * 4,
        )
        with scope(network=net):
            WorkingGroup.objects.filter(pk=g.pk).update(ended_on=today - timedelta(days=10))
        assert run(rules.rule_working_group_churn, net, today) == []


class TestRolesNotDiscussed:
    def test_never_discussed_fires(self, net, today):
        f.meeting(net, today - timedelta(days=30))
        [signal] = run(rules.rule_roles_not_discussed, net, today)
        assert signal.evidence == (
            "Op geen enkele bijeenkomst zijn rollen en verwachtingen besproken.",
            "Er is geen samenwerkingsafspraak met rollen per partner.",
        )
        assert "rol-onduidelijkheid" in signal.advice and "Wijchen" in signal.source

    def test_discussed_long_ago_fires_with_the_date(self, net, today):
        old = today - timedelta(days=400)
        f.meeting(net, old, roles_discussed=True)
        [signal] = run(rules.rule_roles_not_discussed, net, today)
        assert signal.evidence[0] == (
            f"Rollen en verwachtingen zijn het laatst besproken op {rules.d(old)}."
        )

    def test_a_recent_meeting_or_agreement_with_roles_is_enough(self, net, today):
        f.meeting(net, today - timedelta(days=100), roles_discussed=True)
        assert run(rules.rule_roles_not_discussed, net, today) == []

    def test_a_recent_agreement_with_roles_is_enough(self, net, today):
        f.agreement(net, terms=[f.partner(net, "Welzijn Oost")])
        assert run(rules.rule_roles_not_discussed, net, today) == []

    def test_a_young_network_is_left_alone(self, network, today):
        network.start_date = today - timedelta(days=100)
        network.save()
        assert run(rules.rule_roles_not_discussed, network, today) == []
