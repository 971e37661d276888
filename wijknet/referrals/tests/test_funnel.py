"""The funnel against hand-counted fixtures, and the privacy threshold."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.referrals import queries
from wijknet.referrals.models import Referral

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def make(world, sector, offer, *, status, days_ago=30, **offsets):
    """A referral made `days_ago`, with each stage `offsets[stage]` days after the referral."""
    created = timezone.now() - timedelta(days=days_ago)
    fields = {
        f"{stage}_at": created + offset * DAY
        for stage, offset in offsets.items()
        if stage in ("contact", "intake", "started", "active_3m", "ended")
    }
    with scopes_disabled():
        return Referral.objects.create(
            network=world.network,
            referrer=world.gp,
            referrer_sector=sector,
            offer=offer,
            offer_kind=offer.kind if offer else "",
            receiving_partner=offer.provider if offer else world.welzijn_partner,
            resident_name="X",
            resident_contact="x",
            resident_birth_year=1950,
            consent_given=True,
            reason="r",
            status=status,
            created_at=created,
            **fields,
        )


@pytest.fixture
def fixtures(world):
    """Eight referrals in the last year (and one older), counted by hand in the tests."""
    from wijknet.offers.models import Offer

    with scopes_disabled():
        bewegen = Offer.objects.create(
            network=world.network, provider=world.sport_partner, title="Beweegkuur", kind="bewegen"
        )
    sport = world.offer
    gp = "huisartsenzorg"
    make(
        world,
        gp,
        sport,
        status="actief_3m",
        contact=2,
        intake=5,
        started=10,
        active_3m=100,
        days_ago=120,
    )  # R1
    make(world, gp, sport, status="gestart", contact=4, intake=6, started=20)  # R2
    make(world, gp, sport, status="gestart", contact=6, started=12)  # R3 (skipped intake)
    make(world, gp, sport, status="niet_gestart", contact=1, ended=3)  # R4
    make(world, gp, sport, status="verwezen")  # R5
    make(world, "welzijn", None, status="gestopt", contact=3, intake=4, started=7, ended=9)  # R6
    make(world, "welzijn", None, status="niet_gestart", ended=2)  # R7
    make(world, "paramedisch", bewegen, status="contact", contact=1)  # R8
    make(world, gp, sport, status="gestart", contact=1, started=2, days_ago=400)  # too old
    return world


def the_funnel(world, **period):
    date_from, date_to = queries.default_period()
    with scope(network=world.network):
        return queries.funnel(
            world.network, period.get("date_from", date_from), period.get("date_to", date_to)
        )


def values(group, attribute="reached"):
    return [getattr(stage, attribute).value for stage in group.stages]


class TestCounts:
    def test_overall_against_hand_count(self, fixtures):
        funnel = the_funnel(fixtures)
        overall = funnel.overall
        assert overall.total == 8
        # verwezen, contact, intake (R3 skipped it but got further), gestart, actief (1: hidden)
        assert values(overall) == [8, 6, 4, 4, None]
        assert values(overall, "conversion") == [None, 75, 67, 100, None]
        assert values(overall, "of_referred") == [100, 75, 50, 50, None]
        # verwezen→contact: 2,4,6,1,3,1 → 2.5; contact→intake: 3,2,1 → 2;
        # intake→gestart: 5,14,3 → 5; gestart→actief: one person → hidden.
        assert values(overall, "median_days") == [None, 2.5, 2.0, 5.0, None]
        assert overall.not_started.hidden  # 2
        assert overall.stopped.hidden  # 1

    def test_split_by_sector(self, fixtures):
        funnel = the_funnel(fixtures)
        by_sector = {g.key: g for g in funnel.by_sector}
        assert set(by_sector) == {"huisartsenzorg", "welzijn", "paramedisch"}
        # contact 4/1/1: the two small ones together would be 6 - 4 = 2, so 4 hides too;
        # intake 3/1/0 and gestart 3/1/0 likewise; actief 1/0/0: the total itself is small.
        assert values(by_sector["huisartsenzorg"]) == [5, None, None, None, None]
        assert values(by_sector["huisartsenzorg"], "of_referred") == [100] + [None] * 4
        assert by_sector["huisartsenzorg"].total == 5
        assert values(by_sector["welzijn"]) == [None] * 5
        assert values(by_sector["paramedisch"]) == [None] * 5
        # niet gestart 1/1/0 (total 2) and gestopt 0/1/0 (total 1): hidden everywhere.
        assert all(g.not_started.hidden and g.stopped.hidden for g in funnel.by_sector)

    def test_split_by_offer_kind(self, fixtures):
        funnel = the_funnel(fixtures)
        assert [g.key for g in funnel.by_kind] == ["bewegen", "sport", "-"]
        by_kind = {g.key: g for g in funnel.by_kind}
        assert values(by_kind["sport"]) == [5, None, None, None, None]
        assert by_kind["-"].label == "Direct naar een partner (zonder aanbod)"
        assert values(by_kind["-"]) == [None] * 5

    def test_period(self, fixtures):
        today = timezone.localdate()
        funnel = the_funnel(fixtures, date_from=today - timedelta(days=500), date_to=today)
        assert funnel.overall.total == 9
        funnel = the_funnel(
            fixtures, date_from=today - timedelta(days=130), date_to=today - timedelta(days=60)
        )
        assert funnel.overall.total == 1  # R1 only
        assert values(funnel.overall) == [None] * 5

    def test_other_network_does_not_count(self, fixtures, other_network):
        from tests.factories import PartnerFactory

        with scopes_disabled():
            Referral.objects.create(
                network=other_network,
                receiving_partner=PartnerFactory(network=other_network),
                resident_name="Y",
                resident_contact="y",
                resident_birth_year=1950,
                reason="r",
            )
        assert the_funnel(fixtures).overall.total == 8


class TestThreshold:
    @pytest.mark.parametrize(("n", "shown"), [(0, None), (1, None), (2, None), (3, 3), (10, 10)])
    def test_count_cell(self, n, shown):
        cell = queries.count_cell(n)
        assert cell.value == shown
        assert str(cell) == ("< 3" if shown is None else str(n))

    def test_percentages_hide_with_their_numbers(self):
        assert queries.percent_cell(2, 10).hidden
        assert queries.percent_cell(3, 2).hidden
        assert queries.percent_cell(3, 4).value == 75

    def test_median_needs_three_people(self):
        assert queries.median_cell([1.0, 9.0]).hidden
        assert queries.median_cell([1.0, 2.0, 9.0]).value == 2.0

    def test_complementary_hiding_in_the_funnel(self, world):
        for _ in range(4):
            make(world, "huisartsenzorg", world.offer, status="contact", contact=1)
        make(world, "welzijn", world.offer, status="contact", contact=1)
        funnel = the_funnel(world)
        assert values(funnel.overall)[:2] == [5, 5]
        by_sector = {g.key: g for g in funnel.by_sector}
        # Welzijn has one: hidden; so the GP count hides too, and what derives from it.
        assert values(by_sector["welzijn"])[:2] == [None, None]
        assert values(by_sector["huisartsenzorg"])[:2] == [None, None]
        assert values(by_sector["huisartsenzorg"], "conversion")[1] is None
        assert by_sector["huisartsenzorg"].counts[:2] == [0, 0]

    def test_a_small_network_shows_no_numbers(self, world):
        make(world, "huisartsenzorg", world.offer, status="gestart", contact=1, started=2)
        make(world, "huisartsenzorg", world.offer, status="contact", contact=1)
        funnel = the_funnel(world)
        assert values(funnel.overall) == [None] * 5
        assert all(
            cell.hidden
            for stage in funnel.overall.stages
            for cell in (stage.reached, stage.conversion, stage.of_referred, stage.median_days)
        )

    def test_small_stopped_count_is_not_derivable_from_the_total(self, world):
        # The review's case: 4 + 1 gestopt, total 5 shown; the 1 alone hidden is 5 - 4.
        for _ in range(4):
            make(world, "huisartsenzorg", world.offer, status="gestopt", contact=1, ended=2)
        make(world, "welzijn", world.offer, status="gestopt", contact=1, ended=2)
        for _ in range(3):
            make(world, "welzijn", world.offer, status="niet_gestart", ended=2)
        funnel = the_funnel(world)
        assert funnel.overall.stopped.value == 5
        by_sector = {g.key: g for g in funnel.by_sector}
        assert by_sector["welzijn"].stopped.hidden
        assert by_sector["huisartsenzorg"].stopped.hidden
        # niet gestart 0/3: the 0 alone is derivable (3 - 3), so the 3 hides too; but a
        # hidden 3 next to a hidden 0 under a total of 3 is still derivable (the larger one
        # is at least 3): the total hides as well.
        assert by_sector["welzijn"].not_started.hidden
        assert by_sector["huisartsenzorg"].not_started.hidden
        assert funnel.overall.not_started.hidden

    def test_a_total_that_must_hide_hides_everywhere(self, world):
        # Three sectors with one referral each: the total 3 would give each away as 1.
        for sector in ("huisartsenzorg", "welzijn", "paramedisch"):
            make(world, sector, world.offer, status="contact", contact=1)
        funnel = the_funnel(world)
        overall = funnel.overall
        assert values(overall)[:2] == [None, 3]
        assert values(overall, "conversion")[1] is None
        assert values(overall, "of_referred")[1] is None
        for group in funnel.by_sector + funnel.by_kind:
            assert group.stages[0].reached.hidden
            assert all(stage.of_referred.hidden for stage in group.stages)
        # The one offer kind would show 3 and give the total away: it hides as well.
        assert [values(g)[0] for g in funnel.by_kind] == [None]

    def test_fewer_than_three_referrals_have_no_splits(self, world):
        make(world, "huisartsenzorg", world.offer, status="contact", contact=1)
        make(world, "welzijn", world.offer, status="contact", contact=1)
        funnel = the_funnel(world)
        assert funnel.overall.total == 2
        assert funnel.by_sector == [] and funnel.by_kind == []


class TestSuppressColumn:
    """`suppress_column` over hand-made columns: (hidden cells, total hidden)."""

    def test_all_shown(self):
        assert queries.suppress_column([9, 4, 3]) == (set(), False)
        assert queries.suppress_column([10]) == (set(), False)

    def test_one_small_cell_hides_the_next_smallest(self):
        assert queries.suppress_column([5, 2]) == ({0, 1}, False)
        assert queries.suppress_column([9, 4, 1]) == ({1, 2}, False)
        assert queries.suppress_column([9, 4, 4, 1]) == ({1, 3}, False)  # ties: the first

    def test_one_zero_cell_counts_as_small(self):
        assert queries.suppress_column([10, 7, 0]) == ({1, 2}, False)

    def test_two_small_cells(self):
        # Union 3 (1 + 2), neither follows: enough.
        assert queries.suppress_column([9, 2, 1]) == ({1, 2}, False)
        # Union 2 would show a small group of two sectors together: hide another.
        assert queries.suppress_column([9, 5, 1, 1]) == ({1, 2, 3}, False)
        # Union 0 gives both away as 0.
        assert queries.suppress_column([9, 5, 0, 0]) == ({1, 2, 3}, False)
        # Union 4 of two cells under 3: both are 2.
        assert queries.suppress_column([9, 5, 2, 2]) == ({1, 2, 3}, False)

    def test_floor_of_one_for_referred(self):
        # Every listed group has at least one referral: 1 + 2 is fine, but three cells
        # under 3 summing to 3 are 1 + 1 + 1.
        assert queries.suppress_column([9, 2, 1], floor=1) == ({1, 2}, False)
        assert queries.suppress_column([9, 1, 1, 1], floor=1) == ({0, 1, 2, 3}, False)
        assert queries.suppress_column([9, 1, 1, 1], floor=0) == ({1, 2, 3}, False)

    def test_all_small(self):
        # Total 5 shown, two cells under 3: 2 + 3? no, all small: 2 + 2 + 1, fine.
        assert queries.suppress_column([2, 2, 1]) == ({0, 1, 2}, False)
        # 1 + 1 + 1 with floor 1 is derivable from the total 3: the total hides.
        assert queries.suppress_column([1, 1, 1], floor=1) == ({0, 1, 2}, True)

    def test_total_small(self):
        assert queries.suppress_column([1, 1]) == ({0, 1}, True)
        assert queries.suppress_column([2]) == ({0}, True)
        assert queries.suppress_column([0, 0, 0]) == ({0, 1, 2}, True)

    def test_zero_cells(self):
        assert queries.suppress_column([]) == (set(), True)

    def test_a_hidden_larger_cell_bounded_by_the_shown_ones(self):
        # 3, 0, 3: hiding 3 + 0 leaves 3 = the hidden larger cell (at least 3, at most the
        # smallest shown 3); all hidden it is still 3 + 3 + 0: the total hides.
        assert queries.suppress_column([3, 0, 3]) == ({0, 1, 2}, True)
        assert queries.suppress_column([3, 0, 4]) == ({0, 1, 2}, False)

    @pytest.mark.parametrize(
        "values",
        [
            [5, 2],
            [9, 4, 1],
            [9, 5, 1, 1],
            [9, 5, 0, 0],
            [9, 5, 2, 2],
            [3, 0, 3],
            [4, 2, 2],
            [12, 3, 3, 1],
            [6, 6, 6, 0, 0],
            [3, 3],
            [20, 1, 2, 0, 7],
        ],
    )
    def test_no_hidden_cell_or_small_union_follows_from_the_total(self, values):
        hidden, total_hidden = queries.suppress_column(values)
        if total_hidden:
            return
        union = sum(values[i] for i in hidden)
        assert not hidden or (len(hidden) >= 2 and union >= queries.MIN_GROUP)
        assert all(values[i] >= queries.MIN_GROUP for i in set(range(len(values))) - hidden)


class TestFunnelPage:
    def test_split_table_hides_derivable_counts(self, client, world, members):
        for _ in range(4):
            make(world, "huisartsenzorg", world.offer, status="gestopt", contact=1, ended=2)
        make(world, "welzijn", world.offer, status="gestopt", contact=1, ended=2)
        client.force_login(members["viewer"])
        html = client.get("/n/gezond-oost/verwijzingen/doorstroom/").content.decode()
        assert 'data-stage="gestopt">5<' in html
        # Sector welzijn has 1 gestopt ("< 3"), so the 4 of huisartsenzorg shows as
        # "verborgen", not as a number that gives the 1 away (5 - 4).
        assert "<td>4</td>" not in html
        assert "verborgen" in html

    def test_no_splits_under_three_referrals(self, client, world, members):
        make(world, "huisartsenzorg", world.offer, status="contact", contact=1)
        client.force_login(members["viewer"])
        html = client.get("/n/gezond-oost/verwijzingen/doorstroom/").content.decode()
        assert "tonen we geen uitsplitsing" in html
        assert "Per sector van de verwijzer" not in html


class TestPinnedInRows:
    def test_hidden_between_equal_shown_counts(self):
        # Stage counts only go down: a hidden contact between verwezen 4 and intake 4 is 4.
        assert queries._pinned_in_rows([[4, 4, 4, 0, 0, 0, 0]], [{1, 3, 4, 5, 6}]) == {(0, 2)}

    def test_unequal_or_open_bounds_are_fine(self):
        assert queries._pinned_in_rows([[5, 4, 4, 0, 0, 0, 0]], [{1, 3, 4, 5, 6}]) == set()
        assert queries._pinned_in_rows([[4, 4, 4, 3, 3, 0, 0]], [{1, 2, 3, 4}]) == set()

    def test_in_the_funnel(self, world):
        # Rows (verwezen, contact, intake): huisartsenzorg 4/4/4, welzijn 5/5/3,
        # paramedisch 3/1/1. Contact: paramedisch alone small, so huisartsenzorg's 4 hides;
        # it then sits between 4 and 4, so huisartsenzorg's intake hides too.
        for _ in range(4):
            make(world, "huisartsenzorg", world.offer, status="intake", contact=1, intake=2)
        for _ in range(3):
            make(world, "welzijn", world.offer, status="intake", contact=1, intake=2)
        for _ in range(2):
            make(world, "welzijn", world.offer, status="contact", contact=1)
        make(world, "paramedisch", world.offer, status="intake", contact=1, intake=2)
        for _ in range(2):
            make(world, "paramedisch", world.offer, status="verwezen")
        funnel = the_funnel(world)
        by_sector = {g.key: g for g in funnel.by_sector}
        assert values(by_sector["huisartsenzorg"])[:3] == [4, None, None]
        assert values(by_sector["welzijn"])[:3] == [5, 5, 3]  # the hidden 4 covers the 1
        assert values(by_sector["paramedisch"])[:3] == [3, None, None]
        assert values(funnel.overall)[:3] == [12, 10, 8]


def test_a_hidden_percentage_or_median_says_hidden_not_less_than_three():
    from wijknet.referrals.queries import MIN_GROUP, median_cell, percent_cell

    assert str(percent_cell(2, 10)) == "verborgen"
    assert str(percent_cell(5, 2)) == "verborgen"
    assert str(median_cell([1.0, 2.0])) == "verborgen"
    assert str(percent_cell(5, 10)) == "50"
    assert str(median_cell([1.0, 2.0, 4.0])) == "2.0"
    assert MIN_GROUP == 3
