from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope

from tests.support.concurrency import one_edit_lands
from wijknet.actions.models import Action, Goal
from wijknet.core.locking import ConcurrentEditError
from wijknet.core.models import AuditEvent
from wijknet.initiatives import access, queries, services
from wijknet.initiatives.models import Initiative, InitiativeStatus, Support
from wijknet.notifications.models import Notification

from .helpers import bring_in, membership_of, respond, support

pytestmark = pytest.mark.django_db


def test_a_citizen_brings_in_an_idea_and_the_kartrekker_hears_of_it(network, members):
    citizen = members["citizen"]
    idea = bring_in(
        network,
        citizen,
        title="Wandelgroep",
        for_whom="ouderen",
        place="Spoorbuurt",
        needs="een begeleider",
        who_joins="de buurvrouw",
    )
    assert idea.initiator == citizen and idea.initiator_role == "citizen"
    assert idea.status == InitiativeStatus.NEW
    with scope(network=network):
        notes = Notification.objects.filter(kind="initiative_new")
        assert [n.recipient for n in notes] == [members["coordinator"]]
        assert "Wandelgroep" in notes[0].title
        assert AuditEvent.objects.filter(action="initiative.created").count() == 1


def test_a_viewer_cannot_bring_in_an_idea(network, members):
    with pytest.raises(PermissionDenied):
        bring_in(network, members["viewer"])


def test_an_empty_title_is_refused_in_dutch(network, members):
    with pytest.raises(ValidationError) as error:
        bring_in(network, members["citizen"], title="   ")
    assert "wat het idee is" in str(error.value)


def test_one_support_per_member_changed_and_withdrawn(network, members):
    idea = bring_in(network, members["citizen"])
    support(network, members["partner"], idea)
    support(network, members["partner"], idea, offers_help=True, help_text="koffie zetten")
    with scope(network=network):
        rows = list(Support.objects.filter(initiative=idea))
        assert len(rows) == 1 and rows[0].offers_help and rows[0].help_text == "koffie zetten"
        services.support_withdraw(
            acting_user=members["partner"],
            membership=membership_of(network, members["partner"]),
            initiative=idea,
        )
        assert not Support.objects.filter(initiative=idea).exists()
        with pytest.raises(ValidationError):
            services.support_withdraw(
                acting_user=members["partner"],
                membership=membership_of(network, members["partner"]),
                initiative=idea,
            )


def test_the_initiator_does_not_support_their_own_idea(network, members):
    idea = bring_in(network, members["citizen"])
    with pytest.raises(PermissionDenied):
        support(network, members["citizen"], idea)


def test_not_picking_up_needs_a_reason_and_tells_the_initiator(network, members):
    idea = bring_in(network, members["citizen"])
    with pytest.raises(ValidationError) as error:
        respond(network, members["core"], idea, InitiativeStatus.DECLINED)
    assert "waarom" in str(error.value)
    with scope(network=network):
        idea.refresh_from_db()
    respond(network, members["core"], idea, InitiativeStatus.DECLINED, "Past niet bij ons doel.")
    with scope(network=network):
        idea.refresh_from_db()
        assert idea.status == InitiativeStatus.DECLINED and idea.responded_at is not None
        assert idea.responded_by == members["core"]
        note = Notification.objects.get(kind="initiative_response")
        assert note.recipient == members["citizen"]
        # Finished: the initiator no longer edits it, nobody supports it any more.
        assert not access.may_edit(membership_of(network, members["citizen"]), idea)
        assert not access.may_support(membership_of(network, members["partner"]), idea)


def test_only_the_kartrekker_and_core_group_respond(network, members):
    idea = bring_in(network, members["citizen"])
    for role in ("partner", "citizen"):
        with pytest.raises(PermissionDenied):
            respond(network, members[role], idea, InitiativeStatus.IN_TALKS)


def test_adopting_makes_a_goal_with_actions_and_links_both_ways(network, members):
    idea = bring_in(network, members["citizen"], title="Moestuin")
    with scope(network=network):
        goal = services.initiative_adopt(
            acting_user=members["coordinator"],
            membership=membership_of(network, members["coordinator"]),
            initiative=idea,
            expected_version=idea.version,
            goal_title="Een moestuin bij basisschool De Linde",
            measure="20 kinderen tuinieren mee",
            action_titles=["Grond vragen aan de gemeente", "", "Zaden kopen"],
        )
        idea.refresh_from_db()
        assert idea.goal == goal and idea.status == InitiativeStatus.PICKED_UP
        assert Goal.objects.get(pk=goal.pk).initiative == idea
        assert sorted(Action.objects.filter(goal=goal).values_list("title", flat=True)) == [
            "Grond vragen aan de gemeente",
            "Zaden kopen",
        ]
        assert "Moestuin" in goal.description
        assert Notification.objects.filter(
            kind="initiative_response", recipient=members["citizen"]
        ).exists()
        # Once: it has its goal now.
        with pytest.raises(PermissionDenied):
            services.initiative_adopt(
                acting_user=members["coordinator"],
                membership=membership_of(network, members["coordinator"]),
                initiative=idea,
                expected_version=idea.version,
                goal_title="Nog een",
            )


def test_a_stale_response_is_refused(network, members):
    idea = bring_in(network, members["citizen"])
    stale_version = idea.version
    respond(network, members["core"], idea, InitiativeStatus.IN_TALKS, "We bellen je.")
    with scope(network=network), pytest.raises(ConcurrentEditError):
        services.initiative_respond(
            acting_user=members["coordinator"],
            membership=membership_of(network, members["coordinator"]),
            initiative=Initiative.objects.get(pk=idea.pk),
            status=InitiativeStatus.DECLINED,
            response="Nee",
            expected_version=stale_version,
        )


def test_sixteen_editors_one_edit_lands(network, members):
    idea = bring_in(network, members["citizen"])
    coordinator = members["coordinator"]
    membership = membership_of(network, coordinator)

    def update(copy, value):
        services.initiative_update(
            acting_user=coordinator,
            membership=membership,
            initiative=copy,
            expected_version=copy.version,
            title=value,
        )

    one_edit_lands(network, Initiative, idea.pk, update, field="title", value=lambda n: f"T{n}")


def test_response_term_and_overdue(network, members):
    idea = bring_in(network, members["citizen"])
    with scope(network=network):
        assert queries.response_weeks(network) == 4
        Initiative.objects.filter(pk=idea.pk).update(created_at=timezone.now() - timedelta(weeks=3))
        idea.refresh_from_db()
        assert not queries.response_overdue(idea, 4)
        # "Mijn werk" reads the network's term with the list (default 4 weeks: not late yet).
        assert not queries.awaiting_response(network).items[0].overdue
        services.settings_update(
            acting_user=members["coordinator"],
            membership=membership_of(network, members["coordinator"]),
            network=network,
            expected_version=0,
            response_weeks=2,
        )
        assert queries.response_weeks(network) == 2
        assert queries.response_overdue(idea, 2)
        waiting = queries.awaiting_response(network)
        assert [i.pk for i in waiting] == [idea.pk] and waiting.items[0].overdue
        with pytest.raises(ValidationError):
            services.settings_update(
                acting_user=members["coordinator"],
                membership=membership_of(network, members["coordinator"]),
                network=network,
                expected_version=1,
                response_weeks=0,
            )
        with pytest.raises(PermissionDenied):
            services.settings_update(
                acting_user=members["core"],
                membership=membership_of(network, members["core"]),
                network=network,
                expected_version=1,
                response_weeks=3,
            )
