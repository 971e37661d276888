"""The effect evaluation: figures per period, the 3-person minimum, who sees what, and the
yearly reflection stored with its figures."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from tests.support.concurrency import one_edit_lands
from wijknet.casework.models import Dimension
from wijknet.core.locking import ConcurrentEditError
from wijknet.evaluation import queries, services
from wijknet.evaluation.models import EvaluationReflection
from wijknet.networks.models import Membership
from wijknet.networks.roles import Role

from . import helpers

pytestmark = pytest.mark.django_db


def figures(network, period=None):
    with scope(network=network):
        return queries.evaluation_figures(
            network, period or queries.Period.last_year(timezone.localdate())
        )


def url(network, **params):
    base = reverse("evaluation:index", args=[network.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


class TestPeriod:
    def test_default_is_the_last_twelve_months(self):
        period = queries.Period.last_year(date(2026, 12, 3))
        assert (period.start, period.end) == (date(2025, 12, 4), date(2026, 12, 3))

    def test_parse_swaps_clamps_and_falls_back(self):
        today = date(2026, 12, 3)
        assert queries.Period.parse("2026-06-30", "2026-01-01", today) == queries.Period(
            date(2026, 1, 1), date(2026, 6, 30)
        )
        assert queries.Period.parse("nonsense", "", today) == queries.Period.last_year(today)
        assert queries.Period.parse(None, None, today) == queries.Period.last_year(today)
        long = queries.Period.parse("1990-01-01", "2026-01-01", today)
        assert (long.end - long.start).days == queries.MAX_PERIOD_DAYS


class TestMinimumGroup:
    def test_shown_hides_one_and_two(self):
        assert [queries.shown(n) for n in (0, 1, 2, 3, 10)] == [0, None, None, 3, 10]

    def test_positive_health_needs_three_clients_with_two_measurements(self, network):
        with scope(network=network):
            helpers.client_with_measurements(network, 1, [4, 6])
            helpers.client_with_measurements(network, 2, [5, 7])
            helpers.client_with_measurements(network, 3, [5])  # one measurement: not counted
        health = figures(network).health
        assert health.too_few
        assert all(d.clients is None and d.before is None for d in health.dimensions)

        with scope(network=network):
            helpers.client_with_measurements(network, 4, [3, 8, 5])  # first 3, last 5
        health = figures(network).health
        assert health.clients == 3
        [mental] = [d for d in health.dimensions if d.dimension == Dimension.MENTAAL]
        assert (mental.clients, mental.before, mental.after) == (3, 4.0, 6.0)
        assert mental.change == 2.0

    def test_a_dimension_scored_for_two_clients_is_too_few(self, network):
        with scope(network=network):
            helpers.client_with_measurements(network, 1, [4, 6])
            helpers.client_with_measurements(network, 2, [5, 7])
            helpers.client_with_measurements(network, 3, [6, 6], skip=[Dimension.ZINGEVING])
        by_dimension = {d.dimension: d for d in figures(network).health.dimensions}
        assert by_dimension[Dimension.ZINGEVING].clients is None
        assert by_dimension[Dimension.ZINGEVING].after is None
        assert by_dimension[Dimension.MEEDOEN].clients == 3

    def test_measurements_outside_the_period_do_not_count(self, network):
        with scope(network=network):
            for n in range(3):
                helpers.client_with_measurements(
                    network, n, [4, 6], first_day=timezone.localdate() - timedelta(days=800)
                )
        assert figures(network).health.too_few

    def test_hours_of_fewer_than_three_volunteers_are_not_shown(self, network):
        with scope(network=network):
            helpers.volunteer_hours(network, 2)
        hours = figures(network).hours
        assert (hours.hours, hours.volunteers) == (None, None)
        with scope(network=network):
            helpers.volunteer_hours(network, 1)
        hours = figures(network).hours
        assert (hours.hours, hours.volunteers) == (Decimal("7.5"), 3)

    def test_reach_hides_one_and_two_residents(self, network):
        partner = PartnerFactory(network=network)
        with scope(network=network):
            helpers.referrals(network, partner, 2)
        assert figures(network).reach.referrals is None
        with scope(network=network):
            helpers.referrals(network, partner, 1, started=False)
        reach = figures(network).reach
        assert (reach.referrals, reach.referrals_started) == (3, None)

    def test_the_page_says_te_weinig_metingen(self, client, network, coordinator):
        with scope(network=network):
            helpers.client_with_measurements(network, 1, [4, 6])
            helpers.client_with_measurements(network, 2, [4, 6])
        client.force_login(coordinator)
        page = client.get(url(network)).content.decode()
        assert "Te weinig metingen: er zijn minder dan 3 bewoners" in page
        assert "Bewoner 1" not in page


class TestGoalsAndInput:
    def test_goals_with_whether_they_were_met(self, network):
        with scope(network=network):
            helpers.goals(network)
        g = figures(network).goals
        assert [(x.title, x.outcome) for x in g.goals] == [
            ("Meer ouderen bewegen", queries.MET),
            ("Eenzaamheid signaleren", queries.NOT_MET),
            ("Wijkpunt openen", queries.RUNNING),
        ]
        assert (g.met, g.not_met, g.running, g.without_measure) == (1, 1, 1, 1)

    def test_investment_from_agreement_and_funding(self, network, coordinator):
        from wijknet.agreements.models import Agreement, FundingSource, PartnerTerms

        partners = [PartnerFactory(network=network) for _ in range(2)]
        with scope(network=network):
            old = Agreement.objects.create(network=network, version=1)
            PartnerTerms.objects.create(
                network=network, agreement=old, partner=partners[0], hours_per_month=99
            )
            new = Agreement.objects.create(network=network, version=2)
            PartnerTerms.objects.create(
                network=network, agreement=new, partner=partners[0], hours_per_month=4
            )
            PartnerTerms.objects.create(
                network=network, agreement=new, partner=partners[1], money=Decimal("1500")
            )
            today = timezone.localdate()
            FundingSource.objects.create(
                network=network, name="Wmo", kind="gemeente", amount=Decimal("20000")
            )
            FundingSource.objects.create(
                network=network,
                name="Oud fonds",
                kind="fonds",
                amount=Decimal("5000"),
                starts_on=today - timedelta(days=900),
                ends_on=today - timedelta(days=400),
            )
        i = figures(network).investment
        assert (i.agreement_version, i.hours_per_year, i.money_per_year, i.partners) == (
            2,
            48,
            Decimal("1500"),
            2,
        )
        assert (i.funding, i.funding_sources) == (Decimal("20000"), 1)


class TestWhoSeesWhat:
    def test_funder_sees_aggregates_but_no_reflection(self, client, network, members):
        with scope(network=network):
            EvaluationReflection.objects.create(
                network=network,
                year=2026,
                period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31),
                answers={"doel": "Geheime notitie over Jan"},
            )
        client.force_login(members[Role.VIEWER])
        page = client.get(url(network)).content.decode()
        assert "Positieve Gezondheid: voor en na" in page
        assert "Jaarlijkse reflectie van de kerngroep" not in page
        response = client.get(reverse("evaluation:reflection", args=[network.slug, 2026]))
        assert response.status_code == 403

    def test_partner_reads_the_reflection_but_may_not_edit(self, client, network, members):
        with scope(network=network):
            EvaluationReflection.objects.create(
                network=network,
                year=2026,
                period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31),
                answers={"doel": "We houden het doel vast."},
            )
        client.force_login(members[Role.PARTNER])
        page = client.get(reverse("evaluation:reflection", args=[network.slug, 2026]))
        assert "We houden het doel vast." in page.content.decode()
        edit = reverse("evaluation:reflection_edit", args=[network.slug, 2026])
        assert client.get(edit).status_code == 403


class TestReflection:
    def test_saved_with_a_snapshot_of_the_figures(self, client, network, coordinator):
        with scope(network=network):
            helpers.goals(network)
        client.force_login(coordinator)
        year = timezone.localdate().year
        edit = reverse("evaluation:reflection_edit", args=[network.slug, year])
        form = client.get(edit).content.decode()
        assert "Staat ons gezamenlijke doel nog centraal?" in form
        response = client.post(
            edit, {"version": 0, "doel": "Ja, bewegen staat centraal.", "bijsturen": "Meer PR."}
        )
        assert response.status_code == 302
        with scope(network=network):
            stored = EvaluationReflection.objects.get(network=network, year=year)
        assert stored.answers["doel"] == "Ja, bewegen staat centraal."
        assert stored.figures["goals"]["met"] == 1
        assert stored.figures["period"]["end"] == timezone.localdate().isoformat()
        assert stored.version == 1
        page = client.get(response.url).content.decode()
        assert "Ja, bewegen staat centraal." in page
        # a stale save does not land
        again = client.post(edit, {"version": 0, "doel": "Overschreven?"})
        assert "Iemand anders heeft dit intussen gewijzigd" in again.content.decode()

    def test_an_empty_reflection_is_refused(self, network, coordinator):
        with scope(network=network):
            membership = Membership.objects.get(network=network, user=coordinator)
        with scope(network=network), pytest.raises(Exception, match="minstens één vraag"):
            services.reflection_save(
                acting_user=coordinator,
                membership=membership,
                network=network,
                year=2026,
                period=queries.Period.last_year(timezone.localdate()),
                expected_version=0,
                answers={"doel": "  "},
            )

    def test_two_first_writers_one_lands(self, network, coordinator):
        with scope(network=network):
            membership = Membership.objects.get(network=network, user=coordinator)
        period = queries.Period.last_year(timezone.localdate())
        with scope(network=network):
            services.reflection_save(
                acting_user=coordinator,
                membership=membership,
                network=network,
                year=2026,
                period=period,
                expected_version=0,
                answers={"doel": "eerste"},
            )
            with pytest.raises(ConcurrentEditError):
                services.reflection_save(
                    acting_user=coordinator,
                    membership=membership,
                    network=network,
                    year=2026,
                    period=period,
                    expected_version=0,
                    answers={"doel": "tweede"},
                )
            stored = EvaluationReflection.objects.get(year=2026)

        def update(copy, answers):
            services.reflection_save(
                acting_user=coordinator,
                membership=membership,
                network=network,
                year=2026,
                period=period,
                expected_version=copy.version,
                answers=answers,
            )

        one_edit_lands(
            network,
            EvaluationReflection,
            stored.pk,
            update,
            field="answers",
            value=lambda n: {"doel": f"versie {n}"},
        )


def test_print_css_hides_navigation_and_the_period_form(client, network, coordinator):
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "wijknet/static/css/wijknet.css").read_text()
    assert "@media print { .site-header nav, .network-nav, .menu-button" in css
    assert ".evaluation h2 { break-after: avoid" in css
    client.force_login(coordinator)
    page = client.get(url(network)).content.decode()
    assert '<form method="get" class="filters"' in page
