import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.support.otp import login_verified
from wijknet.notifications.models import Notification
from wijknet.volunteering.models import FollowUp, HelpRequest, HoursEntry, Match, VolunteerProfile

from .helpers import make_match, make_request, make_volunteer

BASE = "/n/gezond-oost/inzet/"
# Every request of a two-factor-verified session: django-otp loads the device. The idle clock
# (accounts.middleware) is written at most once a minute, so not in these requests.
VERIFIED_SESSION = 1
# A logged read (accesslog.record_access): the INSERT in the page's savepoint.
LOGGED = 3


@pytest.fixture
def coordinator_client(client, coordinator):
    # Help-seekers' pages need a second factor (docs/privacy.md): a verified session.
    login_verified(client, coordinator)
    return client


@pytest.fixture
def citizen(members):
    return members["citizen"]


@pytest.fixture
def citizen_client(client, citizen):
    login_verified(client, citizen)
    return client


def hours(network, volunteer, day, amount, kind="boodschappen"):
    with scopes_disabled():
        return HoursEntry.objects.create(
            network=network, volunteer=volunteer, kind=kind, date=day, hours=Decimal(amount)
        )


@pytest.mark.django_db
class TestRequests:
    def test_citizen_asks_for_help_for_themselves(self, citizen_client, network, citizen):
        response = citizen_client.post(
            BASE + "hulpvragen/nieuw/",
            {
                "for_self": "on",
                "kind": "vervoer",
                "description": "Naar de fysiotherapeut",
                "place": "Zuiderveen",
                "day_parts": ["di-ochtend"],
                "urgency": "hoog",
            },
            follow=True,
        )
        html = response.content.decode()
        assert "De hulpvraag is ingediend." in html
        with scope(network=network):
            help_request = HelpRequest.objects.get()
        assert help_request.seeker_user == citizen and help_request.day_parts == ["di-ochtend"]
        assert "dinsdagochtend" in html

    def test_on_behalf_needs_a_name(self, citizen_client, network):
        response = citizen_client.post(
            BASE + "hulpvragen/nieuw/", {"kind": "tuin", "urgency": "normaal"}
        )
        assert "Vul in wie er hulp nodig heeft." in response.content.decode()

    def test_volunteer_sees_only_their_own_requests(self, citizen_client, network, citizen):
        profile = make_volunteer(network, user=citizen)
        mine = make_request(network, seeker_name="Mevrouw Mijn", kind="tuin")
        make_match(mine, profile)
        theirs = make_request(network, seeker_name="Meneer Ander", kind="klussen")
        make_match(theirs, make_volunteer(network, "Andere vrijwilliger"))
        listing = citizen_client.get(BASE + "hulpvragen/").content.decode()
        assert str(mine.uuid) in listing and str(theirs.uuid) not in listing
        assert citizen_client.get(f"{BASE}hulpvragen/{theirs.uuid}/").status_code == 404
        with scopes_disabled():
            other_match = Match.objects.get(request=theirs)
        assert citizen_client.get(f"{BASE}koppelingen/{other_match.uuid}/").status_code == 404
        # Proposed only: the request, but not yet who the help-seeker is.
        detail = citizen_client.get(f"{BASE}hulpvragen/{mine.uuid}/").content.decode()
        assert "Mevrouw Mijn" not in detail and "zodra je akkoord bent gegaan" in detail

    def test_after_accepting_the_volunteer_sees_the_help_seeker(
        self, citizen_client, network, citizen
    ):
        profile = make_volunteer(network, user=citizen)
        mine = make_request(network, seeker_name="Mevrouw Mijn")
        match = make_match(mine, profile)
        page = citizen_client.get(f"{BASE}koppelingen/{match.uuid}/").content.decode()
        assert "Ja, ik help" in page and "Mevrouw Mijn" not in page
        response = citizen_client.post(
            f"{BASE}koppelingen/{match.uuid}/status/",
            {"status": "akkoord", "version": "1"},
            follow=True,
        )
        page = response.content.decode()
        assert "De koppeling staat nu op akkoord." in page
        assert "Mevrouw Mijn" in page and "0512-111111" in page

    def test_close_after_confirmation(self, coordinator_client, network):
        help_request = make_request(network)
        url = f"{BASE}hulpvragen/{help_request.uuid}/sluiten/"
        assert "Ja, sluiten" in coordinator_client.get(url).content.decode()
        coordinator_client.post(url)  # not from the confirmation button: nothing happens
        help_request.refresh_from_db()
        assert help_request.status != "gesloten"
        coordinator_client.post(url, {"confirm": "1"})
        help_request.refresh_from_db()
        assert help_request.status == "gesloten"


@pytest.mark.django_db
class TestMatching:
    def test_ranked_with_reasons_and_propose(self, coordinator_client, network, members):
        help_request = make_request(network, day_parts=["di-ochtend"])
        make_volunteer(network, "Bep", kinds=["tuin"], place="Oudeveen")
        anna = make_volunteer(
            network,
            "Anna",
            user=members["partner"],
            availability=["di-ochtend"],
        )
        url = f"{BASE}hulpvragen/{help_request.uuid}/koppelen/"
        html = coordinator_client.get(url).content.decode()
        assert html.index("Anna") < html.index("Bep")
        assert "doet graag boodschappen" in html and "beschikbaar op dinsdagochtend" in html
        response = coordinator_client.post(url, {"volunteer": str(anna.uuid)}, follow=True)
        assert "Anna is voorgesteld voor deze hulpvraag." in response.content.decode()
        with scope(network=network):
            match = Match.objects.get()
            assert Notification.objects.filter(recipient=members["partner"]).count() == 1
        assert "doet graag boodschappen" in match.reasons
        again = coordinator_client.post(url, {"volunteer": str(anna.uuid)}, follow=True)
        assert "al voorgesteld" in again.content.decode()

    def test_cannot_propose_a_volunteer_of_another_network(
        self, coordinator_client, network, other_network
    ):
        help_request = make_request(network)
        foreign = make_volunteer(other_network, "Elders")
        url = f"{BASE}hulpvragen/{help_request.uuid}/koppelen/"
        assert coordinator_client.post(url, {"volunteer": str(foreign.uuid)}).status_code == 404

    def test_the_help_seeker_is_not_a_candidate_for_their_own_request(
        self, coordinator_client, network, citizen
    ):
        make_volunteer(network, "Henk Zelf", user=citizen)
        help_request = make_request(network, seeker_user=citizen)
        html = coordinator_client.get(f"{BASE}hulpvragen/{help_request.uuid}/koppelen/")
        assert "Henk Zelf" not in html.content.decode()


@pytest.mark.django_db
class TestMatchPages:
    def test_stop_needs_a_reason(self, coordinator_client, network):
        match = make_match(make_request(network), make_volunteer(network), status="lopend")
        url = f"{BASE}koppelingen/{match.uuid}/stoppen/"
        assert "Dit veld" not in coordinator_client.get(url).content.decode()
        assert (
            "Geef een reden voor het stoppen." in coordinator_client.post(url, {}).content.decode()
        )
        coordinator_client.post(url, {"reason": "Hulp niet meer nodig"})
        match.refresh_from_db()
        assert match.status == "gestopt" and match.stop_reason == "Hulp niet meer nodig"

    def test_transition_refused_is_a_message(self, coordinator_client, network):
        match = make_match(make_request(network), make_volunteer(network))
        response = coordinator_client.post(
            f"{BASE}koppelingen/{match.uuid}/status/", {"status": "afgerond"}, follow=True
        )
        assert "kan niet naar afgerond" in response.content.decode()

    def test_overview_filters_and_signal(self, coordinator_client, network):
        good = make_match(make_request(network), make_volunteer(network, "Goed"), status="lopend")
        bad = make_match(make_request(network), make_volunteer(network, "Zorg"), status="lopend")
        make_match(make_request(network), make_volunteer(network, "Klaar"), status="afgerond")
        with scopes_disabled():
            for match, signalled in ((good, False), (bad, True)):
                FollowUp.objects.create(
                    network=network,
                    match=match,
                    audience="hulpvrager",
                    week=8,
                    due_on=timezone.localdate(),
                    answer="niet_goed" if signalled else "goed",
                    signalled=signalled,
                )
        html = coordinator_client.get(BASE + "koppelingen/?signals=on").content.decode()
        assert "Zorg" in html and "Goed" not in html and "gaat niet goed" in html
        html = coordinator_client.get(BASE + "koppelingen/?status=afgerond").content.decode()
        assert "Klaar" in html and "Zorg" not in html

    def test_overview_lists_unanswered_followups_to_phone(self, coordinator_client, network):
        match = make_match(
            make_request(network, seeker_name="Mevrouw Bel"),
            make_volunteer(network, "Piet"),
            status="lopend",
        )
        with scopes_disabled():
            FollowUp.objects.create(
                network=network,
                match=match,
                audience="hulpvrager",
                week=8,
                due_on=timezone.localdate(),
                sent_at=timezone.now(),
            )
        html = coordinator_client.get(BASE + "koppelingen/").content.decode()
        assert "Opvolging: nog geen antwoord" in html
        assert "Mevrouw Bel" in html and "geen account: bellen" in html

    def test_followup_answer_by_the_asked_volunteer(self, citizen_client, network, citizen):
        match = make_match(
            make_request(network), make_volunteer(network, user=citizen), status="lopend"
        )
        with scopes_disabled():
            followup = FollowUp.objects.create(
                network=network,
                match=match,
                audience="vrijwilliger",
                week=6,
                due_on=timezone.localdate(),
                sent_at=timezone.now(),
            )
        index = citizen_client.get(BASE).content.decode()
        assert "laat weten hoe het gaat na 6 weken" in index
        url = f"{BASE}opvolging/{followup.uuid}/"
        assert "Je helpt nu ongeveer 6 weken" in citizen_client.get(url).content.decode()
        citizen_client.post(url, {"answer": "goed", "remark": "Leuk contact"})
        followup.refresh_from_db()
        assert followup.answer == "goed" and followup.remark == "Leuk contact"


@pytest.mark.django_db
class TestProfiles:
    def test_register_and_edit_own_profile(self, citizen_client, network, citizen):
        url = BASE + "mijn-profiel/"
        citizen_client.post(
            url,
            {
                "kinds": ["tuin", "klussen"],
                "place": "Zuiderveen",
                "availability": ["za-ochtend"],
                "frequency": "maandelijks",
                "max_matches": "1",
                "active": "on",
            },
        )
        with scope(network=network):
            profile = VolunteerProfile.objects.get(user=citizen)
        assert profile.name == citizen.full_name and profile.kinds == ["tuin", "klussen"]
        citizen_client.post(
            url,
            {
                "kinds": ["tuin"],
                "frequency": "wekelijks",
                "max_matches": "2",
                "version": "1",
                "active": "on",
            },
        )
        profile.refresh_from_db()
        assert profile.kinds == ["tuin"] and profile.version == 2
        stale = citizen_client.post(
            url, {"kinds": ["tuin"], "frequency": "wekelijks", "max_matches": "2", "version": "1"}
        )
        assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()

    def test_coordinator_records_a_volunteer_without_account(self, coordinator_client, network):
        response = coordinator_client.post(
            BASE + "vrijwilligers/nieuw/",
            {
                "name": "Truus de Wit",
                "contact": "0512-333333",
                "kinds": ["maaltijd"],
                "frequency": "af_en_toe",
                "max_matches": "1",
                "active": "on",
            },
            follow=True,
        )
        html = response.content.decode()
        assert "De vrijwilliger is ingeschreven." in html and "0512-333333" in html


@pytest.mark.django_db
class TestHours:
    def test_log_own_hours(self, citizen_client, network, citizen):
        profile = make_volunteer(network, user=citizen)
        match = make_match(make_request(network, kind="vervoer"), profile, status="lopend")
        response = citizen_client.post(
            BASE + "uren/",
            {"date": timezone.localdate().isoformat(), "hours": "2.5", "match": str(match.uuid)},
            follow=True,
        )
        assert "Je uren zijn geschreven." in response.content.decode()
        with scope(network=network):
            entry = HoursEntry.objects.get()
        assert entry.kind == "vervoer" and entry.hours == Decimal("2.5")

    def test_coordinator_writes_hours_for_a_volunteer_without_account(
        self, coordinator_client, network, citizen
    ):
        without = make_volunteer(network, "Truus")
        url = f"{BASE}vrijwilligers/{without.uuid}/uren/"
        response = coordinator_client.post(
            url,
            {"date": timezone.localdate().isoformat(), "hours": "2", "kind": "tuin"},
            follow=True,
        )
        assert "De uren van Truus zijn geschreven." in response.content.decode()
        with scope(network=network):
            assert HoursEntry.objects.get().volunteer == without
        # A volunteer with an account writes their own hours.
        own = make_volunteer(network, "Henk", user=citizen)
        assert coordinator_client.get(f"{BASE}vrijwilligers/{own.uuid}/uren/").status_code == 403

    def test_without_profile_no_form(self, citizen_client):
        html = citizen_client.get(BASE + "uren/").content.decode()
        assert "Uren schrijven kan als je als vrijwilliger ingeschreven staat." in html

    def test_report_and_csv(self, coordinator_client, network):
        anna = make_volunteer(network, "Anna")
        bert = make_volunteer(network, "Bert")
        hours(network, anna, date(2026, 3, 3), "2")
        hours(network, anna, date(2026, 3, 10), "1.5")
        hours(network, anna, date(2026, 4, 1), "1", kind="vervoer")
        hours(network, bert, date(2026, 4, 2), "3", kind="tuin")
        hours(network, bert, date(2025, 12, 30), "9", kind="tuin")
        query = "?start=2026-01-01&end=2026-12-31"
        html = coordinator_client.get(BASE + "uren/overzicht/" + query).content.decode()
        assert "<strong>7,5</strong>" in html  # Dutch notation, no trailing zero
        response = coordinator_client.get(BASE + "uren/overzicht.csv" + query)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows == [
            ["vrijwilliger", "soort hulp", "maand", "uren", "keer"],
            ["Anna", "Boodschappen", "2026-03", "3.50", "2"],
            ["Anna", "Vervoer", "2026-04", "1.00", "1"],
            ["Bert", "Tuin", "2026-04", "3.00", "1"],
        ]

    def test_csv_neutralises_formulas_in_names(self, coordinator_client, network):
        sneaky = make_volunteer(network, "=HYPERLINK(1)")
        hours(network, sneaky, date(2026, 3, 3), "2")
        query = "?start=2026-01-01&end=2026-12-31"
        response = coordinator_client.get(BASE + "uren/overzicht.csv" + query)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[1] == ["'=HYPERLINK(1)", "Boodschappen", "2026-03", "2.00", "1"]

    def test_period_validation(self, coordinator_client):
        html = coordinator_client.get(
            BASE + "uren/overzicht/?start=2026-05-01&end=2026-04-01"
        ).content.decode()
        assert "De einddatum ligt vóór de startdatum." in html


@pytest.mark.django_db
class TestQueryCounts:
    """The same number of queries for 1 and 3 items on every list page."""

    def fill(self, network, citizen, items):
        profile = make_volunteer(network, "Ik", user=citizen)
        for i in range(items):
            help_request = make_request(network, kind="tuin", submitted_by=citizen)
            volunteer = make_volunteer(network, f"V{i}", availability=["ma-ochtend"])
            match = make_match(help_request, volunteer, status="lopend")
            make_match(make_request(network, kind="vervoer"), profile, status="akkoord")
            with scopes_disabled():
                FollowUp.objects.create(
                    network=network,
                    match=match,
                    audience="hulpvrager",
                    week=8,
                    due_on=timezone.localdate(),
                    signalled=True,
                )
                FollowUp.objects.create(
                    network=network,
                    match=match,
                    audience="vrijwilliger",
                    week=6,
                    due_on=timezone.localdate(),
                    sent_at=timezone.now(),
                )
            hours(network, volunteer, timezone.localdate() - timedelta(days=i), "1")
            hours(network, profile, timezone.localdate() - timedelta(days=i), "1")
        return help_request

    @pytest.mark.parametrize("items", [1, 3])
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("", 8 + VERIFIED_SESSION),
            ("hulpvragen/", 5 + VERIFIED_SESSION),
            ("vrijwilligers/", 5 + VERIFIED_SESSION),
            ("koppelingen/", 7 + VERIFIED_SESSION + LOGGED),
            ("uren/", 7 + VERIFIED_SESSION),
            ("uren/overzicht/", 6 + VERIFIED_SESSION),
            ("uren/overzicht.csv", 4 + VERIFIED_SESSION),
        ],
    )
    def test_lists(
        self, client, coordinator, citizen, network, django_assert_num_queries, items, url, expected
    ):
        self.fill(network, coordinator, items)
        login_verified(client, coordinator)
        client.get(BASE)  # warm the session
        with django_assert_num_queries(expected):
            assert client.get(BASE + url).status_code == 200

    @pytest.mark.parametrize("items", [1, 3])
    def test_matching_page(
        self, coordinator_client, coordinator, network, django_assert_num_queries, items
    ):
        help_request = self.fill(network, coordinator, items)
        coordinator_client.get(BASE)  # warm the session
        # The ranking is two queries, the uuids of the shown candidates one more.
        with django_assert_num_queries(7 + VERIFIED_SESSION + LOGGED):
            url = f"{BASE}hulpvragen/{help_request.uuid}/koppelen/"
            assert coordinator_client.get(url).status_code == 200

    @pytest.mark.parametrize("items", [1, 3])
    def test_citizen_request_list(
        self, citizen_client, citizen, network, django_assert_num_queries, items
    ):
        self.fill(network, citizen, items)
        citizen_client.get(BASE)  # warm the session
        with django_assert_num_queries(5 + VERIFIED_SESSION):
            assert citizen_client.get(BASE + "hulpvragen/").status_code == 200
