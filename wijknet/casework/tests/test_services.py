from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory
from wijknet.accesslog.models import AccessLogRecord
from wijknet.core.locking import ConcurrentEditError
from wijknet.core.models import AuditEvent
from wijknet.networks.roles import Role

from .. import access, services
from ..models import CarePlan, CareTeamMember, Client, Consent, Dimension, PlanAction

pytestmark = pytest.mark.django_db


def _consent_fields(orgs, **extra):
    return {
        "purpose": "plan",
        "organisations": orgs,
        "given_by": "resident",
        "representative_name": "",
        "method": "schriftelijk",
        "given_at": timezone.localdate(),
        "valid_until": None,
    } | extra


class TestAccessRule:
    def test_recorder_and_team_member_with_consent_see_the_client(self, case):
        with scope(network=case.network):
            assert access.can_see(case.client, case.recorder_membership)
            assert access.can_see(case.client, case.member_membership)
            visible = access.visible_clients(case.network, case.member_membership)
            assert list(visible) == [case.client]

    def test_outsiders_and_coordinators_not_on_the_team_do_not(self, case, coordinator):
        with scope(network=case.network):
            outside = case.outside.memberships.get()
            assert not access.can_see(case.client, outside)
            coord = coordinator.memberships.get()
            assert not access.can_see(case.client, coord)
            assert list(access.visible_clients(case.network, coord)) == []

    def test_withdrawal_takes_effect_at_once(self, case):
        with scope(network=case.network):
            services.consent_withdraw(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                consent=case.consent,
            )
            assert not access.can_see(case.client, case.member_membership)
            assert access.can_see(case.client, case.recorder_membership)

    def test_expired_and_future_consent_give_no_access(self, case):
        with scope(network=case.network):
            Consent.objects.filter(pk=case.consent.pk).update(
                valid_until=timezone.localdate() - timedelta(days=1)
            )
            assert not access.can_see(case.client, case.member_membership)

    def test_superseded_consent_counts_no_more_but_its_successor_does(self, case):
        with scope(network=case.network):
            new = services.consent_supersede(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                consent=case.consent,
                **_consent_fields([case.org_a]),
            )
            case.consent.refresh_from_db()
            assert case.consent.superseded_by == new
            # the new consent no longer names the team member's organisation
            assert not access.can_see(case.client, case.member_membership)

    def test_ended_membership_loses_access(self, case):
        m = case.member_membership
        m.ended_at = timezone.now()
        m.save()
        with scope(network=case.network):
            assert not access.can_see(case.client, m)

    def test_consent_for_another_purpose_still_must_cover_the_organisation(self, case):
        with scope(network=case.network):
            outside = case.outside.memberships.get()
            CareTeamMember.objects.create(
                network=case.network, client=case.client, membership=outside, role="x"
            )
            assert not access.can_see(case.client, outside)


class TestConsent:
    def test_a_consent_is_never_edited_only_withdrawn_or_superseded(self):
        assert not hasattr(services, "consent_update")
        assert not hasattr(services, "consent_edit")

    def test_withdrawing_twice_fails(self, case):
        with scope(network=case.network):
            kwargs = dict(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                consent=case.consent,
            )
            services.consent_withdraw(**kwargs)
            with pytest.raises(ValidationError):
                services.consent_withdraw(**kwargs)

    def test_representative_needs_a_name_and_dates_are_checked(self, case):
        with scope(network=case.network), pytest.raises(ValidationError) as error:
            services.consent_record(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                **_consent_fields(
                    [case.org_a],
                    given_by="representative",
                    valid_until=timezone.localdate() - timedelta(days=3),
                ),
            )
        assert set(error.value.error_dict) == {"representative_name", "valid_until"}

    def test_consent_text_version_1_is_created_once_per_network(self, case):
        with scope(network=case.network):
            services.consent_record(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                **_consent_fields([case.org_c]),
            )
            texts = {c.consent_text_id for c in Consent.objects.all()}
            assert len(texts) == 1
            assert Consent.objects.first().consent_text.version == 1

    def test_someone_who_cannot_see_the_client_cannot_record_consent(self, case):
        with scope(network=case.network), pytest.raises(PermissionDenied):
            services.consent_record(
                acting_user=case.outside,
                membership=case.outside.memberships.get(),
                client=case.client,
                **_consent_fields([case.org_c]),
            )


class TestTeam:
    def test_adding_without_consent_for_the_organisation_fails_in_dutch(self, case):
        with scope(network=case.network), pytest.raises(ValidationError) as error:
            services.team_add(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                member_membership=case.outside.memberships.get(),
                role="Ouderenwerker",
            )
        assert "geen geldige toestemming" in str(error.value)

    def test_exactly_one_coordinating_contact(self, case):
        with scope(network=case.network):
            services.consent_supersede(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                consent=case.consent,
                **_consent_fields([case.org_a, case.org_b, case.org_c]),
            )
            second = services.team_add(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                member_membership=case.outside.memberships.get(),
                role="Ouderenwerker",
            )
            assert case.team_member.is_coordinating_contact
            assert not second.is_coordinating_contact
            services.team_set_coordinating(
                acting_user=case.recorder, membership=case.recorder_membership, member=second
            )
            coordinating = CareTeamMember.objects.filter(
                client=case.client, is_coordinating_contact=True
            )
            assert list(coordinating) == [second]

    def test_who_added_whom_is_recorded(self, case):
        assert case.team_member.added_by == case.recorder

    def test_a_citizen_cannot_join_a_team(self, case):
        citizen = MembershipFactory(
            network=case.network, role=Role.CITIZEN, organisation=case.org_a
        )
        with scope(network=case.network), pytest.raises(ValidationError):
            services.team_add(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                member_membership=citizen,
                role="Buur",
            )


class TestPlan:
    def test_two_concurrent_editors_lose_no_update(self, case):
        with scope(network=case.network):
            first = CarePlan.objects.get(client=case.client)
            second = CarePlan.objects.get(client=case.client)
            first.client = second.client = case.client
            services.plan_update(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                plan=first,
                expected_version=first.version,
                wil="Weer zelf boodschappen doen",
                kan="",
                heb_nodig="",
                evaluation="",
            )
            with pytest.raises(ConcurrentEditError):
                services.plan_update(
                    acting_user=case.member,
                    membership=case.member_membership,
                    plan=second,
                    expected_version=second.version,
                    wil="Iets anders",
                    kan="",
                    heb_nodig="",
                    evaluation="",
                )
            stored = CarePlan.objects.get(client=case.client)
            assert stored.wil == "Weer zelf boodschappen doen"
            assert stored.version == 2

    def test_plan_text_is_encrypted_at_rest(self, case):
        with scope(network=case.network):
            plan = CarePlan.objects.get(client=case.client)
            plan.client = case.client
            services.plan_update(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                plan=plan,
                expected_version=plan.version,
                wil="Geheim voornemen",
                kan="",
                heb_nodig="",
                evaluation="",
            )
        with connection.cursor() as cursor:
            cursor.execute("SELECT wil FROM casework_careplan")
            (raw,) = cursor.fetchone()
            cursor.execute("SELECT contact FROM casework_client")
            (contact,) = cursor.fetchone()
        assert raw.startswith("fernet:") and "Geheim" not in raw
        assert contact.startswith("fernet:")

    def test_mdo_agreements_become_plan_actions(self, case):
        with scope(network=case.network):
            conference = services.conference_record(
                acting_user=case.member,
                membership=case.member_membership,
                client=case.client,
                participants=[case.team_member],
                agreements=[
                    {
                        "text": "Oefeningen thuis",
                        "responsible": case.team_member,
                        "due_on": timezone.localdate() + timedelta(days=14),
                    },
                    {"text": "Mantelzorger bellen", "responsible": None, "due_on": None},
                ],
                held_on=timezone.localdate(),
                resident_present=True,
                mantelzorger_present=False,
                others="",
                notes="",
                fed_back_resident=True,
                fed_back_mantelzorger=False,
                feedback_how="huisbezoek",
                feedback_on=timezone.localdate(),
            )
            actions = PlanAction.objects.filter(plan__client=case.client).order_by("pk")
            assert [a.text for a in actions] == ["Oefeningen thuis", "Mantelzorger bellen"]
            assert all(a.conference == conference for a in actions)

    def test_feedback_needs_a_how(self, case):
        with scope(network=case.network), pytest.raises(ValidationError):
            services.conference_record(
                acting_user=case.member,
                membership=case.member_membership,
                client=case.client,
                participants=[],
                agreements=[],
                held_on=timezone.localdate(),
                resident_present=True,
                mantelzorger_present=False,
                others="",
                notes="",
                fed_back_resident=True,
                fed_back_mantelzorger=False,
                feedback_how="",
                feedback_on=None,
            )


class TestPositiveHealth:
    def test_scores_must_be_complete_and_within_0_10(self, case):
        scores = {d: (5, "", False) for d in Dimension.values}
        scores["zingeving"] = (11, "", False)
        with scope(network=case.network), pytest.raises(ValidationError):
            services.measurement_record(
                acting_user=case.member,
                membership=case.member_membership,
                client=case.client,
                measured_on=timezone.localdate(),
                filled_by="resident",
                scores=scores,
            )


class TestErasure:
    def test_erasure_deletes_everything_and_leaves_a_tombstone(self, case):
        uuid = case.client.uuid
        with scope(network=case.network):
            services.measurement_record(
                acting_user=case.member,
                membership=case.member_membership,
                client=case.client,
                measured_on=timezone.localdate(),
                filled_by="resident",
                scores={d: (6, "Opmerking", True) for d in Dimension.values},
            )
            with pytest.raises(ValidationError):
                services.client_erase(
                    acting_user=case.recorder,
                    membership=case.recorder_membership,
                    client=case.client,
                    confirm_name="Iemand anders",
                )
            services.client_erase(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                confirm_name="anna de wit ",
            )
        with scopes_disabled():
            assert not Client.objects.exists()
            from django.apps import apps

            for model in apps.get_app_config("casework").get_models():
                if model.__name__ != "ConsentText":
                    assert not model.objects.exists(), model
            tombstone = AccessLogRecord.objects.filter(client_uuid=uuid).order_by("-id").first()
            assert tombstone.action == "delete"
            assert tombstone.category == "erasure"
            assert tombstone.consent_uuid is None
            assert "Anna" not in tombstone.detail
            assert not AuditEvent.objects.filter(summary__icontains="Anna").exists()

    def test_only_recorder_or_coordinating_contact_may_erase(self, case):
        with scope(network=case.network):
            services.consent_supersede(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                consent=case.consent,
                **_consent_fields([case.org_a, case.org_b, case.org_c]),
            )
            other = services.team_add(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                member_membership=case.outside.memberships.get(),
                role="Ouderenwerker",
            )
            assert not other.is_coordinating_contact
            with pytest.raises(PermissionDenied):
                services.client_erase(
                    acting_user=case.outside,
                    membership=case.outside.memberships.get(),
                    client=case.client,
                    confirm_name=case.client.name,
                )


def test_no_client_names_in_the_audit_log(case):
    with scopes_disabled():
        summaries = " ".join(AuditEvent.objects.values_list("summary", flat=True))
    assert "Anna" not in summaries and "Karel" not in summaries


def test_every_write_is_in_the_access_log(case):
    with scopes_disabled():
        records = list(AccessLogRecord.objects.filter(client_uuid=case.client.uuid).order_by("id"))
    assert [(r.action, r.category) for r in records] == [
        ("create", "identity"),
        ("create", "consent"),
        ("create", "team"),
    ]
    assert records[2].consent_uuid == case.consent.uuid


def test_a_new_consent_text_version_applies_to_new_consents_only(case, coordinator):
    with scope(network=case.network):
        coord = coordinator.memberships.get()
        with pytest.raises(PermissionDenied):
            services.consent_text_publish(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                network=case.network,
                text="Nieuwe tekst",
            )
        published = services.consent_text_publish(
            acting_user=coordinator,
            membership=coord,
            network=case.network,
            text="Nieuwe tekst",
        )
        assert published.version == 2
        new = services.consent_record(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            **_consent_fields([case.org_c]),
        )
        case.consent.refresh_from_db()
        assert case.consent.consent_text.version == 1
        assert new.consent_text.version == 2
