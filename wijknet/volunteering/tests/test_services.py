from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory
from wijknet.core.models import AuditEvent
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification
from wijknet.volunteering import services
from wijknet.volunteering.models import FollowUp, HelpRequest, Match, VolunteerProfile

from .helpers import make_match, make_request, make_volunteer


def membership_of(user, network):
    with scopes_disabled():
        return user.memberships.get(network=network, ended_at__isnull=True)


@pytest.fixture
def coord(network, coordinator):
    return coordinator, membership_of(coordinator, network)


@pytest.fixture
def citizen(network, members):
    user = members["citizen"]
    return user, membership_of(user, network)


def transition(actor, match, to, reason=""):
    user, membership = actor
    with scope(network=match.network):
        return services.match_transition(
            acting_user=user, membership=membership, match=match, to=to, reason=reason
        )


@pytest.mark.django_db
class TestLifecycle:
    def test_full_lifecycle_updates_request_and_schedules_followups(self, network, coord):
        help_request = make_request(network)
        volunteer = make_volunteer(network)
        with scope(network=network):
            match = services.match_propose(
                acting_user=coord[0],
                membership=coord[1],
                help_request=help_request,
                volunteer=volunteer,
                reasons=["doet graag boodschappen"],
            )
            assert match.status == "voorgesteld" and match.reasons == ["doet graag boodschappen"]
            transition(coord, match, "akkoord")
            help_request.refresh_from_db()
            assert help_request.status == "gematcht" and match.accepted_at
            transition(coord, match, "lopend")
            followups = {f.audience: f for f in FollowUp.objects.filter(match=match)}
            today = timezone.localdate()
            assert followups["vrijwilliger"].due_on == today + timedelta(weeks=6)
            assert followups["vrijwilliger"].week == 6
            assert followups["hulpvrager"].due_on == today + timedelta(weeks=8)
            transition(coord, match, "afgerond")
            help_request.refresh_from_db()
            match.refresh_from_db()
            assert match.status == "afgerond" and match.ended_at and match.version == 4
            assert help_request.status == "gesloten" and help_request.closed_at
            actions = set(AuditEvent.objects.values_list("action", flat=True))
        assert {"match.proposed", "match.akkoord", "match.lopend", "match.afgerond"} <= actions

    @pytest.mark.parametrize(
        ("start", "to"),
        [
            ("voorgesteld", "lopend"),
            ("voorgesteld", "afgerond"),
            ("akkoord", "voorgesteld"),
            ("lopend", "akkoord"),
            ("afgerond", "lopend"),
            ("gestopt", "akkoord"),
            ("afgerond", "gestopt"),
        ],
    )
    def test_invalid_transitions_are_refused(self, network, coord, start, to):
        match = make_match(make_request(network), make_volunteer(network), status=start)
        with pytest.raises(ValidationError, match="kan niet naar"):
            transition(coord, match, to, reason="x")
        with scopes_disabled():
            assert Match.objects.get(pk=match.pk).status == start

    def test_unknown_status_is_refused(self, network, coord):
        match = make_match(make_request(network), make_volunteer(network))
        with pytest.raises(ValidationError, match="Onbekende status"):
            transition(coord, match, "weg")

    def test_stopping_needs_a_reason_and_reopens_the_request(self, network, coord):
        help_request = make_request(network, status="gematcht")
        match = make_match(help_request, make_volunteer(network), status="akkoord")
        with pytest.raises(ValidationError, match="Geef een reden"):
            transition(coord, match, "gestopt", reason="  ")
        transition(coord, match, "gestopt", reason="Verhuisd")
        help_request.refresh_from_db()
        assert match.stop_reason == "Verhuisd" and help_request.status == "open"

    def test_stopping_one_of_two_keeps_the_request_matched(self, network, coord):
        help_request = make_request(network, status="gematcht")
        first = make_match(help_request, make_volunteer(network, "A"), status="lopend")
        make_match(help_request, make_volunteer(network, "B"), status="lopend")
        transition(coord, first, "gestopt", reason="Te druk")
        help_request.refresh_from_db()
        assert help_request.status == "gematcht"

    def test_volunteer_may_accept_or_decline_only_their_own_proposal(self, network, citizen):
        profile = make_volunteer(network, user=citizen[0])
        mine = make_match(make_request(network), profile)
        transition(citizen, mine, "akkoord")
        with pytest.raises(PermissionDenied):
            transition(citizen, mine, "lopend")
        other = make_match(make_request(network), make_volunteer(network, "Ander"))
        with pytest.raises(PermissionDenied):
            transition(citizen, other, "akkoord")
        declined = make_match(make_request(network), profile)
        transition(citizen, declined, "gestopt", reason="Geen tijd")
        assert declined.status == "gestopt"

    def test_concurrent_change_is_refused(self, network, coord):
        match = make_match(make_request(network), make_volunteer(network))
        with scopes_disabled():
            Match.objects.filter(pk=match.pk).update(version=5)
        with scope(network=network), pytest.raises(ValidationError, match="Iemand anders"):
            services.match_transition(
                acting_user=coord[0],
                membership=coord[1],
                match=match,
                to="akkoord",
                expected_version=1,
            )


@pytest.mark.django_db
class TestPropose:
    def test_notifies_the_volunteer_with_an_account(self, network, coord, citizen):
        volunteer = make_volunteer(network, user=citizen[0])
        with scope(network=network):
            services.match_propose(
                acting_user=coord[0],
                membership=coord[1],
                help_request=make_request(network),
                volunteer=volunteer,
            )
            notification = Notification.objects.get(recipient=citizen[0], kind=kinds.MATCH_PROPOSED)
        assert "boodschappen in Zuiderveen" in notification.title
        assert notification.url.startswith("/n/gezond-oost/inzet/koppelingen/")
        assert "Jansen" not in notification.title + notification.body

    def test_refusals(self, network, coord, citizen, other_network):
        help_request = make_request(network)
        volunteer = make_volunteer(network)

        def propose(who=coord, req=help_request, vol=volunteer):
            with scope(network=network):
                return services.match_propose(
                    acting_user=who[0], membership=who[1], help_request=req, volunteer=vol
                )

        with pytest.raises(PermissionDenied):
            propose(who=citizen)
        propose()
        with pytest.raises(ValidationError, match="al voorgesteld"):
            propose()
        with pytest.raises(ValidationError, match="niet actief"):
            propose(vol=make_volunteer(network, "Weg", active=False))
        with pytest.raises(ValidationError, match="gesloten"):
            propose(req=make_request(network, status="gesloten"))
        with pytest.raises(ValidationError, match="niet bij dit netwerk"):
            propose(vol=make_volunteer(other_network, "Elders"))
        seeker = make_request(network, seeker_user=citizen[0])
        with pytest.raises(ValidationError, match="zichzelf"):
            propose(req=seeker, vol=make_volunteer(network, "Zelf", user=citizen[0]))


@pytest.mark.django_db
class TestHelpRequest:
    def test_for_self_and_area_notification_without_the_name(self, network, citizen, members):
        near = make_volunteer(
            network,
            "Buur",
            user=members["partner"],
            wants_area_notifications=True,
            place="zuiderveen",
        )
        make_volunteer(network, "Stil", user=members["core"], wants_area_notifications=False)
        make_volunteer(
            network,
            "Ver",
            user=members["coordinator"],
            wants_area_notifications=True,
            place="Oudeveen",
        )
        with scope(network=network):
            help_request = services.help_request_create(
                acting_user=citizen[0],
                network=network,
                for_self=True,
                kind="vervoer",
                place="Zuiderveen",
                description="Naar het ziekenhuis",
            )
            assert help_request.seeker_user == citizen[0]
            assert help_request.seeker_name == citizen[0].full_name
            notes = list(Notification.objects.filter(kind=kinds.HELP_REQUEST_NEARBY))
        assert [n.recipient for n in notes] == [near.user]
        assert notes[0].title == "Nieuwe hulpvraag in Zuiderveen: vervoer"
        assert citizen[0].full_name not in notes[0].title + notes[0].body

    def test_encrypted_at_rest(self, network, citizen):
        with scope(network=network):
            help_request = services.help_request_create(
                acting_user=citizen[0],
                network=network,
                seeker_name="Mevrouw Geheim",
                seeker_contact="06-12345678",
                kind="tuin",
                description="Heg snoeien",
            )
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT seeker_name, seeker_contact, description FROM "
                "volunteering_helprequest WHERE id = %s",
                [help_request.pk],
            )
            row = cursor.fetchone()
        assert all(value.startswith("fernet:") for value in row)
        assert "Geheim" not in "".join(row)

    def test_validation(self, network, citizen):
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.help_request_create(
                acting_user=citizen[0], network=network, kind="zwemmen", day_parts=["ma-nacht"]
            )
        assert set(error.value.error_dict) == {"seeker_name", "kind", "day_parts"}

    def test_close_refuses_with_open_matches(self, network, coord):
        help_request = make_request(network)
        match = make_match(help_request, make_volunteer(network))
        with scope(network=network):
            with pytest.raises(ValidationError, match="Rond eerst"):
                services.help_request_close(
                    acting_user=coord[0], membership=coord[1], help_request=help_request
                )
            Match.objects.filter(pk=match.pk).update(status="gestopt")
            services.help_request_close(
                acting_user=coord[0], membership=coord[1], help_request=help_request
            )
            assert HelpRequest.objects.get(pk=help_request.pk).status == "gesloten"


@pytest.mark.django_db
class TestFollowUpAnswer:
    def followup(self, network, audience="hulpvrager", seeker_user=None, volunteer_user=None):
        match = make_match(
            make_request(network, seeker_user=seeker_user),
            make_volunteer(network, "Piet", user=volunteer_user),
            status="lopend",
        )
        with scopes_disabled():
            return FollowUp.objects.create(
                network=network,
                match=match,
                audience=audience,
                week=8,
                due_on=timezone.localdate(),
            )

    def test_niet_goed_signals_the_coordinators(self, network, coordinator, citizen):
        followup = self.followup(network, seeker_user=citizen[0])
        with scope(network=network):
            services.followup_answer(
                acting_user=citizen[0],
                membership=citizen[1],
                followup=followup,
                answer="niet_goed",
                remark="Komt vaak te laat",
            )
            followup.refresh_from_db()
            signal = Notification.objects.get(kind=kinds.FOLLOWUP_SIGNAL)
        assert followup.signalled and followup.answered_by == citizen[0]
        assert followup.remark == "Komt vaak te laat"
        assert signal.recipient == coordinator
        assert signal.title == (
            "Signaal: het gaat niet goed met de hulp bij boodschappen in Zuiderveen"
        )
        assert "Piet" not in signal.title + signal.body
        assert "Jansen" not in signal.title + signal.body

    def test_goed_is_no_signal_and_others_may_not_answer(self, network, citizen, members):
        followup = self.followup(network, audience="vrijwilliger", volunteer_user=citizen[0])
        partner = members["partner"]
        with scope(network=network):
            with pytest.raises(PermissionDenied):
                services.followup_answer(
                    acting_user=partner,
                    membership=membership_of(partner, network),
                    followup=followup,
                    answer="goed",
                )
            services.followup_answer(
                acting_user=citizen[0], membership=citizen[1], followup=followup, answer="goed"
            )
            assert not Notification.objects.filter(kind=kinds.FOLLOWUP_SIGNAL).exists()
        assert not followup.signalled

    def test_coordinator_records_an_answer_after_a_phone_call(self, network, coord):
        followup = self.followup(network)
        with scope(network=network):
            services.followup_answer(
                acting_user=coord[0], membership=coord[1], followup=followup, answer="niet_goed"
            )
            # The coordinator recorded it: no notification to themselves.
            assert not Notification.objects.filter(recipient=coord[0]).exists()
        assert followup.signalled


@pytest.mark.django_db
class TestProfilesAndHours:
    def test_register_self_once(self, network, citizen):
        with scope(network=network):
            profile = services.volunteer_create(
                acting_user=citizen[0],
                membership=citizen[1],
                network=network,
                user=citizen[0],
                kinds=["tuin"],
                availability=["za-ochtend"],
            )
            assert profile.name == citizen[0].full_name
            with pytest.raises(ValidationError, match="al als vrijwilliger"):
                services.volunteer_create(
                    acting_user=citizen[0],
                    membership=citizen[1],
                    network=network,
                    user=citizen[0],
                )

    def test_only_the_coordinator_records_others(self, network, citizen, coord):
        with scope(network=network):
            with pytest.raises(PermissionDenied):
                services.volunteer_create(
                    acting_user=citizen[0], membership=citizen[1], network=network, name="X"
                )
            profile = services.volunteer_create(
                acting_user=coord[0],
                membership=coord[1],
                network=network,
                name="Truus",
                contact="0512-222222",
            )
            assert VolunteerProfile.objects.get(pk=profile.pk).contact == "0512-222222"
            with pytest.raises(PermissionDenied):
                services.volunteer_update(
                    acting_user=citizen[0],
                    membership=citizen[1],
                    profile=profile,
                    expected_version=1,
                    name="Y",
                )

    def test_hours_only_own_and_valid(self, network, citizen, members):
        profile = make_volunteer(network, user=citizen[0])
        match = make_match(make_request(network, kind="vervoer"), profile, status="lopend")
        other = make_volunteer(network, "Ander", user=members["partner"])
        today = timezone.localdate()
        with scope(network=network):
            entry = services.hours_log(
                acting_user=citizen[0],
                membership=citizen[1],
                volunteer=profile,
                date=today,
                hours=Decimal("1.5"),
                match=match,
            )
            assert entry.kind == "vervoer"
            with pytest.raises(PermissionDenied):
                services.hours_log(
                    acting_user=citizen[0],
                    membership=citizen[1],
                    volunteer=other,
                    date=today,
                    hours=1,
                    kind="tuin",
                )
            with pytest.raises(ValidationError) as error:
                services.hours_log(
                    acting_user=citizen[0],
                    membership=citizen[1],
                    volunteer=profile,
                    date=today + timedelta(days=1),
                    hours=Decimal(30),
                )
            assert set(error.value.error_dict) == {"date", "hours", "kind"}

    def test_coordinator_logs_hours_only_for_volunteers_without_account(
        self, network, coord, citizen
    ):
        without = make_volunteer(network, "Zonder account")
        with_account = make_volunteer(network, "Met account", user=citizen[0])
        today = timezone.localdate()
        with scope(network=network):
            entry = services.hours_log(
                acting_user=coord[0],
                membership=coord[1],
                volunteer=without,
                date=today,
                hours=Decimal(2),
                kind="tuin",
            )
            assert entry.created_by == coord[0]
            with pytest.raises(PermissionDenied):
                services.hours_log(
                    acting_user=coord[0],
                    membership=coord[1],
                    volunteer=with_account,
                    date=today,
                    hours=Decimal(2),
                    kind="tuin",
                )
            with pytest.raises(PermissionDenied):
                services.hours_log(
                    acting_user=citizen[0],
                    membership=citizen[1],
                    volunteer=without,
                    date=today,
                    hours=Decimal(2),
                    kind="tuin",
                )


@pytest.mark.django_db
def test_membership_factory_volunteer_in_other_network_is_invisible(network, other_network):
    """Profiles are per network: the same person in two networks has two profiles."""
    member = MembershipFactory(network=other_network, role="citizen").user
    make_volunteer(other_network, user=member)
    with scope(network=network):
        assert not VolunteerProfile.objects.filter(user=member).exists()
