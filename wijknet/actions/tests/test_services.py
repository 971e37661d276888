import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from wijknet.actions import services
from wijknet.actions.models import Action, Success
from wijknet.core import analysis
from wijknet.core.locking import ConcurrentEditError

from .helpers import (
    audit_actions,
    days,
    fresh,
    make_action,
    make_goal,
    make_meeting,
    make_success,
    moment,
    today,
)

pytestmark = pytest.mark.django_db


class TestGoals:
    def test_create_update_review_are_audited(self, network, coordinator):
        with scope(network=network):
            goal = services.goal_create(
                acting_user=coordinator,
                network=network,
                title="Meer ouderen bewegen",
                measure="40 deelnemers aan de wandelgroep",
                target_date=days(200),
            )
            services.goal_update(
                acting_user=coordinator, goal=goal, expected_version=1, title="Ouderen bewegen"
            )
            assert goal.reviewed_on is None
            services.goal_review(acting_user=coordinator, goal=goal, status="achieved")
        goal = fresh(goal)
        assert goal.title == "Ouderen bewegen"
        assert goal.reviewed_on == today()
        assert goal.status == "achieved"
        assert audit_actions(network) == ["goal.created", "goal.updated", "goal.reviewed"]

    def test_review_refuses_unknown_status(self, network, coordinator):
        goal = make_goal(network)
        with scope(network=network), pytest.raises(ValidationError):
            services.goal_review(acting_user=coordinator, goal=goal, status="klaar")

    def test_unknown_field_is_a_programming_error(self, network, coordinator):
        with scope(network=network), pytest.raises(TypeError):
            services.goal_create(acting_user=coordinator, network=network, title="X", owner=1)


class TestActions:
    def test_create_with_goal_owner_partner_and_meeting(self, network, coordinator, members):
        goal = make_goal(network)
        partner = PartnerFactory(network=network)
        meeting = make_meeting(network, starts_in_days=-3)
        with scope(network=network):
            action = services.action_create(
                acting_user=coordinator,
                network=network,
                title="Flyer maken",
                goal=goal,
                owner=members["partner"],
                owner_partner=partner,
                meeting=meeting,
                due_on=days(14),
            )
        assert (action.goal, action.owner_partner, action.meeting) == (goal, partner, meeting)
        assert action.completed_on is None and action.version == 1
        assert audit_actions(network) == ["action.created"]

    def test_links_to_another_network_are_refused(
        self, network, other_network, coordinator, outsider
    ):
        foreign_goal = make_goal(other_network)
        foreign_partner = PartnerFactory(network=other_network)
        foreign_meeting = make_meeting(other_network)
        cases = {
            "goal": foreign_goal,
            "owner_partner": foreign_partner,
            "meeting": foreign_meeting,
            "owner": outsider,
        }
        for field, value in cases.items():
            with scope(network=network), pytest.raises(ValidationError) as error:
                services.action_create(
                    acting_user=coordinator, network=network, title="X", **{field: value}
                )
            assert field in error.value.error_dict, field
        with scope(network=network):
            assert Action.objects.count() == 0

    def test_ended_partner_or_member_cannot_become_owner(self, network, coordinator):
        ended_partner = PartnerFactory(network=network, left_on=days(-1))
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.action_create(
                acting_user=coordinator, network=network, title="X", owner_partner=ended_partner
            )
        assert "Kies een actieve partner" in error.value.messages[0]
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.action_create(
                acting_user=coordinator, network=network, title="X", owner=UserFactory()
            )
        assert "moet lid zijn" in error.value.messages[0]

    def test_a_viewer_cannot_own_an_action(self, network, coordinator, members):
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.action_create(
                acting_user=coordinator, network=network, title="X", owner=members["viewer"]
            )
        assert error.value.message_dict == {
            "owner": ["De eigenaar moet lid zijn van het netwerk en de acties kunnen zien."]
        }

    def test_an_owner_who_left_may_stay_owner(self, network, coordinator):
        ended_partner = PartnerFactory(network=network, left_on=days(-1))
        action = make_action(network, owner_partner=ended_partner)
        with scope(network=network):
            services.action_update(
                acting_user=coordinator,
                action=action,
                expected_version=1,
                owner_partner=ended_partner,
                title="Nieuwe titel",
            )
        assert fresh(action).title == "Nieuwe titel"

    def test_done_sets_completed_on_and_reopening_clears_it(self, network, coordinator):
        action = make_action(network)
        with scope(network=network):
            services.action_update(
                acting_user=coordinator, action=action, expected_version=1, status="done"
            )
            assert fresh(action).completed_on == today()
            services.action_update(
                acting_user=coordinator, action=action, expected_version=2, status="in_progress"
            )
        action = fresh(action)
        assert action.completed_on is None and action.version == 3

    def test_created_as_done_is_completed_today(self, network, coordinator):
        with scope(network=network):
            action = services.action_create(
                acting_user=coordinator, network=network, title="Al gedaan", status="done"
            )
        assert action.completed_on == today()

    def test_stale_version_is_refused(self, network, coordinator):
        action = make_action(network)
        with scope(network=network):
            services.action_update(
                acting_user=coordinator, action=action, expected_version=1, title="Eerste"
            )
            with pytest.raises(ConcurrentEditError):
                services.action_update(
                    acting_user=coordinator, action=action, expected_version=1, title="Tweede"
                )
        assert fresh(action).title == "Eerste"

    def test_owner_without_edit_permission_may_report_status_and_result(self, network, members):
        owner = members["citizen"]
        action = make_action(network, owner=owner)
        with scope(network=network):
            services.action_update(
                acting_user=owner,
                action=action,
                expected_version=1,
                status="done",
                result="Twaalf mensen liepen mee",
            )
        action = fresh(action)
        assert (action.status, action.result) == ("done", "Twaalf mensen liepen mee")
        assert action.completed_on == today()
        assert audit_actions(network) == ["action.updated"]

    def test_owner_without_edit_permission_may_not_change_anything_else(self, network, members):
        owner = members["partner"]
        action = make_action(network, owner=owner)
        with scope(network=network), pytest.raises(PermissionDenied):
            services.action_update(
                acting_user=owner, action=action, expected_version=1, status="done", title="X"
            )
        assert fresh(action).title == "Wandelgroep starten"

    def test_other_member_without_edit_permission_is_refused(self, network, members):
        action = make_action(network, owner=members["citizen"])
        with scope(network=network), pytest.raises(PermissionDenied):
            services.action_update(
                acting_user=members["partner"], action=action, expected_version=1, status="done"
            )
        assert fresh(action).status == "open"

    def test_core_member_may_change_any_action(self, network, members):
        action = make_action(network, owner=members["citizen"])
        with scope(network=network):
            services.action_update(
                acting_user=members["core"], action=action, expected_version=1, status="dropped"
            )
        assert fresh(action).status == "dropped"

    def test_former_member_is_refused(self, network, members):
        former = MembershipFactory(network=network, role="core", ended_at=moment(-1)).user
        action = make_action(network)
        with scope(network=network), pytest.raises(PermissionDenied):
            services.action_update(
                acting_user=former, action=action, expected_version=1, status="done"
            )


class TestSuccesses:
    def test_create_records_who_and_audits(self, network, coordinator):
        goal = make_goal(network)
        with scope(network=network):
            success = services.success_create(
                acting_user=coordinator,
                network=network,
                title="50 deelnemers",
                description="De wandelgroep heeft vijftig deelnemers",
                happened_on=today(),
                goal=goal,
            )
        assert success.created_by == coordinator and success.shared_at is None
        assert audit_actions(network) == ["success.created"]

    def test_goal_of_another_network_is_refused(self, network, other_network, coordinator):
        with scope(network=network), pytest.raises(ValidationError):
            services.success_create(
                acting_user=coordinator,
                network=network,
                title="X",
                happened_on=today(),
                goal=make_goal(other_network),
            )


def mail_callbacks(callbacks):
    """The commit callbacks that queue mail (a change also queues an analysis recompute)."""
    return [c for c in callbacks if not isinstance(c, analysis.AfterChange)]


class TestDigest:
    def send(self, network, user, capture):
        with scope(network=network), capture(execute=True) as callbacks:
            digest = services.digest_send(acting_user=user, network=network)
        return digest, mail_callbacks(callbacks)

    def test_one_mail_per_current_member_with_the_news(
        self, network, members, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        MembershipFactory(network=network, user__email="oud-lid@example.org", ended_at=moment(-3))
        make_success(network, title="Vijftig wandelaars", description="Een mijlpaal")
        make_success(network, title="Al gedeeld", shared_at=moment(-5))
        make_action(network, title="Flyer verspreid", status="done", completed_on=days(-2))
        make_action(network, title="Oude klus", status="done", completed_on=days(-60))
        make_action(network, title="Nog te doen")
        make_meeting(network, title="Leersessie bewegen", starts_in_days=10)
        make_meeting(network, title="Vorige bijeenkomst", starts_in_days=-10)

        digest, callbacks = self.send(network, coordinator, django_capture_on_commit_callbacks)

        assert len(callbacks) == len(members) == len(mailoutbox)
        assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in members.values())
        mail = next(m for m in mailoutbox if m.to == ["partner@example.org"])
        assert mail.subject == "Nieuws uit het netwerk Gezond Oost"
        body = mail.body
        assert "Beste Partner Persoon," in body
        assert "Vijftig wandelaars" in body and "Een mijlpaal" in body
        assert "Flyer verspreid" in body
        assert "Leersessie bewegen" in body
        for old_news in ("Al gedeeld", "Oude klus", "Nog te doen", "Vorige bijeenkomst"):
            assert old_news not in body
        assert "/n/gezond-oost/doelen/" in body
        assert "Coordinator Persoon" in body
        with scope(network=network):
            assert Success.objects.filter(shared_at__isnull=True).count() == 0
        assert audit_actions(network)[-1] == "digest.sent"

    def test_nothing_new_is_refused_and_sends_nothing(
        self, network, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        make_success(network)
        self.send(network, coordinator, django_capture_on_commit_callbacks)
        sent = len(mailoutbox)
        with pytest.raises(ValidationError) as error:
            self.send(network, coordinator, django_capture_on_commit_callbacks)
        assert "geen nieuws" in error.value.messages[0]
        assert len(mailoutbox) == sent

    def test_mail_waits_for_the_commit(
        self, network, members, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        make_success(network)
        with (
            scope(network=network),
            django_capture_on_commit_callbacks(execute=False) as callbacks,
        ):
            services.digest_send(acting_user=coordinator, network=network)
        # Mail is queued only on commit, never during the transaction itself.
        assert mailoutbox == [] and len(mail_callbacks(callbacks)) == len(members)
