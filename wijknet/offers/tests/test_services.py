from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, PartnerFactory
from wijknet.core.locking import ConcurrentEditError
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Membership
from wijknet.offers import access, queries, services
from wijknet.offers.models import Offer

from .helpers import make_offer, partner_member


@pytest.fixture
def coordinator_membership(network, coordinator):
    with scopes_disabled():
        return Membership.objects.get(network=network, user=coordinator)


@pytest.mark.django_db
class TestWrites:
    def test_create_is_audited_and_confirmed(self, network, coordinator, coordinator_membership):
        provider = PartnerFactory(network=network)
        with scope(network=network):
            offer = services.offer_create(
                acting_user=coordinator,
                membership=coordinator_membership,
                network=network,
                provider=provider,
                title="Beweegkuur",
                kind="bewegen",
                target_groups=["diabetes", "overgewicht"],
            )
            assert offer.last_confirmed_at is not None
            assert AuditEvent.objects.filter(action="offer.created").count() == 1

    def test_update_checks_the_version(self, network, coordinator, coordinator_membership):
        offer = make_offer(network)
        with scope(network=network):
            services.offer_update(
                acting_user=coordinator,
                membership=coordinator_membership,
                offer=offer,
                expected_version=1,
                title="Nieuw",
            )
            assert Offer.objects.get().version == 2
            with pytest.raises(ConcurrentEditError):
                services.offer_update(
                    acting_user=coordinator,
                    membership=coordinator_membership,
                    offer=Offer.objects.get(),
                    expected_version=1,
                    title="Ouder",
                )
            assert Offer.objects.get().title == "Nieuw"

    def test_update_rejects_inverted_age_range(self, network, coordinator, coordinator_membership):
        offer = make_offer(network, age_min=50)
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.offer_update(
                acting_user=coordinator,
                membership=coordinator_membership,
                offer=offer,
                expected_version=1,
                age_max=20,
            )
        assert "age_max" in error.value.error_dict

    def test_end_hides_the_offer_and_cannot_repeat(
        self, network, coordinator, coordinator_membership
    ):
        offer = make_offer(network)
        with scope(network=network):
            services.offer_end(
                acting_user=coordinator, membership=coordinator_membership, offer=offer
            )
            assert Offer.objects.get().active_to == timezone.localdate()
            assert list(queries.offers(network)) == []
            assert list(queries.offers(network, include_inactive=True)) == [offer]
            with pytest.raises(ValidationError):
                services.offer_end(
                    acting_user=coordinator, membership=coordinator_membership, offer=offer
                )

    def test_confirm_makes_a_stale_offer_current(
        self, network, coordinator, coordinator_membership, settings
    ):
        settings.OFFERS_STALE_AFTER_DAYS = 180
        offer = make_offer(network, last_confirmed_at=timezone.now() - timedelta(days=181))
        fresh = make_offer(network, title="Vers", last_confirmed_at=timezone.now())
        with scope(network=network):
            assert list(queries.stale_offers(network)) == [offer]
            assert [o.is_stale for o in queries.offers(network)] == [False, True]  # Vers, Wandelen
            services.offer_confirm(
                acting_user=coordinator, membership=coordinator_membership, offer=offer
            )
            assert list(queries.stale_offers(network)) == []
            assert AuditEvent.objects.filter(action="offer.confirmed").count() == 1
        assert fresh.pk


@pytest.mark.django_db
class TestOwnOrganisationRule:
    def test_partner_member_manages_only_own_offers(self, network):
        own = PartnerFactory(network=network)
        other = PartnerFactory(network=network)
        member = partner_member(network, own)
        with scope(network=network):
            offer = services.offer_create(
                acting_user=member.user,
                membership=member,
                network=network,
                provider=own,
                title="Eigen aanbod",
                kind="sport",
            )
            services.offer_confirm(acting_user=member.user, membership=member, offer=offer)
            with pytest.raises(PermissionDenied):
                services.offer_create(
                    acting_user=member.user,
                    membership=member,
                    network=network,
                    provider=other,
                    title="Andermans aanbod",
                    kind="sport",
                )
            foreign = make_offer(network, provider=other)
            with pytest.raises(PermissionDenied):
                services.offer_confirm(acting_user=member.user, membership=member, offer=foreign)
            with pytest.raises(PermissionDenied):
                services.offer_update(
                    acting_user=member.user,
                    membership=member,
                    offer=offer,
                    expected_version=1,
                    provider=other,
                )

    def test_citizen_with_organisation_may_not_edit(self, network):
        provider = PartnerFactory(network=network)
        citizen = MembershipFactory(
            network=network, role="citizen", organisation=provider.organisation
        )
        assert not access.can_edit_for(citizen, provider)

    def test_ended_membership_may_not_edit(self, network):
        provider = PartnerFactory(network=network)
        member = partner_member(network, provider)
        member.ended_at = timezone.now()
        assert not access.can_edit_for(member, provider)


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture
    def offers(self, network):
        return {
            "beweeg": make_offer(
                network,
                title="Beweegkuur",
                kind="bewegen",
                target_groups=["diabetes", "overgewicht"],
                age_min=40,
                age_max=75,
                reimbursed_by="zorgverzekeraar",
                place="Oost",
            ),
            "koffie": make_offer(
                network,
                title="Koffieochtend",
                kind="ontmoeting",
                description="Samen koffie drinken tegen eenzaamheid",
                target_groups=["eenzaamheid", "ouderen"],
                age_min=65,
                place="West",
            ),
            "voetbal": make_offer(
                network,
                title="Walking football",
                kind="sport",
                target_groups=["ouderen"],
                reimbursed_by="gemeente",
                place="oost",
            ),
            "oud": make_offer(
                network,
                title="Oude cursus",
                kind="cursus",
                active_to=timezone.localdate() - timedelta(days=1),
            ),
            "later": make_offer(
                network,
                title="Nog niet begonnen",
                kind="cursus",
                active_from=timezone.localdate() + timedelta(days=3),
            ),
        }

    def titles(self, network, **filters):
        with scope(network=network):
            return [o.title for o in queries.offers(network, **filters)]

    def test_active_only_by_default(self, network, offers):
        assert self.titles(network) == ["Beweegkuur", "Koffieochtend", "Walking football"]
        assert len(self.titles(network, include_inactive=True)) == 5

    def test_free_text_over_title_description_and_place(self, network, offers):
        assert self.titles(network, search="koffie") == ["Koffieochtend"]
        assert self.titles(network, search="EENZAAM") == ["Koffieochtend"]
        assert self.titles(network, search="oost") == ["Beweegkuur", "Walking football"]

    def test_kind_and_target_group(self, network, offers):
        assert self.titles(network, kind="sport") == ["Walking football"]
        assert self.titles(network, target_group="ouderen") == ["Koffieochtend", "Walking football"]
        assert self.titles(network, target_group="diabetes") == ["Beweegkuur"]
        assert self.titles(network, target_group="jongeren") == []

    def test_age_fits_the_range(self, network, offers):
        assert self.titles(network, age=70) == ["Beweegkuur", "Koffieochtend", "Walking football"]
        assert self.titles(network, age=50) == ["Beweegkuur", "Walking football"]
        assert self.titles(network, age=80) == ["Koffieochtend", "Walking football"]
        assert self.titles(network, age=40) == ["Beweegkuur", "Walking football"]

    def test_reimbursed_and_place(self, network, offers):
        assert self.titles(network, reimbursed="any") == ["Beweegkuur", "Walking football"]
        assert self.titles(network, reimbursed="gemeente") == ["Walking football"]
        assert self.titles(network, reimbursed="none") == ["Koffieochtend"]
        assert self.titles(network, place="OOST") == ["Beweegkuur", "Walking football"]

    def test_places_of_active_offers(self, network, offers):
        with scope(network=network):
            assert queries.places(network) == ["oost", "Oost", "West"] or queries.places(
                network
            ) == ["Oost", "oost", "West"]


@pytest.mark.django_db
def test_stale_period_is_a_setting(network, settings):
    offer = make_offer(network, last_confirmed_at=timezone.now() - timedelta(days=31))
    with scope(network=network):
        settings.OFFERS_STALE_AFTER_DAYS = 30
        assert list(queries.stale_offers(network)) == [offer]
        assert queries.is_stale(offer)
        settings.OFFERS_STALE_AFTER_DAYS = 60
        assert list(queries.stale_offers(network)) == []
        assert not queries.is_stale(offer)
