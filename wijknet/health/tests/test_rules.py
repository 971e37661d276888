"""Each rule with data that triggers it and data that does not (built with the models)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from wijknet.core import formatting
from wijknet.health import rules
from wijknet.health.snapshot import load_snapshot

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def net(network, today):
    """Our network, started two years ago (rules ignore very young networks)."""
    network.start_date = today - timedelta(days=730)
    network.save()
    return network


def run(rule, network, today, **overrides):
    return rule(load_snapshot(network, today), rules.effective_settings(overrides))


def codes(signals):
    return [s.code for s in signals]


class TestKartrekker:
    def test_no_current_coordinator(self, net, today):
        f.member(net, "core")
        assert codes(run(rules.rule_no_kartrekker, net, today)) == ["no_kartrekker"]

    def test_a_coordinator_is_enough(self, net, today):
        f.member(net, "coordinator")
        assert run(rules.rule_no_kartrekker, net, today) == []

    def test_ended_coordinator_does_not_count(self, net, today):
        f.member(net, "coordinator", ended_at=timezone.now(), user__full_name="Kees")
        [signal] = run(rules.rule_no_kartrekker, net, today)
        assert signal.evidence[1] == (
            f"De laatste kartrekker, Kees, stopte op {rules.d(today)}; "
            "sindsdien is de rol niet ingevuld."
        )

    def test_coordinator_of_a_partner_organisation_is_not_independent(self, net, today):
        p = f.partner(net, "Welzijn Oost")
        f.member(net, "coordinator", organisation=p.organisation, user__full_name="Anna")
        [signal] = run(rules.rule_kartrekker_not_independent, net, today)
        assert signal.code == "kartrekker_not_independent"
        assert signal.evidence == ("Kartrekker Anna werkt bij partnerorganisatie Welzijn Oost.",)
        assert "onafhankelijk" in signal.advice and "002" in signal.source

    def test_texts_follow_the_readers_language_and_the_fingerprint_does_not(self, net, today):
        from django.utils import translation

        p = f.partner(net, "Welzijn Oost")
        f.member(net, "coordinator", organisation=p.organisation, user__full_name="Anna")
        [signal] = run(rules.rule_kartrekker_not_independent, net, today)
        dutch = signal.fingerprint
        with translation.override("en"):
            assert signal.title == "The kartrekker is not independent of a partner organisation"
            assert signal.evidence == (
                "Kartrekker Anna works for partner organisation Welzijn Oost.",
            )
            assert signal.advice.startswith("It is important that the kartrekker")
            assert signal.fingerprint == dutch
        # Stored as keys and parameters; read back, it renders the same.
        stored = rules.Signal.from_dict(signal.as_dict())
        assert stored.as_dict() == signal.as_dict()
        assert stored.evidence == signal.evidence and stored.fingerprint == dutch
        assert signal.as_dict()["evidence"] == [
            {
                "key": "signals.kartrekker_not_independent.works_at_partner",
                "params": {"name": "Anna", "organisation": "Welzijn Oost"},
            }
        ]

    def test_a_signal_stored_as_dutch_text_still_reads(self):
        old = rules.Signal.from_dict(
            {
                "code": "no_agreement",
                "severity": "high",
                "title": "Er zijn geen afspraken over rollen, tijd en geld",
                "evidence": ["Er is geen samenwerkingsafspraak vastgelegd."],
                "advice": "Sluit een samenwerkingsovereenkomst af.",
                "source": "002 Aanbeveling 1",
            }
        )
        assert old.title == "Er zijn geen afspraken over rollen, tijd en geld"
        assert old.advice == "Sluit een samenwerkingsovereenkomst af."
        # Same evidence, same fingerprint: acknowledgements made before keep holding.
        new = rules.Signal.from_dict(
            {**old.as_dict(), "evidence": [{"key": "signals.no_agreement.none", "params": {}}]}
        )
        assert new.fingerprint == old.fingerprint

    def test_coordinator_without_organisation_or_from_a_citizens_initiative_is_independent(
        self, net, today
    ):
        initiative = f.partner(net, "Zorgcoöperatie", sector="burgerinitiatief")
        f.member(net, "coordinator", organisation=initiative.organisation)
        assert run(rules.rule_kartrekker_not_independent, net, today) == []
        f.partner(net, "Welzijn Oost")
        f.member(net, "coordinator")  # a second one without organisation
        assert run(rules.rule_kartrekker_not_independent, net, today) == []


class TestKeySectors:
    def test_missing_gemeente_zorgverzekeraar_huisarts(self, net, today):
        f.partner(net, "Welzijn Oost")
        assert codes(run(rules.rule_gemeente, net, today)) == ["gemeente_missing"]
        assert codes(run(rules.rule_zorgverzekeraar, net, today)) == ["zorgverzekeraar_missing"]
        assert codes(run(rules.rule_huisarts, net, today)) == ["huisarts_missing"]

    def test_a_partner_that_left_is_missing(self, net, today):
        f.partner(net, "Gemeente", sector="gemeente", left_on=today)
        assert codes(run(rules.rule_gemeente, net, today)) == ["gemeente_missing"]

    def test_present_and_active(self, net, today):
        gemeente = f.partner(net, "Gemeente", sector="gemeente", commitment_tactical="strong")
        f.partner(net, "CZ", sector="zorgverzekeraar", commitment_strategic="weak")
        f.partner(net, "HAP", sector="huisartsenzorg", commitment_operational="strong")
        for i in range(3):
            f.meeting(net, today - timedelta(days=10 * i), attended=[gemeente])
        assert run(rules.rule_gemeente, net, today) == []
        assert run(rules.rule_zorgverzekeraar, net, today) == []
        assert run(rules.rule_huisarts, net, today) == []

    def test_inactive_when_absent_from_recent_meetings(self, net, today):
        gemeente = f.partner(net, "Gemeente", sector="gemeente", commitment_tactical="strong")
        for i in range(3):
            f.meeting(net, today - timedelta(days=10 * i), absent=[gemeente])
        [signal] = run(rules.rule_gemeente, net, today)
        assert signal.code == "gemeente_inactive"
        assert "afwezig bij alle 3" in signal.evidence[0]

    def test_inactive_without_any_commitment(self, net, today):
        f.partner(net, "HAP", sector="huisartsenzorg")
        [signal] = run(rules.rule_huisarts, net, today)
        assert signal.code == "huisarts_inactive"
        assert signal.evidence == ("HAP heeft op geen enkel niveau commitment.",)


class TestSociaalWijkteam:
    def test_missing(self, net, today):
        f.partner(net, "Welzijn Oost")
        [signal] = run(rules.rule_sociaal_wijkteam, net, today)
        assert signal.code == "sociaal_wijkteam_missing"
        assert signal.severity == rules.MEDIUM
        assert signal.evidence == ("Geen actieve partner uit de sector sociaal wijkteam.",)
        assert "spil" in signal.advice and "002 §4.1 Leiden" in signal.source

    def test_present_and_committed(self, net, today):
        f.partner(net, "SWT Oost", sector="sociaal_wijkteam", commitment_operational="strong")
        assert run(rules.rule_sociaal_wijkteam, net, today) == []

    def test_inactive_without_commitment(self, net, today):
        f.partner(net, "SWT Oost", sector="sociaal_wijkteam")
        assert codes(run(rules.rule_sociaal_wijkteam, net, today)) == ["sociaal_wijkteam_inactive"]


class TestOrigin:
    def _origin(self, net, origin="", base="", initiators=""):
        net.origin, net.kartrekker_base, net.initiators = origin, base, initiators
        net.save()

    def test_from_outside_without_citizens(self, net, today):
        """Seed 002 §4.1 Leiden: not bottom-up, an outside party, kartrekker not in the wijk."""
        self._origin(net, "outside", "elders", "HAN en Zorg en Zekerheid")
        [signal] = run(rules.rule_origin_not_local, net, today)
        assert signal.severity == rules.HIGH
        assert signal.evidence == (
            "Het netwerk is van buiten de wijk gestart (een project, hogeschool of adviesbureau).",
            "Initiatiefnemers: HAN en Zorg en Zekerheid.",
            "Er zijn geen burgers of burgerinitiatieven bij betrokken.",
            "De kartrekker werkt niet in de wijk zelf.",
        )
        assert "Leiden" in signal.source and "bottom-up" in signal.advice

    def test_top_down_with_residents_and_a_local_kartrekker(self, net, today):
        """Stevenshof: gemeente and zorgverzekeraar took the initiative, with residents."""
        self._origin(net, "top_down", "wijk", "Gemeente Leiden en Zorg en Zekerheid")
        f.member(net, "citizen")
        assert run(rules.rule_origin_not_local, net, today) == []

    def test_top_down_without_citizens_is_medium(self, net, today):
        self._origin(net, "top_down")
        [signal] = run(rules.rule_origin_not_local, net, today)
        assert signal.severity == rules.MEDIUM

    def test_bottom_up_or_unknown(self, net, today):
        assert run(rules.rule_origin_not_local, net, today) == []
        self._origin(net, "bottom_up", "wijk")
        assert run(rules.rule_origin_not_local, net, today) == []

    def test_kartrekker_elsewhere_alone(self, net, today):
        self._origin(net, "bottom_up", "elders")
        f.member(net, "citizen")
        [signal] = run(rules.rule_origin_not_local, net, today)
        assert signal.evidence == ("De kartrekker werkt niet in de wijk zelf.",)


class TestOtherProjects:
    def test_other_projects_in_the_wijk(self, net, today):
        """Seed 002 §4.1 Leiden: many projects already ran, a competing pilot."""
        net.other_projects = "Welzijn op recept (Hogeschool Leiden)\n\n FACT-team \n"
        net.save()
        [signal] = run(rules.rule_other_projects, net, today)
        assert signal.severity == rules.LOW
        assert signal.evidence == (
            "Loopt al in de wijk: Welzijn op recept (Hogeschool Leiden).",
            "Loopt al in de wijk: FACT-team.",
        )
        assert "Leiden" in signal.source and "bestaande initiatieven" in signal.advice

    def test_none_recorded(self, net, today):
        assert run(rules.rule_other_projects, net, today) == []


class TestCitizens:
    def test_no_citizens(self, net, today):
        f.member(net, "partner")
        assert codes(run(rules.rule_no_citizens, net, today)) == ["no_citizens"]

    def test_citizen_member_or_initiative_partner(self, net, today):
        f.member(net, "citizen")
        assert run(rules.rule_no_citizens, net, today) == []

    def test_initiative_partner(self, net, today):
        f.partner(net, "Wijkvereniging", sector="burgerinitiatief")
        assert run(rules.rule_no_citizens, net, today) == []


class TestGoals:
    def test_no_goals(self, net, today):
        [signal] = run(rules.rule_goals_not_concrete, net, today)
        assert signal.evidence == ("Er zijn geen lopende doelen.",)

    def test_goals_without_actions(self, net, today):
        g = f.goal(net, "Eenzaamheid verminderen", measure="40 bezoekers", target_date=today)
        f.action(net, goal=g, status="dropped")
        [signal] = run(rules.rule_goals_not_concrete, net, today)
        assert signal.evidence == ("Lopend doel zonder acties: 'Eenzaamheid verminderen'.",)
        assert signal.severity == rules.HIGH

    def test_concrete_goals_with_an_action(self, net, today):
        g = f.goal(net, measure="60 ouderen wekelijks", target_date=today)
        f.goal(net, "Nog leeg", measure="Een loket", target_date=today)
        f.action(net, goal=g)
        assert run(rules.rule_goals_not_concrete, net, today) == []

    def test_actions_do_not_make_a_vague_goal_concrete(self, net, today):
        """Seed 002 §4.3 DementieNet: actions existed, but no concrete improvement goals."""
        g = f.goal(net, "Betere zorg voor mensen met dementie")
        f.goal(net, "Meer mantelzorgers bereiken", measure="30 mantelzorgers")
        f.action(net, goal=g)
        f.action(net, goal=g, title="Nog een actie")
        [signal] = run(rules.rule_goals_not_concrete, net, today)
        assert signal.severity == rules.HIGH
        assert signal.evidence == (
            "Lopend doel zonder meetbaar resultaat en zonder streefdatum: "
            "'Betere zorg voor mensen met dementie'.",
            "Lopend doel zonder streefdatum: 'Meer mantelzorgers bereiken'.",
        )
        assert "DementieNet" in signal.source

    def test_one_vague_goal_beside_a_concrete_one_is_medium(self, net, today):
        g = f.goal(net, "Concreet", measure="60 ouderen", target_date=today)
        f.goal(net, "Vaag", target_date=today)
        f.action(net, goal=g)
        [signal] = run(rules.rule_goals_not_concrete, net, today)
        assert signal.severity == rules.MEDIUM
        assert signal.evidence == (
            "Lopend doel zonder meetbaar resultaat (waaraan zien we dat het gelukt is?): 'Vaag'.",
        )

    def test_plan_not_reviewed_for_a_year(self, net, today):
        f.goal(net, "Oud doel", reviewed_on=today - timedelta(days=400))
        [signal] = run(rules.rule_plan_not_reviewed, net, today)
        assert signal.code == "plan_not_reviewed"
        assert "laatst besproken op" in signal.evidence[0]

    def test_plan_reviewed_recently(self, net, today):
        f.goal(net, "Oud doel", reviewed_on=today - timedelta(days=400))
        f.goal(net, "Vers doel", reviewed_on=today - timedelta(days=30))
        assert run(rules.rule_plan_not_reviewed, net, today) == []
        assert run(rules.rule_plan_not_reviewed, net, today, review_days=20) != []


class TestAgreement:
    def test_no_agreement(self, net, today):
        assert codes(run(rules.rule_no_agreement, net, today)) == ["no_agreement"]
        assert run(rules.rule_partners_without_terms, net, today) == []

    def test_partners_without_terms(self, net, today):
        a, b = f.partner(net, "A"), f.partner(net, "B")
        f.agreement(net, terms=[a])
        assert run(rules.rule_no_agreement, net, today) == []
        [signal] = run(rules.rule_partners_without_terms, net, today)
        assert signal.evidence == (
            "B heeft geen rol, taken, uren of geld in de samenwerkingsafspraak (versie 1).",
        )
        del b

    def test_only_the_latest_version_counts(self, net, today):
        a = f.partner(net, "A")
        f.agreement(net, version=1, terms=[])
        f.agreement(net, version=2, terms=[a])
        assert run(rules.rule_partners_without_terms, net, today) == []

    def test_commitment_only_operational(self, net, today):
        a = f.partner(net, "A", commitment_operational="strong")
        f.partner(net, "B", commitment_operational="weak", commitment_strategic="strong")
        f.agreement(net, endorsements=[(a, "operational")])
        [signal] = run(rules.rule_commitment_operational_only, net, today)
        assert signal.evidence[-1].startswith("De samenwerkingsafspraak (versie 1)")

    def test_strategic_commitment_present(self, net, today):
        f.partner(net, "A", commitment_operational="strong", commitment_strategic="weak")
        f.partner(net, "B", commitment_operational="strong")
        assert (
            run(rules.rule_commitment_operational_only, net, today, commitment_gap_share=0.6) == []
        )


class TestMeetings:
    def test_attendance_fading(self, net, today):
        p = f.partner(net, "Fysio Fit")
        steady = f.partner(net, "Sportclub")
        for i in range(6):
            present = i >= 3  # the three oldest: present, the three newest: absent
            f.meeting(
                net,
                today - timedelta(days=14 * i),
                attended=[steady] + ([p] if present else []),
                absent=[] if present else [p],
            )
        [signal] = run(rules.rule_attendance_fading, net, today)
        assert signal.title.startswith("Fysio Fit")
        assert "afwezig" in signal.evidence[0] and "aanwezig" in signal.evidence[0]
        assert signal.source.startswith("003 tip 9")

    def test_attendance_not_fading(self, net, today):
        p = f.partner(net, "Fysio Fit")
        for i in range(6):
            f.meeting(
                net,
                today - timedelta(days=14 * i),
                attended=[p] if i != 1 else [],
                absent=[p] if i == 1 else [],
            )
        assert run(rules.rule_attendance_fading, net, today) == []

    def test_same_chair(self, net, today):
        chair = f.member(net, "coordinator", user__full_name="Bea").user
        for i in range(4):
            f.meeting(net, today - timedelta(days=7 * i), chair=chair)
        [signal] = run(rules.rule_same_chair, net, today)
        assert signal.evidence == (
            "Bea zat 4 van de 4 bijeenkomsten met een voorzitter van het afgelopen jaar voor.",
        )

    def test_rotating_chair(self, net, today):
        users = [f.member(net, "core").user for _ in range(2)]
        for i in range(4):
            f.meeting(net, today - timedelta(days=7 * i), chair=users[i % 2])
        assert run(rules.rule_same_chair, net, today) == []

    def test_same_action_owner(self, net, today):
        owner = f.member(net, "coordinator", user__full_name="Bea").user
        other = f.member(net, "core").user
        for _ in range(4):
            f.action(net, owner=owner)
        f.action(net, owner=other)
        f.action(net, owner=other, status="done")
        [signal] = run(rules.rule_same_action_owner, net, today)
        assert signal.evidence == ("Bea is eigenaar van 4 van de 5 lopende acties.",)

    def test_actions_shared(self, net, today):
        a, b = f.member(net, "core").user, f.member(net, "core").user
        for owner in (a, b, a, b):
            f.action(net, owner=owner)
        assert run(rules.rule_same_action_owner, net, today) == []

    def test_no_reflection(self, net, today):
        meetings = [f.meeting(net, today - timedelta(days=7 * i)) for i in range(4)]
        f.reflection(meetings[0])
        [signal] = run(rules.rule_no_reflection, net, today)
        assert signal.evidence[0].startswith("1 van de laatste 4 bijeenkomsten")

    def test_met_once_and_never_reflected(self, net, today):
        """Seed 002 §4.2 Wijchen: a network that met and never again is not left alone."""
        f.meeting(net, today - timedelta(days=60), title="Startbijeenkomst")
        [signal] = run(rules.rule_no_reflection, net, today)
        assert signal.evidence[0].startswith("0 van de laatste 1 bijeenkomsten")

    def test_a_first_meeting_gets_time_to_reflect(self, net, today):
        f.meeting(net, today - timedelta(days=10))
        assert run(rules.rule_no_reflection, net, today) == []
        assert run(rules.rule_no_reflection, net, today, reflection_grace_days=5) != []

    def test_one_meeting_with_a_reflection(self, net, today):
        f.reflection(f.meeting(net, today - timedelta(days=60)))
        assert run(rules.rule_no_reflection, net, today) == []

    def test_no_meetings_no_reflection_signal(self, net, today):
        assert run(rules.rule_no_reflection, net, today) == []

    def test_learning_groups_and_intervision_count_as_reflection(self, net, today):
        """Seed 002 (Ruwaard's learning sessions, Lemmer's intervision): no scores needed."""
        for i in range(4):
            kind = "learning" if i % 2 else "network"
            f.meeting(net, today - timedelta(days=14 * i), kind=kind)
        assert run(rules.rule_no_reflection, net, today) == []
        f.meeting(net, today - timedelta(days=1), kind="intervision")
        f.meeting(net, today - timedelta(days=2))
        assert run(rules.rule_no_reflection, net, today) == []

    def test_enough_reflection(self, net, today):
        meetings = [f.meeting(net, today - timedelta(days=7 * i)) for i in range(4)]
        f.reflection(meetings[0])
        f.reflection(meetings[2])
        assert run(rules.rule_no_reflection, net, today) == []

    def test_decisions_not_communicated(self, net, today):
        old = f.meeting(net, today - timedelta(days=30), title="Kerngroep")
        f.decision(old, "Nieuwsbrief starten")
        f.decision(old, "Al gedeeld", communicated=True)
        fresh = f.meeting(net, today - timedelta(days=2))
        f.decision(fresh, "Nog vers")
        [signal] = run(rules.rule_decisions_not_communicated, net, today)
        assert signal.evidence == (
            f"'Nieuwsbrief starten' (Kerngroep, {rules.d(today - timedelta(days=30))})",
        )

    def test_decisions_communicated(self, net, today):
        m = f.meeting(net, today - timedelta(days=30))
        f.decision(m, communicated=True)
        f.decision(f.meeting(net, today - timedelta(days=3)))  # within the grace period
        assert run(rules.rule_decisions_not_communicated, net, today) == []

    def test_no_meetings_for_months(self, net, today):
        f.meeting(net, today - timedelta(days=120))
        f.meeting(net, today + timedelta(days=10))  # planned meetings do not count
        [signal] = run(rules.rule_no_meetings, net, today)
        assert signal.evidence == (f"Laatste bijeenkomst: {rules.d(today - timedelta(days=120))}.",)

    def test_recent_meeting(self, net, today):
        f.meeting(net, today - timedelta(days=20))
        assert run(rules.rule_no_meetings, net, today) == []

    def test_young_network_without_meetings(self, network, today):
        network.start_date = today - timedelta(days=30)
        network.save()
        assert run(rules.rule_no_meetings, network, today) == []

    def test_agenda_full(self, net, today):
        long_agenda = "\n".join(f"Punt {i}" for i in range(9))
        for i in range(3):
            f.meeting(net, today - timedelta(days=7 * i), agenda=long_agenda)
        f.meeting(net, today - timedelta(days=30), agenda="Kort")
        [signal] = run(rules.rule_agenda_full, net, today)
        assert len(signal.evidence) == 3 and "9 agendapunten" in signal.evidence[0]

    def test_agenda_with_room(self, net, today):
        for i in range(3):
            f.meeting(net, today - timedelta(days=7 * i), agenda="Welkom\nRonde\nLummeltijd")
        assert run(rules.rule_agenda_full, net, today) == []

    def test_online_only(self, net, today):
        for i in range(3):
            f.meeting(net, today - timedelta(days=7 * i), online=True)
        assert codes(run(rules.rule_online_only, net, today)) == ["online_only"]
        f.meeting(net, today - timedelta(days=1), online=False)
        assert run(rules.rule_online_only, net, today) == []


class TestComposition:
    def test_churn(self, net, today):
        for i in range(4):
            f.partner(net, f"Blijver {i}", joined_on=today - timedelta(days=700))
        f.partner(net, "Nieuw A", joined_on=today - timedelta(days=100))
        f.partner(net, "Nieuw B", joined_on=today - timedelta(days=50))
        f.partner(
            net, "Weg", joined_on=today - timedelta(days=700), left_on=today - timedelta(days=20)
        )
        [signal] = run(rules.rule_composition_churn, net, today)
        assert len(signal.evidence) == 3
        assert signal.source.startswith("002 §4.2 Wijchen")

    def test_stable(self, net, today):
        for i in range(6):
            f.partner(net, f"Blijver {i}", joined_on=today - timedelta(days=700))
        f.partner(net, "Nieuw", joined_on=today - timedelta(days=100))
        assert run(rules.rule_composition_churn, net, today) == []

    def test_start_up_joins_do_not_count(self, network, today):
        network.start_date = today - timedelta(days=60)
        network.save()
        for i in range(5):
            f.partner(network, f"Starter {i}", joined_on=today - timedelta(days=50))
        assert run(rules.rule_composition_churn, network, today) == []


class TestResultsAndFunding:
    def test_no_success_shared(self, net, today):
        f.success(net, today - timedelta(days=20))  # recorded, never shared
        f.success(net, today - timedelta(days=300), shared=today - timedelta(days=290))
        [signal] = run(rules.rule_no_success_shared, net, today)
        assert (
            signal.evidence[0] == f"Laatst gedeelde succes: {rules.d(today - timedelta(days=290))}."
        )

    def test_success_shared_recently(self, net, today):
        f.success(net, today - timedelta(days=20), shared=today - timedelta(days=10))
        assert run(rules.rule_no_success_shared, net, today) == []

    def test_temporary_funding_ending(self, net, today):
        f.funding(net, "ZonMw", ends_on=today + timedelta(days=90))
        f.funding(net, "Oud", ends_on=today - timedelta(days=90))
        [signal] = run(rules.rule_funding_ending, net, today)
        assert signal.severity == rules.HIGH
        assert signal.evidence[0].startswith("ZonMw (tijdelijk")

    def test_structural_funding_continues(self, net, today):
        f.funding(net, "ZonMw", ends_on=today + timedelta(days=90))
        f.funding(net, "Gemeente", structural=True, kind="gemeente")
        assert run(rules.rule_funding_ending, net, today) == []

    def test_temporary_funding_ending_later(self, net, today):
        f.funding(net, "ZonMw", ends_on=today + timedelta(days=400))
        assert run(rules.rule_funding_ending, net, today) == []

    def test_funding_expired_without_successor(self, net, today):
        f.funding(
            net, "ZonMw", starts_on=today - timedelta(days=800), ends_on=today - timedelta(days=30)
        )
        [signal] = run(rules.rule_funding_expired, net, today)
        assert signal.severity == rules.HIGH
        assert signal.evidence == (
            f"ZonMw (tijdelijk, € 10.000) liep af op {rules.d(today - timedelta(days=30))}.",
            "Er loopt nu geen financiering en er is geen nieuwe vastgelegd.",
        )
        assert run(rules.rule_funding_ending, net, today) == []

    def test_funding_expired_with_a_successor(self, net, today):
        f.funding(net, "ZonMw", ends_on=today - timedelta(days=30))
        f.funding(
            net, "Fonds", starts_on=today + timedelta(days=30), ends_on=today + timedelta(days=400)
        )
        assert run(rules.rule_funding_expired, net, today) == []

    def test_no_funding_at_all_is_not_expired(self, net, today):
        assert run(rules.rule_funding_expired, net, today) == []

    def test_structural_funding_never_expires(self, net, today):
        f.funding(net, "ZonMw", ends_on=today - timedelta(days=30))
        f.funding(net, "Gemeente", structural=True, kind="gemeente")
        assert run(rules.rule_funding_expired, net, today) == []

    def _yearly(self, net, today, years, kind="gemeente"):
        for i in range(years):
            start = today.replace(month=1, day=1).replace(year=today.year - years + 1 + i)
            f.funding(
                net,
                f"Wmo dorpsondersteuner {start.year}",
                kind=kind,
                starts_on=start,
                ends_on=start.replace(month=12, day=31),
            )

    def test_funding_renewed_year_by_year(self, net, today):
        """Seed 002: Wedde's dorpsondersteuner, financed for one year at a time."""
        self._yearly(net, today, 3)
        [signal] = run(rules.rule_funding_year_by_year, net, today)
        assert signal.severity == rules.MEDIUM
        assert len(signal.evidence) == 4
        assert signal.evidence[0].startswith("Wmo dorpsondersteuner")
        assert "Wedde" in signal.source and "Wedde" in signal.advice
        assert signal.title == "De financiering wordt steeds per jaar verlengd (3 keer op rij)"

    def test_one_year_only_or_structural_is_no_pattern(self, net, today):
        self._yearly(net, today, 1)
        assert run(rules.rule_funding_year_by_year, net, today) == []
        f.funding(net, "Wmo structureel", structural=True, kind="gemeente")
        self._yearly(net, today - timedelta(days=3 * 366), 2, kind="fonds")
        assert run(rules.rule_funding_year_by_year, net, today) == []

    def test_no_evaluation(self, net, today):
        [signal] = run(rules.rule_no_evaluation, net, today)
        assert signal.evidence == ("Er is nog geen samenwerkingsscan gehouden.",)

    def test_recent_scan(self, net, today, coordinator):
        from wijknet.scans.models import ScanRound

        ScanRound.objects.create(
            network=net, label="T1", opens_on=today - timedelta(days=60), closes_on=today
        )
        assert run(rules.rule_no_evaluation, net, today) == []

    def _baseline_with_plan(self, net, today, due_in_days):
        from wijknet.scans.models import PlannedRound, ScanRound

        t0 = ScanRound.objects.create(
            network=net,
            label="T0",
            opens_on=today - timedelta(days=400),
            closes_on=today - timedelta(days=380),
        )
        return PlannedRound.objects.create(
            network=net, source_round=t0, label="T1", due_on=today + timedelta(days=due_in_days)
        )

    def test_planned_t1_not_due_yet_stays_silent_though_the_last_scan_is_old(self, net, today):
        self._baseline_with_plan(net, today, due_in_days=10)
        assert run(rules.rule_no_evaluation, net, today) == []

    def test_planned_t1_past_its_date_is_due(self, net, today):
        planned = self._baseline_with_plan(net, today, due_in_days=-3)
        [signal] = run(rules.rule_no_evaluation, net, today)
        assert signal.title == "Scan T1 is aan de beurt"
        assert signal.evidence[0] == (
            f"Herhaalmeting T1 was gepland op {formatting.day(planned.due_on)} en is nog niet "
            "geopend."
        )

    def test_opened_plan_no_longer_counts(self, net, today):
        from wijknet.scans.models import ScanRound

        planned = self._baseline_with_plan(net, today, due_in_days=-3)
        planned.opened_round = ScanRound.objects.create(
            network=net, label="T1", opens_on=today, closes_on=today + timedelta(days=14)
        )
        planned.save()
        assert run(rules.rule_no_evaluation, net, today) == []


def test_there_are_at_least_fifteen_rules_with_sources():
    assert len(rules.RULES) >= 15
    for rule in rules.RULES:
        assert rule.__name__.startswith("rule_")


def test_signals_sorted_most_severe_first(net, today):
    f.member(net, "coordinator")
    signals = rules.run_rules(load_snapshot(net, today), rules.DEFAULTS)
    order = [rules.SEVERITY_ORDER[s.severity] for s in signals]
    assert order == sorted(order) and signals
    for signal in signals:
        assert (
            signal.evidence and signal.advice and signal.source[:3] in {"000", "002", "003", "004"}
        )


class TestGraphRules:
    def test_a_partner_that_holds_two_groups_together(self, net, today):
        a, b, c = (f.partner(net, name) for name in ("Huisarts", "Welzijn", "Sportclub"))
        f.meeting(net, today - timedelta(days=20), attended=[a, b])
        f.meeting(net, today - timedelta(days=10), attended=[b, c])
        signals = run(rules.rule_single_point_of_failure, net, today)
        assert codes(signals) == ["single_point_of_failure"]
        assert signals[0].evidence == (
            "Als Welzijn wegvalt, verliezen deze groepen contact: Huisarts / Sportclub.",
        )

    def test_a_triangle_has_no_single_point(self, net, today):
        a, b, c = (f.partner(net, name) for name in ("Huisarts", "Welzijn", "Sportclub"))
        f.meeting(net, today - timedelta(days=10), attended=[a, b, c])
        assert run(rules.rule_single_point_of_failure, net, today) == []

    def test_contact_through_the_kartrekkers_organisation(self, net, today):
        hub, x, y = (f.partner(net, name) for name in ("Welzijn", "Huisarts", "Sport"))
        f.member(net, "coordinator", organisation=hub.organisation)
        f.meeting(net, today - timedelta(days=20), attended=[hub, x])
        f.meeting(net, today - timedelta(days=10), attended=[hub, y])
        signals = run(rules.rule_kartrekker_hub, net, today)
        assert codes(signals) == ["kartrekker_hub"]
        assert signals[0].evidence == (
            "100% van de verbindingen tussen andere partners loopt via Welzijn.",
        )
        f.meeting(net, today - timedelta(days=5), attended=[x, y])
        assert run(rules.rule_kartrekker_hub, net, today) == []


def test_euro_notation():
    from decimal import Decimal

    assert rules.euro(Decimal("25000")) == "€ 25.000"
    assert rules.euro(Decimal("1250.5")) == "€ 1.250,50"


def test_a_message_read_back_in_another_key_order_is_the_same():
    """PostgreSQL's jsonb gives the parameters back in its own order."""
    live = rules.t("funding_ending", "ending", name="Subsidie", amount="€ 10.000", day="02-01-2027")
    stored = {
        "key": live.key,
        "params": {"day": "02-01-2027", "amount": "€ 10.000", "name": "Subsidie"},
    }
    assert rules.Msg.from_json(stored) == live
    assert live.render("nl") == "Subsidie (tijdelijk, € 10.000) loopt af op 02-01-2027."
    assert live.render("en") == "Subsidie (temporary, € 10.000) ends on 02-01-2027."


def test_a_date_in_a_signal_is_stored_as_iso_and_read_in_the_readers_style():
    live = rules.t(
        "funding_ending",
        "ending",
        name="Subsidie",
        amount="€ 10.000",
        day=rules.d(date(2027, 1, 2)),
    )
    stored = live.as_json()
    assert stored["params"]["day"] == {"key": "date", "params": {"iso": "2027-01-02"}}
    read_back = rules.Msg.from_json(stored)
    assert read_back.render("nl") == "Subsidie (tijdelijk, € 10.000) loopt af op 2 januari 2027."
    assert read_back.render("en") == "Subsidie (temporary, € 10.000) ends on 2 January 2027."
    assert rules.d(None) == "?"
