from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.agreements import queries
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms

pytestmark = pytest.mark.django_db


def agreement(network, version, terms=()):
    made = Agreement.objects.create(network=network, version=version)
    for partner, roles, tasks, hours, money in terms:
        PartnerTerms.objects.create(
            network=network,
            agreement=made,
            partner=partner,
            roles=roles,
            tasks=tasks,
            hours_per_month=hours,
            money=money,
        )
    return made


def endorse(network, agreement, partner, level):
    Endorsement.objects.create(
        network=network,
        agreement=agreement,
        partner=partner,
        level=level,
        name="Iemand",
        endorsed_on=date(2026, 1, 1),
    )


class TestCoverage:
    def test_without_agreement_nobody_is_covered(self, network):
        p = PartnerFactory(network=network)
        with scope(network=network):
            coverage = queries.agreement_coverage(network)
        assert coverage.agreement is None and not coverage.complete
        assert [(c.partner, c.missing) for c in coverage.uncovered] == [(p, ("no_terms",))]

    def test_roles_tasks_and_time_or_money_are_all_needed(self, network):
        time = PartnerFactory(network=network, organisation__name="A tijd")
        money = PartnerFactory(network=network, organisation__name="B geld")
        no_tasks = PartnerFactory(network=network, organisation__name="C geen taken")
        nothing = PartnerFactory(network=network, organisation__name="D niets")
        absent = PartnerFactory(network=network, organisation__name="E afwezig")
        ended = PartnerFactory(network=network, left_on=date(2026, 1, 1))
        agreement(network, 1, [(absent, "Rol", "Taak", 4, 0)])  # an old version does not count
        agreement(
            network,
            2,
            [
                (time, "Verbinder", "Bijeenkomsten", 4, 0),
                (money, "Financier", "Subsidie", 0, Decimal("100")),
                (no_tasks, "Verwijzer", " ", 2, 0),
                (nothing, "", "", 0, 0),
                (ended, "Rol", "Taak", 1, 1),
            ],
        )
        with scope(network=network):
            coverage = queries.agreement_coverage(network)
        assert [c.partner for c in coverage.covered] == [time, money]
        assert {c.partner: c.missing for c in coverage.uncovered} == {
            no_tasks: ("tasks",),
            nothing: ("roles", "tasks", "time_or_money"),
            absent: ("no_terms",),
        }
        assert not coverage.complete

    def test_complete_when_every_active_partner_is_covered(self, network, other_network):
        p = PartnerFactory(network=network)
        agreement(network, 1, [(p, "Rol", "Taak", 1, 0)])
        with scope(network=network):
            coverage = queries.agreement_coverage(network)
        assert coverage.complete

    def test_three_queries(self, network, django_assert_num_queries):
        p = PartnerFactory(network=network)
        agreement(network, 1, [(p, "Rol", "Taak", 1, 0)])
        with scope(network=network), django_assert_num_queries(3):
            queries.agreement_coverage(network)


class TestEndorsementLevels:
    def test_levels_of_the_current_version_only(self, network, other_network):
        p = PartnerFactory(network=network)
        v1 = agreement(network, 1)
        v2 = agreement(network, 2)
        endorse(network, v1, p, "strategic")
        endorse(network, v2, p, "operational")
        endorse(network, v2, p, "operational")
        endorse(network, v2, p, "tactical")
        foreign = agreement(other_network, 3)
        endorse(other_network, foreign, PartnerFactory(network=other_network), "strategic")
        with scope(network=network):
            assert queries.endorsement_levels(network) == {"operational", "tactical"}

    def test_no_agreement_no_levels(self, network):
        with scope(network=network):
            assert queries.endorsement_levels(network) == set()


def source(network, name, kind, amount, structural, ends_on, starts_on=None):
    return FundingSource.objects.create(
        network=network,
        name=name,
        kind=kind,
        amount=Decimal(amount),
        structural=structural,
        starts_on=starts_on,
        ends_on=ends_on,
    )


TODAY = date(2026, 8, 31)


class TestFundingOutlook:
    def test_structural_ending_soon_and_totals(self, network, other_network):
        gemeente = source(network, "Wijkbudget", "gemeente", "20000", True, None)
        soon = source(network, "Sportakkoord", "subsidie", "5000", False, date(2027, 2, 28))
        later = source(network, "ZonMw", "subsidie", "30000", False, date(2027, 3, 1))
        source(network, "Oud fonds", "fonds", "999", False, date(2026, 8, 30))
        today_ends = source(network, "Laatste dag", "fonds", "100", False, TODAY)
        source(other_network, "Geheim", "gemeente", "1", True, None)
        with scope(network=network):
            outlook = queries.funding_outlook(network, TODAY)
        # 31 August + 6 months = 28 February (end of the shorter month).
        assert outlook.horizon == date(2027, 2, 28)
        assert outlook.structural == [gemeente]
        assert outlook.ending_soon == [today_ends, soon]
        assert set(outlook.temporary) == {soon, later, today_ends}
        assert outlook.totals_per_kind == [
            ("subsidie", "Subsidie", Decimal("35000")),
            ("gemeente", "Gemeente", Decimal("20000")),
            ("fonds", "Fonds", Decimal("100")),
        ]
        assert outlook.total == Decimal("55100")
        assert not outlook.at_risk

    def test_at_risk_when_temporary_ends_soon_and_nothing_structural(self, network):
        source(network, "Sportakkoord", "subsidie", "5000", False, date(2026, 12, 31))
        with scope(network=network):
            outlook = queries.funding_outlook(network, TODAY)
        assert outlook.at_risk and outlook.structural == []

    def test_no_funding(self, network):
        with scope(network=network):
            outlook = queries.funding_outlook(network, TODAY)
        assert outlook.sources == [] and outlook.total == 0 and not outlook.at_risk

    def test_one_query(self, network, django_assert_num_queries):
        source(network, "A", "gemeente", "1", True, None)
        with scope(network=network), django_assert_num_queries(1):
            queries.funding_outlook(network, TODAY)


def test_add_months_clamps_to_month_end():
    assert queries.add_months(date(2026, 12, 15), 6) == date(2027, 6, 15)
    assert queries.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_current_agreement_prefetches(network, django_assert_num_queries):
    p = PartnerFactory(network=network)
    agreement(network, 1)
    v2 = agreement(network, 2, [(p, "Rol", "Taak", 1, 0)])
    endorse(network, v2, p, "strategic")
    with scope(network=network), django_assert_num_queries(3):
        current = queries.current_agreement(network)
        assert current == v2
        assert [t.partner.organisation.name for t in current.terms.all()] == [p.organisation.name]
        assert [e.partner.organisation.name for e in current.endorsements.all()] == [
            p.organisation.name
        ]
