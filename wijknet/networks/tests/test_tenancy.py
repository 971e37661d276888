"""Deny-by-default tenancy: network-owned models cannot be read outside a network scope, and a
scope shows one network only."""

import pytest
from django_scopes import ScopeError, scope

from wijknet.accesslog.models import AccessLogRecord, AccessReview
from wijknet.actions.models import Action, Goal, Success
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.casework.models import (
    CarePlan,
    CareTeamMember,
    CaseConference,
    Client,
    Consent,
    ConsentText,
    HealthMeasurement,
    HealthScore,
    PlanAction,
    PlanGoal,
)
from wijknet.core.models import AuditEvent
from wijknet.factories import PartnerFactory
from wijknet.graph.models import DesiredRelation
from wijknet.health.models import HealthSettings, SignalAcknowledgement
from wijknet.meetings.models import Attendance, CalendarFeed, Decision, Meeting, Reflection
from wijknet.networks.models import Invitation, Membership, Organisation, Partner
from wijknet.offers.models import Offer
from wijknet.referrals.models import Referral, ReferralEvent
from wijknet.roadmap.models import StepProgress
from wijknet.scans.models import ScanAnswer, ScanInvitation, ScanResponse, ScanRound
from wijknet.volunteering.models import (
    FollowUp,
    HelpRequest,
    HoursEntry,
    Match,
    VolunteerProfile,
)

NETWORK_OWNED = [
    Organisation,
    Partner,
    Membership,
    Invitation,
    StepProgress,
    AuditEvent,
    ScanRound,
    ScanInvitation,
    ScanResponse,
    ScanAnswer,
    Agreement,
    PartnerTerms,
    Endorsement,
    FundingSource,
    Meeting,
    Attendance,
    Decision,
    Reflection,
    CalendarFeed,
    Goal,
    Action,
    Success,
    HealthSettings,
    SignalAcknowledgement,
    DesiredRelation,
    Offer,
    AccessLogRecord,
    AccessReview,
    Referral,
    ReferralEvent,
    VolunteerProfile,
    HelpRequest,
    Match,
    FollowUp,
    HoursEntry,
    Client,
    ConsentText,
    Consent,
    CareTeamMember,
    CarePlan,
    PlanGoal,
    PlanAction,
    CaseConference,
    HealthMeasurement,
    HealthScore,
]


@pytest.mark.django_db
@pytest.mark.parametrize("model", NETWORK_OWNED, ids=lambda m: m.__name__)
def test_queries_outside_a_scope_raise(model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.django_db
def test_a_scope_shows_only_its_own_network(network, other_network):
    PartnerFactory(network=network, organisation__name="Onze Partner")
    with scope(network=network):
        names = list(Partner.objects.order_by("pk").values_list("organisation__name", flat=True))
    assert names == ["Onze Partner"]


@pytest.mark.django_db
def test_ended_membership_loses_access_at_once(client, network, members, coordinator):
    partner_user = members["partner"]
    client.force_login(partner_user)
    assert client.get(f"/n/{network.slug}/").status_code == 200
    with scope(network=network):
        membership = Membership.objects.get(user=partner_user)
        from wijknet.networks import services

        services.membership_end(acting_user=coordinator, membership=membership)
    assert client.get(f"/n/{network.slug}/").status_code == 404


@pytest.mark.django_db
def test_unknown_and_foreign_network_look_the_same(client, network, other_network, coordinator):
    client.force_login(coordinator)
    foreign = client.get(f"/n/{other_network.slug}/partners/")
    missing = client.get("/n/bestaat-niet/partners/")
    assert foreign.status_code == missing.status_code == 404
    assert b"Geheime Partner" not in foreign.content
