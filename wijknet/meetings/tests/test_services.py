from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.core.locking import ConcurrentEditError
from wijknet.core.models import AuditEvent
from wijknet.meetings import services
from wijknet.meetings.models import Attendance, CalendarFeed, Decision, Meeting, Reflection
from wijknet.networks.models import Membership

from .helpers import make_meeting


def audit_actions(network):
    with scope(network=network):
        return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


@pytest.mark.django_db
class TestMeetings:
    def test_create_with_partners_writes_audit(self, network, coordinator):
        partners = [PartnerFactory(network=network) for _ in range(2)]
        starts = timezone.make_aware(datetime(2026, 12, 1, 19, 30))
        with scope(network=network):
            meeting = services.meeting_create(
                acting_user=coordinator,
                network=network,
                invited_partners=partners,
                kind="core",
                title="Kerngroep december",
                starts_at=starts,
                duration_minutes=60,
                location="Gezondheidscentrum",
                chair=coordinator,
                agenda="Opening\n\nActielijst\n  Rondvraag  ",
            )
            assert set(meeting.invited_partners.all()) == set(partners)
        assert meeting.created_by == coordinator
        assert meeting.agenda_items == ["Opening", "Actielijst", "Rondvraag"]
        assert audit_actions(network) == ["meeting.created"]

    def test_create_needs_a_place_or_online(self, network, coordinator):
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.meeting_create(
                acting_user=coordinator,
                network=network,
                kind="network",
                title="Zonder plaats",
                starts_at=timezone.now(),
            )
        assert "location" in error.value.message_dict

    def test_partner_of_another_network_is_refused(self, network, other_network, coordinator):
        foreign = PartnerFactory(network=other_network)
        with scope(network=network), pytest.raises(ValidationError):
            services.meeting_create(
                acting_user=coordinator,
                network=network,
                invited_partners=[foreign],
                kind="network",
                title="X",
                starts_at=timezone.now(),
                online=True,
            )

    def test_chair_must_be_a_current_member(self, network, coordinator, outsider):
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.meeting_create(
                acting_user=coordinator,
                network=network,
                kind="network",
                title="X",
                starts_at=timezone.now(),
                online=True,
                chair=outsider,
            )
        assert "chair" in error.value.message_dict

    def test_a_chair_who_left_may_stay_on_an_old_meeting(self, network, coordinator, members):
        former = members["partner"]
        meeting = make_meeting(network, chair=former)
        with scope(network=network):
            Membership.objects.filter(user=former).update(ended_at=timezone.now())
            services.meeting_update(
                acting_user=coordinator,
                meeting=meeting,
                expected_version=1,
                chair=former,
                title="Terugblik",
            )
            Membership.objects.filter(user=members["viewer"]).update(ended_at=timezone.now())
            with pytest.raises(ValidationError):
                services.meeting_update(
                    acting_user=coordinator,
                    meeting=meeting,
                    expected_version=2,
                    chair=members["viewer"],
                )
        assert meeting.title == "Terugblik"

    def test_update_checks_the_version(self, network, coordinator):
        meeting = make_meeting(network)
        with scope(network=network):
            services.meeting_update(
                acting_user=coordinator, meeting=meeting, expected_version=1, title="Nieuw"
            )
            assert meeting.version == 2
            with pytest.raises(ConcurrentEditError):
                services.meeting_update(
                    acting_user=coordinator, meeting=meeting, expected_version=1, title="Oud"
                )
        meeting.refresh_from_db()
        assert meeting.title == "Nieuw"
        assert audit_actions(network) == ["meeting.updated"]

    def test_uninviting_a_partner_drops_its_attendance(self, network, coordinator):
        a, b = PartnerFactory(network=network), PartnerFactory(network=network)
        meeting = make_meeting(network, partners=[a, b])
        with scope(network=network):
            services.attendance_record(acting_user=coordinator, meeting=meeting, present=[a, b])
            services.meeting_update(
                acting_user=coordinator, meeting=meeting, expected_version=1, invited_partners=[a]
            )
            assert list(Attendance.objects.values_list("partner", flat=True)) == [a.pk]

    def test_delete(self, network, coordinator):
        meeting = make_meeting(network)
        Decision.objects.create(network=network, meeting=meeting, text="Besluit")
        with scope(network=network):
            services.meeting_delete(acting_user=coordinator, meeting=meeting)
            assert not Meeting.objects.exists() and not Decision.objects.exists()
        assert audit_actions(network) == ["meeting.deleted"]


@pytest.mark.django_db
class TestAttendance:
    def test_sets_present_and_absent_per_invited_partner(self, network, coordinator):
        a, b, c = (PartnerFactory(network=network) for _ in range(3))
        meeting = make_meeting(network, partners=[a, b, c])
        with scope(network=network):
            services.attendance_record(acting_user=coordinator, meeting=meeting, present=[a])
            services.attendance_record(
                acting_user=coordinator, meeting=meeting, present=[a.pk, b.pk]
            )
            rows = dict(Attendance.objects.values_list("partner", "present"))
        assert rows == {a.pk: True, b.pk: True, c.pk: False}
        assert audit_actions(network) == ["meeting.attendance_recorded"] * 2

    def test_a_partner_that_was_not_invited_is_refused(self, network, coordinator):
        invited, other = PartnerFactory(network=network), PartnerFactory(network=network)
        meeting = make_meeting(network, partners=[invited])
        with scope(network=network), pytest.raises(ValidationError):
            services.attendance_record(acting_user=coordinator, meeting=meeting, present=[other])


@pytest.mark.django_db
class TestDecisions:
    def test_add_and_mark_communicated(self, network, coordinator):
        meeting = make_meeting(network)
        with scope(network=network):
            decision = services.decision_add(
                acting_user=coordinator, meeting=meeting, text="  We starten een wandelgroep "
            )
            assert decision.text == "We starten een wandelgroep"
            assert not decision.communicated
            services.decision_mark_communicated(
                acting_user=coordinator, decision=decision, how="nieuwsbrief"
            )
        decision.refresh_from_db()
        assert decision.communicated and decision.communicated_how == "nieuwsbrief"
        assert decision.communicated_on == timezone.localdate()
        assert audit_actions(network) == [
            "meeting.decision_added",
            "meeting.decision_communicated",
        ]

    def test_empty_decision_and_empty_how_are_refused(self, network, coordinator):
        meeting = make_meeting(network)
        with scope(network=network):
            with pytest.raises(ValidationError):
                services.decision_add(acting_user=coordinator, meeting=meeting, text="  ")
            decision = services.decision_add(acting_user=coordinator, meeting=meeting, text="X")
            with pytest.raises(ValidationError):
                services.decision_mark_communicated(
                    acting_user=coordinator, decision=decision, how=" "
                )

    def test_communicated_before_the_meeting_is_refused(self, network, coordinator):
        meeting = make_meeting(network, days_ago=2)
        with scope(network=network):
            decision = services.decision_add(acting_user=coordinator, meeting=meeting, text="X")
            with pytest.raises(ValidationError) as error:
                services.decision_mark_communicated(
                    acting_user=coordinator,
                    decision=decision,
                    how="mail",
                    on=timezone.localdate() - timedelta(days=10),
                )
        assert "communicated_on" in error.value.message_dict


@pytest.mark.django_db
class TestReflection:
    def test_save_twice_replaces(self, network, coordinator):
        meeting = make_meeting(network)
        with scope(network=network):
            services.reflection_save(
                acting_user=coordinator,
                meeting=meeting,
                collaboration=4,
                engagement=3,
                goal_progress=2,
                remark="Goed gesprek",
            )
            services.reflection_save(
                acting_user=coordinator,
                meeting=meeting,
                collaboration=5,
                engagement=5,
                goal_progress=4,
            )
            reflection = Reflection.objects.get()
        assert (reflection.collaboration, reflection.engagement, reflection.goal_progress) == (
            5,
            5,
            4,
        )
        assert reflection.remark == ""
        assert audit_actions(network) == ["meeting.reflection_saved"] * 2

    def test_scores_outside_one_to_five_are_refused(self, network, coordinator):
        meeting = make_meeting(network)
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.reflection_save(
                acting_user=coordinator,
                meeting=meeting,
                collaboration=0,
                engagement=6,
                goal_progress=3,
            )
        assert set(error.value.message_dict) == {"collaboration", "engagement"}


@pytest.mark.django_db
def test_feed_rotate_creates_then_replaces_the_token(network, coordinator):
    with scope(network=network):
        first = services.feed_token_rotate(acting_user=coordinator, network=network).token
        second = services.feed_token_rotate(acting_user=coordinator, network=network).token
        assert first != second
        assert list(CalendarFeed.objects.values_list("token", flat=True)) == [second]
    assert audit_actions(network) == ["meeting.feed_created", "meeting.feed_rotated"]


@pytest.mark.django_db
def test_a_refused_write_leaves_no_audit_row(network, coordinator):
    """A failing service leaves nothing behind: the audit row and the change go together."""
    meeting = make_meeting(network)
    with scope(network=network), pytest.raises(ConcurrentEditError):
        services.meeting_update(
            acting_user=coordinator, meeting=meeting, expected_version=9, title="X"
        )
    assert audit_actions(network) == []
