"""The resident's overview query, the officer's search and the review findings."""

import uuid
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.accesslog import queries
from wijknet.accesslog.models import Action
from wijknet.networks.models import Membership

from .helpers import add_record

pytestmark = pytest.mark.django_db

DAY = timezone.localdate() - timedelta(days=3)


def at(hour, minute=0, day=DAY):
    return timezone.make_aware(
        datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)
    )


def test_records_for_client_newest_first_and_of_this_network(network, other_network, coordinator):
    target = uuid.uuid4()
    first = add_record(network, coordinator, client_uuid=target, at=at(9))
    second = add_record(network, coordinator, client_uuid=target, at=at(10))
    add_record(network, coordinator, at=at(11))
    add_record(other_network, None, client_uuid=target, at=at(12))
    with scope(network=network):
        assert list(queries.records_for_client(network, target)) == [second, first]


def test_search_by_organisation_and_dates(network, coordinator):
    add_record(network, coordinator, at=at(9), organisation_name="Wijkteam")
    add_record(network, coordinator, at=at(9, day=DAY - timedelta(days=2)))
    with scope(network=network):
        assert queries.search(network, user_query="wijkteam").count() == 1
        assert queries.search(network, date_from=DAY, date_to=DAY).count() == 1
        assert queries.search(network, date_to=DAY - timedelta(days=1)).count() == 1


def kinds(findings):
    return sorted((f.kind, f.user_email, f.count) for f in findings)


def test_many_clients_in_one_day(settings, network, coordinator, members):
    settings.ACCESS_LOG_REVIEW_MAX_CLIENTS_PER_DAY = 3
    for _ in range(4):
        add_record(network, coordinator, at=at(10))
    same = uuid.uuid4()
    for _ in range(5):  # five reads of one client are not many clients
        add_record(network, members["partner"], client_uuid=same, at=at(10))
    for _ in range(3):  # at the limit, not over it
        add_record(network, members["core"], at=at(10))
    with scope(network=network):
        findings = queries.unusual_access(network, DAY, DAY)
    assert kinds(findings) == [("many_clients", "coordinator@example.org", 4)]
    assert "4 verschillende cliënten" in findings[0].explanation


def test_the_same_user_on_different_days_is_counted_per_day(settings, network, coordinator):
    settings.ACCESS_LOG_REVIEW_MAX_CLIENTS_PER_DAY = 2
    add_record(network, coordinator, at=at(10))
    add_record(network, coordinator, at=at(10))
    add_record(network, coordinator, at=at(10, day=DAY + timedelta(days=1)))
    with scope(network=network):
        assert queries.unusual_access(network, DAY, DAY + timedelta(days=1)) == []


def test_outside_working_hours_in_local_time(network, coordinator, members):
    add_record(network, coordinator, at=at(6, 59))
    add_record(network, coordinator, at=at(20, 0))
    add_record(network, members["core"], at=at(7, 0))
    add_record(network, members["core"], at=at(19, 59))
    with scope(network=network):
        findings = queries.unusual_access(network, DAY, DAY)
    assert kinds(findings) == [("outside_hours", "coordinator@example.org", 2)]


def test_many_exports(settings, network, coordinator):
    settings.ACCESS_LOG_REVIEW_MAX_EXPORTS_PER_DAY = 2
    for action in (Action.EXPORT, Action.PRINT, Action.EXPORT, Action.READ):
        add_record(network, coordinator, at=at(10), action=action)
    with scope(network=network):
        findings = queries.unusual_access(network, DAY, DAY)
    assert kinds(findings) == [("many_exports", "coordinator@example.org", 3)]


def test_access_on_the_day_the_membership_ended(network, members):
    leaver = members["partner"]
    add_record(network, leaver, at=at(9))
    add_record(network, leaver, at=at(10, day=DAY - timedelta(days=1)))
    with scopes_disabled():
        Membership.objects.filter(user=leaver).update(ended_at=at(16))
    with scope(network=network):
        findings = queries.unusual_access(network, DAY - timedelta(days=1), DAY)
    assert kinds(findings) == [("membership_ended", "partner@example.org", 1)]
    assert "lidmaatschap" in findings[0].explanation


def test_a_deleted_user_still_shows_in_findings(network):
    add_record(network, None, at=at(23), user_email="weg@example.org")
    with scope(network=network):
        findings = queries.unusual_access(network, DAY, DAY)
    assert kinds(findings) == [("outside_hours", "weg@example.org", 1)]
    assert "user=weg%40example.org" in findings[0].search_query
