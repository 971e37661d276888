import re
import secrets
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.factories import MembershipFactory, OrganisationFactory, PartnerFactory
from tests.support.otp import login_verified
from wijknet.actions.models import Action
from wijknet.agreements.models import FundingSource
from wijknet.casework.models import CarePlan, Client
from wijknet.core import analysis
from wijknet.initiatives.models import Initiative
from wijknet.meetings.models import Meeting
from wijknet.networks.models import Membership
from wijknet.networks.roles import Role
from wijknet.offers.models import Offer
from wijknet.referrals.models import Referral
from wijknet.scans.models import PlannedRound, ScanInvitation, ScanRound
from wijknet.volunteering.models import FollowUp, HelpRequest, Match, VolunteerProfile

URL = "/n/gezond-oost/mijn-werk/"


def _organisation_of(network, user, name):
    """Give the user's membership an organisation with an active partnership."""
    partner = PartnerFactory(
        network=network, organisation=OrganisationFactory(network=network, name=name)
    )
    with scopes_disabled():
        Membership.objects.filter(network=network, user=user).update(
            organisation=partner.organisation
        )
    return partner


def add_work(network, user, partner, n, *, other_user=None):
    """`n` of everything that can wait for `user` in "Mijn werk"."""
    today = timezone.localdate()
    now = timezone.now()
    other_partner = PartnerFactory(network=network)
    with scopes_disabled():
        for i in range(n):
            Action.objects.create(
                network=network,
                title=f"Actie {i}",
                owner=user,
                due_on=today + timedelta(days=-3 if i == 0 else 10 + i),
            )
            round_ = ScanRound.objects.create(
                network=network,
                label=f"T{i}",
                opens_on=today - timedelta(days=1),
                closes_on=today + timedelta(days=10 + i),
            )
            ScanInvitation.objects.create(
                network=network,
                round=round_,
                email=user.email,
                user=user,
                token_hash=secrets.token_hex(32),
            )
            PlannedRound.objects.create(
                network=network, source_round=round_, label=f"T{i + 1}", due_on=today
            )
            resident = Client.objects.create(
                network=network, name=f"Cliënt {i}", birth_year=1940, recorded_by=user
            )
            CarePlan.objects.create(
                network=network, client=resident, evaluate_on=today - timedelta(days=1)
            )
            common = {
                "network": network,
                "resident_name": f"Bewoner {i}",
                "resident_contact": "06-1",
                "resident_birth_year": 1950,
                "reason": "Meer bewegen",
                "consent_given": True,
            }
            Referral.objects.create(
                referrer=other_user, receiving_partner=partner, **common
            )  # incoming
            Referral.objects.create(
                referrer=user,
                receiving_partner=other_partner,
                contact_at=now,
                status="contact",
                **common,
            )  # feedback on mine
            mine = VolunteerProfile.objects.get_or_create(
                network=network, user=user, defaults={"name": "Ik"}
            )[0]
            nobody = VolunteerProfile.objects.create(network=network, name=f"Zonder account {i}")
            request = HelpRequest.objects.create(
                network=network, seeker_name="Mevrouw", kind="boodschappen", place="Oost"
            )
            Match.objects.create(network=network, request=request, volunteer=mine)  # proposed
            running = HelpRequest.objects.create(
                network=network, seeker_name="Meneer", kind="vervoer", status="gematcht"
            )
            lopend = Match.objects.create(
                network=network, request=running, volunteer=mine, status="lopend"
            )
            FollowUp.objects.create(
                network=network,
                match=lopend,
                audience="vrijwilliger",
                week=6,
                due_on=today,
                sent_at=now,
            )
            phoned = Match.objects.create(
                network=network, request=running, volunteer=nobody, status="lopend"
            )
            FollowUp.objects.create(
                network=network,
                match=phoned,
                audience="vrijwilliger",
                week=6,
                due_on=today,
                sent_at=now,
            )
            HelpRequest.objects.create(
                network=network, seeker_name="Nog niemand", kind="klussen", place="Oost"
            )  # to match
            Meeting.objects.create(
                network=network,
                kind="core",
                title=f"Overleg {i}",
                chair=user,
                starts_at=now + timedelta(days=2 + i),
            )
            Offer.objects.create(
                network=network, provider=partner, title=f"Aanbod {i}", kind="ontmoeting"
            )  # never confirmed
            FundingSource.objects.create(
                network=network,
                name=f"Subsidie {i}",
                kind="gemeente",
                amount=Decimal(1000),
                structural=False,
                ends_on=today + timedelta(days=30 + i),
            )
            Initiative.objects.create(
                network=network, title=f"Idee {i}", initiator=other_user
            )  # waiting for the kartrekker's response
            Initiative.objects.create(
                network=network, title=f"Mijn idee {i}", initiator=user, status="in_talks"
            )  # my idea's news
    analysis.recompute(network)


@pytest.fixture
def desk(network, members, roadmap):
    coordinator = members[Role.COORDINATOR]
    partner = _organisation_of(network, coordinator, "Welzijn Oost")
    return coordinator, partner


@pytest.mark.django_db
def test_coordinator_sees_every_kind_of_work_each_linked_where_it_is_done(
    client, desk, network, members
):
    coordinator, partner = desk
    add_work(network, coordinator, partner, 1, other_user=members[Role.PARTNER])
    login_verified(client, coordinator)
    html = client.get(URL).content.decode()
    for heading in [
        "Signalen die aandacht vragen",
        "Financiering die afloopt",
        "Aanbod om te bevestigen",
        "Mijn acties",
        "Scans om in te vullen",
        "Binnengekomen bij mijn organisatie",
        "Terugkoppeling op mijn verwijzingen",
        "Voorstellen om te beantwoorden",
        "Vragen hoe het gaat",
        "Hulpvragen om te koppelen",
        "Opvolging om te bellen",
        "Mijn volgende bijeenkomsten",
    ]:
        assert heading in html, heading
    assert "te laat" in html  # the overdue action
    assert "Subsidie 0" in html and "Overleg 0" in html and "Actie 0" in html
    # Residents' names stay on the pages behind the access checks.
    assert "Bewoner 0" not in html and "Mevrouw" not in html
    assert 'href="/n/gezond-oost/"' in html  # the dashboard, one click away
    _assert_links_open(client, html)


def _assert_links_open(client, html):
    """Every link of the page within the network answers the viewer (no 403, no 404)."""
    hrefs = set(re.findall(r'href="(/n/gezond-oost/[^"#]*)"', html))
    assert hrefs
    for href in sorted(hrefs):
        status = client.get(href.replace("&amp;", "&")).status_code
        assert status in (200, 302), (href, status)


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_every_role_gets_only_links_it_may_open(client, network, members, roadmap, role):
    user = members[role]
    partner = _organisation_of(network, user, "Sportvereniging OVV")
    add_work(network, user, partner, 2, other_user=members[Role.COORDINATOR])
    login_verified(client, user)
    response = client.get(URL)
    assert response.status_code == 200
    _assert_links_open(client, response.content.decode())


@pytest.mark.django_db
def test_viewer_sees_scans_only_and_citizen_no_referrals(client, network, members, roadmap):
    client.force_login(members[Role.VIEWER])
    html = client.get(URL).content.decode()
    assert "Scans om in te vullen" in html
    assert "Mijn acties" not in html and "Verwijzingen" not in html
    assert "Signalen die aandacht vragen" not in html
    client.force_login(members[Role.CITIZEN])
    html = client.get(URL).content.decode()
    assert "Mijn acties" in html and "Vrijwillige inzet" in html
    assert "Binnengekomen" not in html and "Financiering" not in html


@pytest.mark.django_db
def test_empty_states_say_what_to_do(client, network, members, roadmap):
    client.force_login(members[Role.PARTNER])
    html = client.get(URL).content.decode()
    assert "Er wacht nu niets op jou in Gezond Oost." in html
    assert "Je hebt geen open acties." in html
    assert "Er staat geen scan voor je klaar." in html
    assert "Je bent aan geen organisatie gekoppeld" in html
    assert "Er staat geen bijeenkomst voor je gepland." in html


@pytest.mark.django_db
def test_lists_are_bounded_with_a_link_to_all(client, desk, network, members):
    coordinator, partner = desk
    add_work(network, coordinator, partner, 7, other_user=members[Role.PARTNER])
    login_verified(client, coordinator)
    html = client.get(URL).content.decode()
    assert "Actie 4" in html and "Actie 5" not in html
    assert "Alle acties" in html and "Alle scans" in html
    assert "Alle open binnengekomen verwijzingen" in html
    assert "Alle open hulpvragen" in html
    assert "Overleg 2" in html and "Overleg 3" not in html


@pytest.mark.django_db
def test_someone_elses_work_does_not_show(client, desk, network, members):
    coordinator, partner = desk
    add_work(network, members[Role.CORE], PartnerFactory(network=network), 1)
    login_verified(client, coordinator)
    html = client.get(URL).content.decode()
    assert "Actie 0" not in html
    assert "Overleg 0" not in html
    assert "Scan T0 invullen" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
def test_query_count_is_flat(client, desk, network, members, django_assert_num_queries, items):
    coordinator, partner = desk
    add_work(network, coordinator, partner, items, other_user=members[Role.PARTNER])
    login_verified(client, coordinator)
    # 13 lists (one query each; ideas bring their response term along) + the planned
    # re-measurements and the count of clients due for a new Positive Health measurement + the
    # stored signals and their acknowledgements (2) + 4 for the session, the user, the
    # membership and the session's second factor.
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)
    assert response.status_code == 200


QUERIES = 21


@pytest.mark.django_db
def test_login_and_network_switch_land_on_mijn_werk(client, network, members):
    user = members[Role.PARTNER]
    client.force_login(user)
    assert client.get("/")["Location"] == URL
    assert 'href="/n/gezond-oost/mijn-werk/"' in client.get("/netwerken/").content.decode()
    # With two networks, the list is where one picks; each name leads to "Mijn werk".
    other = MembershipFactory(user=user, role=Role.VIEWER).network
    assert client.get("/")["Location"] == reverse("networks:list")
    html = client.get("/netwerken/").content.decode()
    assert f'href="/n/{other.slug}/mijn-werk/"' in html


@pytest.mark.django_db
def test_meldingen_and_mijn_werk_agree(client, desk, network, members):
    """Every notification the jobs and services raise for these events links to something
    "Mijn werk" shows: overdue action, funding ending, new referral, follow-up due."""
    from django_scopes import scope

    from wijknet.actions.jobs import notify_overdue
    from wijknet.agreements.jobs import notify_funding_ending
    from wijknet.notifications.models import Notification
    from wijknet.offers.jobs import request_confirmations
    from wijknet.referrals import services as referral_services
    from wijknet.volunteering.jobs import send_due_followups

    coordinator, partner = desk
    referrer = members[Role.PARTNER]
    _organisation_of(network, referrer, "Huisartsenpraktijk Oosterpark")
    today = timezone.localdate()
    with scopes_disabled():
        Action.objects.create(
            network=network, title="Te laat", owner=coordinator, due_on=today - timedelta(1)
        )
        FundingSource.objects.create(
            network=network,
            name="Subsidie",
            kind="gemeente",
            structural=False,
            ends_on=today + timedelta(days=60),
        )
        mine = VolunteerProfile.objects.create(network=network, user=coordinator, name="Ik")
        running = HelpRequest.objects.create(
            network=network, seeker_name="Meneer", kind="vervoer", status="gematcht"
        )
        lopend = Match.objects.create(
            network=network, request=running, volunteer=mine, status="lopend"
        )
        FollowUp.objects.create(
            network=network, match=lopend, audience="vrijwilliger", week=6, due_on=today
        )
        referrer_membership = Membership.objects.select_related("organisation").get(
            network=network, user=referrer
        )
    with scope(network=network):
        referral_services.referral_create(
            acting_user=referrer,
            membership=referrer_membership,
            network=network,
            offer=None,
            receiving_partner=partner,
            resident_name="Mevrouw J.",
            resident_contact="06-1",
            resident_birth_year=1950,
            consent_given=True,
            reason="Meer bewegen",
            goals="",
        )
    now = timezone.now()
    notify_overdue(now)
    notify_funding_ending(now)
    send_due_followups(now)
    with scopes_disabled():
        Offer.objects.create(network=network, provider=partner, title="Koffie", kind="ontmoeting")
    request_confirmations(now)
    from wijknet.scans.jobs import remeasurement_reminders
    from wijknet.scans.models import PlannedRound, ScanRound

    with scopes_disabled():
        baseline = ScanRound.objects.create(
            network=network,
            label="T0",
            opens_on=today - timedelta(days=400),
            closes_on=today - timedelta(days=380),
        )
        PlannedRound.objects.create(
            network=network, source_round=baseline, label="T1", due_on=today + timedelta(20)
        )
    remeasurement_reminders(now)
    with scopes_disabled():
        notes = list(Notification.objects.filter(recipient=coordinator).order_by("pk"))
    assert {n.kind for n in notes} >= {
        "scan_remeasurement_due",
        "action_overdue",
        "funding_ending",
        "offer_confirmation",
        "referral_incoming",
        "followup_due",
    }
    login_verified(client, coordinator)
    html = client.get(URL).content.decode()
    for note in notes:
        assert f'href="{note.url}"' in html, (note.kind, note.url)


@pytest.mark.django_db
def test_planned_scan_and_health_remeasurement_fire_and_stay_silent(client, desk, network, members):
    """A planned T1 due within a month and a client whose plan's evaluation date passed show
    up; a T1 further away, and a client measured since the date, do not. No client's name."""
    from wijknet.casework.models import CarePlan, Client, HealthMeasurement
    from wijknet.scans.models import PlannedRound, ScanRound

    coordinator, _partner = desk
    today = timezone.localdate()
    with scopes_disabled():
        baseline = ScanRound.objects.create(
            network=network,
            label="T0",
            opens_on=today - timedelta(days=400),
            closes_on=today - timedelta(days=380),
        )
        planned = PlannedRound.objects.create(
            network=network, source_round=baseline, label="T1", due_on=today + timedelta(60)
        )
        resident = Client.objects.create(
            network=network, name="Mevrouw Geheim", birth_year=1940, recorded_by=coordinator
        )
        plan = CarePlan.objects.create(
            network=network, client=resident, evaluate_on=today + timedelta(days=5)
        )
    login_verified(client, coordinator)
    html = client.get(URL).content.decode()
    assert "Herhaalmeting plannen" not in html
    assert "Nieuwe meting Positieve Gezondheid" not in html

    with scopes_disabled():
        PlannedRound.objects.filter(pk=planned.pk).update(due_on=today + timedelta(20))
        CarePlan.objects.filter(pk=plan.pk).update(evaluate_on=today - timedelta(days=1))
    html = client.get(URL).content.decode()
    assert "Scan T1 openen" in html
    assert "Bij 1 cliënt is de evaluatiedatum van het plan voorbij" in html
    assert "Mevrouw Geheim" not in html

    with scopes_disabled():
        HealthMeasurement.objects.create(
            network=network, client=resident, measured_on=today, filled_by="resident"
        )
    html = client.get(URL).content.decode()
    assert "Nieuwe meting Positieve Gezondheid" not in html
