"""Reads for the health monitor, tenancy of the models, and query counts of the pages."""

import pytest
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from tests.factories import PartnerFactory
from wijknet.actions.models import Action
from wijknet.meetings import queries, services
from wijknet.meetings.models import Attendance, CalendarFeed, Decision, Meeting, Reflection

from .helpers import make_meeting


@pytest.mark.django_db
class TestAttendanceHistory:
    def test_per_partner_oldest_first_over_the_last_meetings(self, network, coordinator):
        a, b = PartnerFactory(network=network), PartnerFactory(network=network)
        with scope(network=network):
            # Eight meetings, a attends the first five, then stops; b joins later.
            for i in range(8):
                invited = [a, b] if i >= 4 else [a]
                meeting = make_meeting(network, days_ago=80 - i * 10, partners=invited)
                present = [a] if i < 5 else []
                if i >= 4:
                    present.append(b)
                services.attendance_record(
                    acting_user=coordinator, meeting=meeting, present=present
                )
            history = queries.attendance_history(network, last=6)
        assert history == {
            a.pk: [True, True, True, False, False, False],
            b.pk: [True, True, True, True],
        }

    def test_meetings_without_recorded_attendance_and_future_ones_are_left_out(
        self, network, coordinator
    ):
        a = PartnerFactory(network=network)
        with scope(network=network):
            recorded = make_meeting(network, days_ago=30, partners=[a])
            services.attendance_record(acting_user=coordinator, meeting=recorded, present=[a])
            make_meeting(network, days_ago=10, partners=[a])  # nobody filled in attendance
            future = make_meeting(network, days_ago=-10, partners=[a])
            services.attendance_record(acting_user=coordinator, meeting=future, present=[])
            assert queries.attendance_history(network) == {a.pk: [True]}

    def test_empty_and_other_networks(self, network, other_network, coordinator):
        foreign = PartnerFactory(network=other_network)
        meeting = make_meeting(other_network, partners=[foreign])
        with scope(network=other_network):
            services.attendance_record(acting_user=coordinator, meeting=meeting, present=[foreign])
        with scope(network=network):
            assert queries.attendance_history(network) == {}

    def test_query_count_does_not_grow(self, network, coordinator, django_assert_num_queries):
        partners = [PartnerFactory(network=network) for _ in range(5)]
        with scope(network=network):
            for i in range(10):
                meeting = make_meeting(network, days_ago=i + 1, partners=partners)
                services.attendance_record(
                    acting_user=coordinator, meeting=meeting, present=partners[: i % 5]
                )
            with django_assert_num_queries(3):
                history = queries.attendance_history(network, last=6)
        assert len(history) == 5 and all(len(v) == 6 for v in history.values())


@pytest.mark.django_db
def test_recent_reflections_newest_first_with_gaps(network, coordinator):
    with scope(network=network):
        old = make_meeting(network, title="Oud", days_ago=30)
        make_meeting(network, title="Zonder", days_ago=20)
        new = make_meeting(network, title="Nieuw", days_ago=10)
        make_meeting(network, title="Straks", days_ago=-5)
        for meeting, score in [(old, 2), (new, 4)]:
            services.reflection_save(
                acting_user=coordinator,
                meeting=meeting,
                collaboration=score,
                engagement=score,
                goal_progress=score,
            )
        rows = queries.recent_reflections(network, last=5)
        assert [(r.meeting.title, r.reflection and r.reflection.collaboration) for r in rows] == [
            ("Nieuw", 4),
            ("Zonder", None),
            ("Oud", 2),
        ]
        assert len(queries.recent_reflections(network, last=2)) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [Meeting, Attendance, Decision, Reflection, CalendarFeed],
    ids=lambda m: m.__name__,
)
def test_queries_outside_a_scope_raise(model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.django_db
def test_a_scope_shows_only_its_own_meetings(network, other_network):
    make_meeting(network, title="Van ons")
    make_meeting(other_network, title="Van hen")
    with scope(network=network):
        assert [m.title for m in queries.past_meetings(network)] == ["Van ons"]
        assert list(Meeting.objects.values_list("title", flat=True)) == ["Van ons"]


def add_meetings(network, n, user):
    """n past and n upcoming meetings, each with partners, attendance, a decision, a
    reflection and an action, so every related row is exercised."""
    partners = [PartnerFactory(network=network) for _ in range(2)]
    with scope(network=network):
        for i in range(n):
            for days in (i + 1, -(i + 1)):
                meeting = make_meeting(network, days_ago=days, partners=partners, chair=user)
                services.attendance_record(acting_user=user, meeting=meeting, present=partners[:1])
                services.decision_add(acting_user=user, meeting=meeting, text="Besluit")
                services.reflection_save(
                    acting_user=user,
                    meeting=meeting,
                    collaboration=3,
                    engagement=3,
                    goal_progress=3,
                )
                Action.objects.create(network=network, meeting=meeting, title="Actie", owner=user)
    services_feed(network, user)


def services_feed(network, user):
    with scope(network=network):
        services.feed_token_rotate(acting_user=user, network=network)


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
def test_list_query_count_does_not_grow(
    client, network, coordinator, django_assert_num_queries, items
):
    add_meetings(network, items, coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(7):
        response = client.get("/n/gezond-oost/bijeenkomsten/")
    assert response.status_code == 200
    assert len(response.context["upcoming"]) == items


@pytest.mark.django_db
@pytest.mark.parametrize("partners", [1, 3])
def test_detail_query_count_does_not_grow(
    client, network, coordinator, django_assert_num_queries, partners
):
    invited = [PartnerFactory(network=network) for _ in range(partners)]
    meeting = make_meeting(network, partners=invited, chair=coordinator)
    with scope(network=network):
        services.attendance_record(acting_user=coordinator, meeting=meeting, present=invited)
        for _ in range(partners):
            services.decision_add(acting_user=coordinator, meeting=meeting, text="Besluit")
            Action.objects.create(
                network=network,
                meeting=meeting,
                title="Actie",
                owner=coordinator,
                owner_partner=invited[0],
            )
    client.force_login(coordinator)
    with django_assert_num_queries(8):
        response = client.get(f"/n/gezond-oost/bijeenkomsten/{meeting.uuid}/")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
def test_feed_query_count_does_not_grow(
    client, network, coordinator, django_assert_num_queries, items
):
    add_meetings(network, items, coordinator)
    with scope(network=network):
        token = queries.feed_of(network).token
    with django_assert_num_queries(2):
        response = client.get(f"/agenda/{token}.ics")
    assert response.status_code == 200
