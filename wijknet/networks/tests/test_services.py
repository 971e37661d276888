from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, OrganisationFactory, PartnerFactory, UserFactory
from wijknet.core.locking import ConcurrentEditError
from wijknet.core.models import AuditEvent
from wijknet.networks import services
from wijknet.networks.models import Invitation, Membership, Partner


def audit_actions(network):
    with scope(network=network):
        return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


@pytest.mark.django_db
class TestPartners:
    def test_create_with_new_organisation_writes_audit(self, network, coordinator):
        with scope(network=network):
            partner = services.partner_create(
                acting_user=coordinator,
                network=network,
                organisation_name="Fysio Oost",
                sector="paramedisch",
                role="kern",
                contributions=["kennis", "tijd"],
                hours_per_month=6,
            )
        assert partner.organisation.name == "Fysio Oost"
        assert partner.organisation.sector == "paramedisch"
        assert partner.contributions == ["kennis", "tijd"]
        assert audit_actions(network) == ["partner.created"]

    def test_duplicate_active_partner_is_refused(self, network, coordinator):
        partner = PartnerFactory(network=network)
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.partner_create(
                acting_user=coordinator, network=network, organisation=partner.organisation
            )
        assert "is al partner" in error.value.messages[0]

    def test_new_organisation_with_existing_name_is_refused(self, network, coordinator):
        OrganisationFactory(network=network, name="Buurtzorg")
        with scope(network=network), pytest.raises(ValidationError) as error:
            services.partner_create(
                acting_user=coordinator,
                network=network,
                organisation_name="buurtzorg",
                sector="wijkverpleging",
            )
        assert "organisation_name" in error.value.error_dict

    def test_organisation_of_other_network_is_refused(self, network, other_network, coordinator):
        foreign = OrganisationFactory(network=other_network)
        with scope(network=network), pytest.raises(ValidationError):
            services.partner_create(acting_user=coordinator, network=network, organisation=foreign)

    def test_end_and_restore(self, network, coordinator):
        partner = PartnerFactory(network=network, joined_on=date(2025, 1, 1))
        with scope(network=network):
            services.partner_end(
                acting_user=coordinator,
                partner=partner,
                left_on=date(2026, 1, 1),
                reason="Geen capaciteit",
            )
            assert Partner.objects.get(pk=partner.pk).left_on == date(2026, 1, 1)
            services.partner_restore(acting_user=coordinator, partner=partner)
            assert Partner.objects.get(pk=partner.pk).left_on is None
        assert audit_actions(network) == ["partner.ended", "partner.restored"]

    def test_end_before_start_is_refused(self, network, coordinator):
        partner = PartnerFactory(network=network, joined_on=date(2026, 5, 1))
        with scope(network=network), pytest.raises(ValidationError):
            services.partner_end(acting_user=coordinator, partner=partner, left_on=date(2026, 4, 1))

    def test_concurrent_edits_do_not_overwrite_each_other(self, network, coordinator):
        partner = PartnerFactory(network=network, hours_per_month=4)
        with scope(network=network):
            first = Partner.objects.get(pk=partner.pk)
            second = Partner.objects.get(pk=partner.pk)
            services.partner_update(
                acting_user=coordinator,
                partner=first,
                expected_version=first.version,
                hours_per_month=8,
            )
            with pytest.raises(ConcurrentEditError):
                services.partner_update(
                    acting_user=coordinator,
                    partner=second,
                    expected_version=second.version,
                    hours_per_month=2,
                )
            assert Partner.objects.get(pk=partner.pk).hours_per_month == 8


@pytest.mark.django_db
class TestMembers:
    def test_last_coordinator_cannot_step_down(self, network, coordinator):
        with scope(network=network):
            membership = Membership.objects.get(user=coordinator)
            with pytest.raises(ValidationError) as error:
                services.membership_change_role(
                    acting_user=coordinator, membership=membership, role="core"
                )
        assert "minstens één kartrekker" in error.value.messages[0]

    def test_role_change_with_a_second_coordinator(self, network, coordinator):
        MembershipFactory(network=network, role="coordinator")
        with scope(network=network):
            membership = Membership.objects.get(user=coordinator)
            services.membership_change_role(
                acting_user=coordinator, membership=membership, role="core"
            )
            assert Membership.objects.get(pk=membership.pk).role == "core"


@pytest.mark.django_db
class TestInvitations:
    def invite(self, network, coordinator, email="nieuw@example.org", role="partner"):
        with scope(network=network):
            return services.invitation_create(
                acting_user=coordinator, network=network, email=email, role=role
            )

    def token(self, link):
        return link.rstrip("/").rsplit("/", 1)[-1]

    def test_invitation_mail_is_sent_with_a_working_link(
        self, network, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            invitation, link = self.invite(network, coordinator)
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["nieuw@example.org"]
        assert link in mailoutbox[0].body
        assert "Gezond Oost" in mailoutbox[0].subject
        # Only a hash is stored: the token itself appears nowhere in the row.
        assert self.token(link) not in invitation.token_hash

    def test_double_invitation_is_refused_with_a_clear_message(self, network, coordinator):
        self.invite(network, coordinator)
        with pytest.raises(ValidationError) as error:
            self.invite(network, coordinator, email="NIEUW@example.org")
        assert "al een uitnodiging open" in error.value.error_dict["email"][0].messages[0]

    def test_inviting_a_member_is_refused(self, network, coordinator, members):
        with pytest.raises(ValidationError) as error:
            self.invite(network, coordinator, email=members["partner"].email)
        assert "al lid" in error.value.error_dict["email"][0].messages[0]

    def test_existing_user_accepts_once(self, network, coordinator):
        user = UserFactory(email="nieuw@example.org")
        _, link = self.invite(network, coordinator, role="core")
        membership = services.invitation_accept(token=self.token(link), user=user)
        assert (membership.network, membership.role) == (network, "core")
        with pytest.raises(services.InvitationError, match="al gebruikt"):
            services.invitation_accept(token=self.token(link), user=user)

    def test_new_user_gets_an_account_and_membership(self, network, coordinator):
        _, link = self.invite(network, coordinator)
        membership = services.invitation_accept_new_user(
            token=self.token(link), full_name="Nieuwe Collega", password="een-lang-wachtwoord"
        )
        assert membership.user.email == "nieuw@example.org"
        assert membership.user.check_password("een-lang-wachtwoord")

    def test_expired_invitation(self, network, coordinator):
        invitation, link = self.invite(network, coordinator)
        with scopes_disabled():
            Invitation.objects.filter(pk=invitation.pk).update(
                expires_at=timezone.now() - timedelta(minutes=1)
            )
        with pytest.raises(services.InvitationError, match="verlopen"):
            services.invitation_by_token(self.token(link))

    def test_revoked_invitation(self, network, coordinator):
        invitation, link = self.invite(network, coordinator)
        with scope(network=network):
            services.invitation_revoke(acting_user=coordinator, invitation=invitation)
        with pytest.raises(services.InvitationError, match="ingetrokken"):
            services.invitation_by_token(self.token(link))

    def test_other_email_cannot_use_the_invitation(self, network, coordinator):
        _, link = self.invite(network, coordinator)
        stranger = UserFactory(email="iemand.anders@example.org")
        with pytest.raises(services.InvitationError, match="nieuw@example.org"):
            services.invitation_accept(token=self.token(link), user=stranger)
        assert services.invitation_by_token(self.token(link)).accepted_at is None

    def test_unknown_token(self, db):
        with pytest.raises(services.InvitationError, match="ongeldig"):
            services.invitation_by_token("onzin")
