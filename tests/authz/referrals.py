"""Referral pages in the authorization matrix (see tests/support/authz.py).

Every page that can show a resident's personal data (list, create, detail, status, FHIR) puts
the second factor first (OTPRequiredMixin before the permission check, as casework does). The
matrix logs its personas in with `force_login`, without a second factor: then every member
persona is sent to the two-factor page (302), whatever their role; the outsider gets 404 from
the tenancy middleware and anonymous visitors the login page. The funnel (aggregated numbers
only) needs no second factor: VIEW_FUNNEL decides.

When the matrix logs personas in OTP-verified (`PERSONAS_VERIFIED = True` in
tests/support/authz.py), the real outcomes apply. The world's referral is made by the
coordinator persona to a partner none of the personas works at: so the coordinator is its
referrer, and core and partner members — who may refer, but are neither referrer nor receiver —
get a 404 for it. Receivers, masked coordinators, partners of other organisations and the
second factor itself are tested in wijknet/referrals/tests/test_views.py and test_twofactor.py.
"""

from django_scopes import scope

from tests.factories import MembershipFactory, PartnerFactory
from tests.support import authz as shared
from tests.support.authz import (
    DENIED,
    LOGIN,
    NOT_FOUND,
    PERSONAS,
    REDIRECT,
    TEAM,
    Case,
    members_only,
)
from wijknet.networks.models import Membership
from wijknet.referrals import services

N = ("network_slug",)
REFERRAL = ("network_slug", "referral_uuid")
FUNNEL_READERS = {"coordinator", "core", "partner", "viewer"}

PERSONAS_VERIFIED = getattr(shared, "PERSONAS_VERIFIED", False)

# Unverified members → two-factor page; outsider → 404; anonymous → login.
UNVERIFIED = {**dict.fromkeys(PERSONAS, REDIRECT), "anonymous": LOGIN, "outsider": NOT_FOUND}
# Verified: only the coordinator (the referrer) sees the world's referral.
PARTIES_ONLY = {**members_only({"coordinator"}), "core": NOT_FOUND, "partner": NOT_FOUND}


# Verified outcomes of the pages with personal data (also checked, verified, in
# tests/test_twofactor.py::test_matrix_with_verified_personas).
VERIFIED: dict[str, dict[str, str]] = {
    "referrals:list": members_only(TEAM),
    "referrals:create": members_only(TEAM),
    "referrals:detail": PARTIES_ONLY,
    "referrals:fhir": PARTIES_ONLY,
    # Erasure on the resident's request: referrer or receiver (the coordinator referred).
    "referrals:erase": PARTIES_ONLY,
    # The referrer does not update the status: that is the receiver's job.
    "referrals:status": {**PARTIES_ONLY, "coordinator": DENIED},
}


def _personal(name: str) -> Case:
    kwargs = N if name in ("referrals:list", "referrals:create") else REFERRAL
    # `foreign` only with verified personas: the foreign-object check logs the coordinator in
    # with `force_login`, who would otherwise see the two-factor page instead of the 404
    # (tests/test_twofactor.py checks that 404 with a verified session).
    return Case(
        VERIFIED[name] if PERSONAS_VERIFIED else UNVERIFIED,
        kwargs=kwargs,
        foreign=PERSONAS_VERIFIED and kwargs == REFERRAL,
    )


MATRIX: dict[str, Case] = {
    **{name: _personal(name) for name in VERIFIED},
    "referrals:funnel": Case(members_only(FUNNEL_READERS), kwargs=N),
}


def _referral(network, referrer):
    partner = PartnerFactory(network=network)
    with scope(network=network):
        membership = Membership.objects.get(network=network, user=referrer, ended_at__isnull=True)
        return services.referral_create(
            acting_user=referrer,
            membership=membership,
            network=network,
            receiving_partner=partner,
            resident_name="Bewoner",
            resident_contact="06-12345678",
            resident_birth_year=1960,
            consent_given=True,
            reason="Meer bewegen",
        )


def world(network, other_network, coordinator):
    """A referral in each network."""
    ours = _referral(network, coordinator)
    theirs_referrer = MembershipFactory(network=other_network, role="coordinator").user
    theirs = _referral(other_network, theirs_referrer)
    return {"referral_uuid": (ours.uuid, theirs.uuid)}
