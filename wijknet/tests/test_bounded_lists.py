"""Long lists show a preview and a "show all" that stays paginated (core.pagination.bounded)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.actions.models import Goal
from wijknet.actions.views import GOALS_PREVIEW
from wijknet.agreements import queries as agreement_queries
from wijknet.agreements import services as agreement_services

pytestmark = pytest.mark.django_db


def names_in(html, start, end):
    block = html[html.index(start) : html.index(end, html.index(start))]
    return re.findall(r"<li>([^<:]+):", block)


@pytest.fixture
def many_partners(network, coordinator):
    partners = [
        PartnerFactory(network=network, organisation__name=f"Partner {i:02d}") for i in range(63)
    ]
    with scope(network=network):
        agreement_services.agreement_new_version(
            acting_user=coordinator,
            network=network,
            purpose="Samen",
            out_of_scope="Zorg",
            terms=[
                (partners[0], "Trekker", "Wandelen", 4, Decimal(0)),  # agreed
                (partners[1], "Trekker", "", 4, Decimal(0)),  # tasks missing
                (partners[2], " \n", "Wandelen", 0, Decimal(0)),  # roles, time/money missing
            ],
        )
    return partners


def test_uncovered_partners_in_the_database_match_the_coverage(network, many_partners):
    with scope(network=network):
        agreement = agreement_queries.current_agreement(network)
        coverage = agreement_queries.agreement_coverage(network, agreement=agreement)
        in_db = list(agreement_queries.uncovered_partners(network, agreement))
        assert in_db == [c.partner for c in coverage.uncovered]
        assert len(in_db) == 62
        assert agreement_queries.missing_for(agreement, many_partners[2]) == (
            "roles",
            "time_or_money",
        )
        assert list(agreement_queries.uncovered_partners(network, None)) == many_partners


def test_agreement_page_shows_ten_uncovered_partners_and_all_of_them_paginated(
    client, coordinator, many_partners
):
    client.force_login(coordinator)
    url = "/n/gezond-oost/afspraken/"
    html = client.get(url).content.decode()
    start, end = "Nog niet alles afgesproken met:", "</ul>"
    assert names_in(html, start, end) == [f"Partner {i:02d}" for i in range(1, 11)]
    assert 'href="?alle=partners">Toon alle 62</a>' in html

    html = client.get(url + "?alle=partners").content.decode()
    assert names_in(html, start, end) == [f"Partner {i:02d}" for i in range(1, 51)]
    assert "Pagina 1 van 2" in html
    assert 'href="?alle=partners&amp;page=2"' in html
    html = client.get(url + "?alle=partners&page=2").content.decode()
    assert names_in(html, start, end) == [f"Partner {i:02d}" for i in range(51, 63)]
    assert 'href="?">Toon minder</a>' in html


def test_goals_page_shows_five_goals_and_all_of_them_paginated(client, network, coordinator):
    today = timezone.localdate()
    with scope(network=network):
        for i in range(27):
            Goal.objects.create(
                network=network, title=f"Doel {i:02d}", target_date=today + timedelta(days=i)
            )
    client.force_login(coordinator)
    url = "/n/gezond-oost/doelen/"
    html = client.get(url).content.decode()
    shown = re.findall(r"Doel \d\d", html)
    assert len(set(shown)) == GOALS_PREVIEW == 5  # each goal is a card with its actions
    assert 'href="?alle=doelen">Toon alle 27</a>' in html
    html = client.get(url + "?alle=doelen").content.decode()
    assert len(set(re.findall(r"Doel \d\d", html))) == 25
    assert "Pagina 1 van 2" in html
    html = client.get(url + "?alle=doelen&page=2").content.decode()
    assert len(set(re.findall(r"Doel \d\d", html))) == 2


def test_a_short_list_has_no_show_all_link(client, coordinator, network):
    with scope(network=network):
        Goal.objects.create(network=network, title="Enig doel")
    client.force_login(coordinator)
    html = client.get("/n/gezond-oost/doelen/").content.decode()
    assert "Enig doel" in html
    assert "Toon alle" not in html
    assert "Pagina " not in html
