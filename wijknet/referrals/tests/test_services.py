from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.core.models import AuditEvent
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification
from wijknet.referrals.models import Referral, ReferralEvent, Status

from .conftest import backdate, move, refer

pytestmark = pytest.mark.django_db


def notifications(user, kind):
    with scopes_disabled():
        return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk"))


class TestCreate:
    def test_offer_decides_the_receiver_and_sector_is_copied(self, world):
        referral = refer(world)
        assert referral.receiving_partner == world.sport_partner
        assert referral.referrer_organisation == world.gp_partner.organisation
        assert referral.referrer_sector == "huisartsenzorg"
        assert referral.offer_kind == "sport"
        assert referral.status == Status.VERWEZEN
        assert referral.consent_recorded_by == world.gp
        assert referral.consent_recorded_at is not None
        with scopes_disabled():
            assert list(ReferralEvent.objects.values_list("status", flat=True)) == ["verwezen"]
            audit = AuditEvent.objects.get(action="referral.created")
        # No personal details in the audit trail.
        assert "Mevrouw" not in audit.summary

    def test_sector_stays_when_organisation_changes_sector(self, world):
        referral = refer(world)
        organisation = world.gp_partner.organisation
        organisation.sector = "welzijn"
        with scopes_disabled():
            organisation.save()
            assert Referral.objects.get(pk=referral.pk).referrer_sector == "huisartsenzorg"

    def test_direct_to_a_partner(self, world):
        referral = refer(world, partner=world.welzijn_partner)
        assert referral.offer is None and referral.offer_kind == ""
        assert referral.receiving_partner == world.welzijn_partner

    def test_without_consent_is_refused_in_dutch(self, world):
        with pytest.raises(ValidationError) as error:
            refer(world, consent_given=False)
        assert "Zonder toestemming van de bewoner" in str(error.value)
        with scopes_disabled():
            assert not Referral.objects.exists()

    @pytest.mark.parametrize("year", [1899, timezone.now().year + 1, None])
    def test_implausible_birth_year_is_refused(self, world, year):
        with pytest.raises(ValidationError) as error:
            refer(world, resident_birth_year=year)
        assert "resident_birth_year" in error.value.error_dict

    def test_offer_and_other_receiver_conflict(self, world):
        with pytest.raises(ValidationError) as error:
            refer(world, offer=world.offer, partner=world.welzijn_partner)
        assert "receiving_partner" in error.value.error_dict

    def test_neither_offer_nor_partner(self, world):
        from wijknet.referrals import services

        from .conftest import membership_of

        with scope(network=world.network), pytest.raises(ValidationError):
            services.referral_create(
                acting_user=world.gp,
                membership=membership_of(world.network, world.gp),
                network=world.network,
                resident_name="X",
                resident_contact="x",
                resident_birth_year=1970,
                consent_given=True,
                reason="r",
            )

    def test_partner_of_another_network_is_refused(self, world, other_network):
        from tests.factories import PartnerFactory

        foreign = PartnerFactory(network=other_network)
        with pytest.raises(ValidationError):
            refer(world, partner=foreign)

    def test_citizen_may_not_refer(self, world, members):
        with pytest.raises(PermissionDenied):
            refer(world, members["citizen"])

    def test_sensitive_text_is_encrypted_at_rest(self, world):
        referral = refer(world)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT resident_contact, reason, goals FROM referrals_referral WHERE id = %s",
                [referral.pk],
            )
            row = cursor.fetchone()
        assert all(value.startswith("fernet:") for value in row)
        assert "06-12345678" not in "".join(row)

    def test_receiving_organisation_is_notified(self, world):
        refer(world)
        incoming = notifications(world.coach, kinds.REFERRAL_INCOMING)
        assert len(incoming) == 1
        assert "Wandelvoetbal 60+" in incoming[0].title
        # The notification (possibly e-mailed) holds no personal details.
        assert "Mevrouw" not in incoming[0].title + incoming[0].body
        assert notifications(world.welzijn, kinds.REFERRAL_INCOMING) == []
        assert notifications(world.gp, kinds.REFERRAL_INCOMING) == []


class TestPipeline:
    def test_forward_with_feedback_to_the_referrer(self, world):
        referral = refer(world)
        for status in ("contact", "intake", "gestart"):
            referral = move(world, referral, status)
        assert referral.status == "gestart"
        assert referral.contact_at and referral.intake_at and referral.started_at
        feedback = notifications(world.gp, kinds.REFERRAL_STATUS)
        assert [n.title for n in feedback] == [
            "Terugkoppeling: Contact gelegd",
            "Terugkoppeling: Intake",
            "Terugkoppeling: Gestart",
        ]
        with scopes_disabled():
            events = list(referral.events.order_by("at", "pk").values_list("status", flat=True))
        assert events == ["verwezen", "contact", "intake", "gestart"]

    def test_may_skip_forward_but_never_back(self, world):
        referral = move(world, refer(world), "gestart")
        with pytest.raises(ValidationError) as error:
            move(world, referral, "contact")
        assert "kan de verwijzing niet naar" in str(error.value)

    @pytest.mark.parametrize("status", ["gestopt", "actief_3m"])
    def test_not_allowed_before_start(self, world, status):
        with pytest.raises(ValidationError):
            move(world, refer(world), status)

    def test_ending_needs_a_reason(self, world):
        referral = refer(world)
        with pytest.raises(ValidationError) as error:
            move(world, referral, "niet_gestart")
        assert "end_reason" in error.value.error_dict
        with pytest.raises(ValidationError) as error:
            move(world, referral, "niet_gestart", end_reason="anders")
        assert "note" in error.value.error_dict
        referral = move(world, referral, "niet_gestart", end_reason="geen_contact")
        assert referral.end_reason == "geen_contact" and referral.ended_at
        feedback = notifications(world.gp, kinds.REFERRAL_STATUS)[-1]
        assert "Reden: Geen contact kunnen leggen." in feedback.body

    def test_closed_referral_stays_closed(self, world):
        referral = move(world, refer(world), "niet_gestart", end_reason="kosten")
        with pytest.raises(ValidationError) as error:
            move(world, referral, "contact")
        assert "afgesloten" in str(error.value)

    def test_active_after_three_months_only(self, world):
        referral = refer(world)
        backdate(referral, 120)
        start = timezone.now() - timedelta(days=100)
        referral = move(world, referral, "gestart", at=start)
        with pytest.raises(ValidationError) as error:
            move(world, referral, "actief_3m", at=start + timedelta(days=30))
        assert "drie maanden" in str(error.value)
        referral = move(world, referral, "actief_3m")
        assert referral.status == "actief_3m"

    def test_dates_not_before_previous_step_nor_in_future(self, world):
        referral = refer(world)
        with pytest.raises(ValidationError) as error:
            move(world, referral, "contact", at=timezone.now() - timedelta(days=3))
        assert "vóór de vorige stap" in str(error.value)
        with pytest.raises(ValidationError) as error:
            move(world, referral, "contact", at=timezone.now() + timedelta(days=3))
        assert "toekomst" in str(error.value)

    def test_a_step_on_the_same_day_as_the_previous_one_keeps_the_order(self, world):
        referral = refer(world)
        created = backdate(referral, 2)
        start_of_that_day = timezone.localtime(created).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        referral = move(world, referral, "contact", at=start_of_that_day)
        assert referral.contact_at == created

    def test_only_the_receiver_updates(self, world, coordinator):
        referral = refer(world)
        for user in (world.gp, world.welzijn, coordinator):
            with pytest.raises(PermissionDenied):
                move(world, referral, "contact", user=user)

    def test_concurrent_update_is_refused(self, world):
        from wijknet.referrals import services

        from .conftest import membership_of

        referral = refer(world)
        with scope(network=world.network):
            stale = Referral.objects.select_related("receiving_partner").get(pk=referral.pk)
        move(world, referral, "contact")
        with scope(network=world.network), pytest.raises(ValidationError) as error:
            services.referral_update_status(
                acting_user=world.coach,
                membership=membership_of(world.network, world.coach),
                referral=stale,
                status="intake",
                expected_version=stale.version,
            )
        assert "Iemand anders heeft dit intussen gewijzigd" in str(error.value)
