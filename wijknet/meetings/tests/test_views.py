from datetime import datetime

import pytest
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.meetings import services
from wijknet.meetings.models import Attendance, Decision, Meeting, Reflection

from .helpers import make_meeting

BASE = "/n/gezond-oost/bijeenkomsten/"


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def url(meeting, rest=""):
    return f"{BASE}{meeting.uuid}/{rest}"


@pytest.mark.django_db
class TestList:
    def test_empty_states(self, coordinator_client, network):
        html = coordinator_client.get(BASE).content.decode()
        assert "Er staan geen bijeenkomsten gepland." in html
        assert "Nog geen bijeenkomsten vastgelegd." in html
        assert "Agenda-adres aanmaken" in html

    def test_upcoming_and_past_are_separate(self, coordinator_client, network):
        make_meeting(network, title="Vorige keer", days_ago=14)
        make_meeting(network, title="Volgende keer", days_ago=-14)
        response = coordinator_client.get(BASE)
        assert [m.title for m in response.context["upcoming"]] == ["Volgende keer"]
        assert [m.title for m in response.context["past"]] == ["Vorige keer"]

    def test_upcoming_is_bounded(self, coordinator_client, network):
        for i in range(12):
            make_meeting(network, title=f"Straks {i:02d}", days_ago=-(i + 1))
        response = coordinator_client.get(BASE)
        assert [m.title for m in response.context["upcoming"]] == [
            f"Straks {i:02d}" for i in range(10)
        ]
        assert "Toon alle 12" in response.content.decode()
        everything = coordinator_client.get(BASE + "?alle=gepland")
        assert len(everything.context["upcoming"]) == 12

    def test_past_is_paginated(self, coordinator_client, network):
        for i in range(22):
            make_meeting(network, title=f"B{i}", days_ago=i + 1)
        response = coordinator_client.get(BASE)
        assert len(response.context["past"]) == 20
        assert "Pagina 1 van 2" in response.content.decode()
        assert len(coordinator_client.get(BASE + "?page=2").context["past"]) == 2

    def test_readers_do_not_see_the_feed_address(self, client, members, network):
        client.force_login(members["partner"])
        html = client.get(BASE).content.decode()
        assert "Agenda-abonnement" not in html and "Bijeenkomst plannen" not in html


@pytest.mark.django_db
class TestCreateAndEdit:
    def test_create(self, coordinator_client, network, coordinator):
        partner = PartnerFactory(network=network, organisation__name="Huisartsen Oost")
        ended = PartnerFactory(network=network, left_on=timezone.localdate())
        form = coordinator_client.get(BASE + "nieuw/").content.decode()
        assert 'type="datetime-local"' in form
        assert "Huisartsen Oost" in form and ended.organisation.name not in form
        response = coordinator_client.post(
            BASE + "nieuw/",
            {
                "kind": "core",
                "title": "Kerngroep januari",
                "starts_at": "2027-01-12T19:30",
                "duration_minutes": "90",
                "location": "Buurthuis",
                "chair": coordinator.pk,
                "agenda": "Opening\nActielijst",
                "invited_partners": [partner.pk],
            },
            follow=True,
        )
        assert "Bijeenkomst Kerngroep januari is gepland." in response.content.decode()
        with scope(network=network):
            meeting = Meeting.objects.get()
            assert list(meeting.invited_partners.all()) == [partner]
        local = timezone.localtime(meeting.starts_at)
        assert (local.hour, local.minute) == (19, 30)
        assert meeting.chair == coordinator

    def test_invalid_form_rerenders_with_dutch_errors_and_keeps_input(
        self, coordinator_client, network
    ):
        response = coordinator_client.post(
            BASE + "nieuw/",
            {
                "kind": "",
                "title": "",
                "starts_at": "morgen",
                "duration_minutes": "0",
                "agenda": "Kennismaken met de wijkagent",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Dit veld is verplicht." in html
        assert "Voer een geldige datum/tijd in." in html
        assert "Vul een plaats in of kies ‘online’." in html
        assert "Kennismaken met de wijkagent" in html
        with scope(network=network):
            assert not Meeting.objects.exists()

    def test_chair_must_be_a_current_member(self, coordinator_client, network, outsider):
        response = coordinator_client.post(
            BASE + "nieuw/",
            {
                "kind": "network",
                "title": "X",
                "starts_at": "2027-01-12T19:30",
                "duration_minutes": "60",
                "online": "on",
                "chair": outsider.pk,
            },
        )
        assert "Selecteer een geldige keuze." in response.content.decode()

    def test_edit_form_shows_local_time_and_invited_partners(self, coordinator_client, network):
        partner = PartnerFactory(network=network, organisation__name="Bibliotheek Oost")
        starts = timezone.make_aware(datetime(2026, 12, 1, 19, 30))
        meeting = make_meeting(network, starts_at=starts, partners=[partner])
        partner.left_on = timezone.localdate()
        partner.save()
        html = coordinator_client.get(url(meeting, "bewerken/")).content.decode()
        assert 'value="2026-12-01T19:30"' in html
        assert "Bibliotheek Oost" in html  # still listed: it was invited before it left
        assert f'value="{partner.pk}"' in html and "checked" in html

    def test_edit_with_a_stale_version_shows_the_conflict(self, coordinator_client, network):
        meeting = make_meeting(network, title="Oud")
        data = {
            "kind": "network",
            "title": "Nieuw",
            "starts_at": "2026-10-01T10:00",
            "duration_minutes": "60",
            "location": "Bibliotheek",
            "version": "1",
        }
        response = coordinator_client.post(url(meeting, "bewerken/"), data)
        assert response.status_code == 302
        response = coordinator_client.post(url(meeting, "bewerken/"), {**data, "title": "Later"})
        assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.title == "Nieuw" and meeting.version == 2

    def test_delete_asks_for_confirmation(self, coordinator_client, network):
        meeting = make_meeting(network, title="Weg ermee")
        html = coordinator_client.get(url(meeting, "verwijderen/")).content.decode()
        assert "Bijeenkomst Weg ermee verwijderen?" in html
        with scope(network=network):
            assert Meeting.objects.exists()
        asked = coordinator_client.post(url(meeting, "verwijderen/"))
        assert "Bijeenkomst Weg ermee verwijderen?" in asked.content.decode()
        with scope(network=network):
            assert Meeting.objects.exists()
        response = coordinator_client.post(
            url(meeting, "verwijderen/"), {"confirm": "1"}, follow=True
        )
        assert "Bijeenkomst Weg ermee is verwijderd." in response.content.decode()
        with scope(network=network):
            assert not Meeting.objects.exists()


@pytest.mark.django_db
class TestDetail:
    def test_shows_everything(self, coordinator_client, network, coordinator):
        a = PartnerFactory(network=network, organisation__name="GGD")
        b = PartnerFactory(network=network, organisation__name="Sportclub")
        meeting = make_meeting(network, partners=[a, b], agenda="Opening\nWandelgroep")
        with scope(network=network):
            services.attendance_record(acting_user=coordinator, meeting=meeting, present=[a])
            decision = services.decision_add(
                acting_user=coordinator, meeting=meeting, text="Wandelgroep start in maart"
            )
            services.decision_mark_communicated(
                acting_user=coordinator, decision=decision, how="nieuwsbrief"
            )
            services.reflection_save(
                acting_user=coordinator,
                meeting=meeting,
                collaboration=4,
                engagement=2,
                goal_progress=3,
                remark="Weinig tijd",
            )
        html = coordinator_client.get(url(meeting)).content.decode()
        for text in [
            "<li>Wandelgroep</li>",
            "GGD",
            "aanwezig",
            "afwezig",
            "Wandelgroep start in maart",
            "ja, via nieuwsbrief op",
            "Weinig tijd",
            "Geen acties aan deze bijeenkomst gekoppeld.",
        ]:
            assert text in html, text

    def test_lists_the_actions_of_the_meeting(self, coordinator_client, network, coordinator):
        from wijknet.actions.models import Action

        meeting = make_meeting(network)
        Action.objects.create(
            network=network, meeting=meeting, title="Flyer maken", owner=coordinator
        )
        html = coordinator_client.get(url(meeting)).content.decode()
        assert "Flyer maken" in html and "Coordinator Persoon" in html

    def test_empty_states_and_no_edit_links_for_readers(self, client, members, network):
        meeting = make_meeting(network, agenda="")
        client.force_login(members["citizen"])
        html = client.get(url(meeting)).content.decode()
        assert "Nog geen agendapunten." in html
        assert "Er zijn geen partners uitgenodigd." in html
        assert "Nog geen besluiten vastgelegd." in html
        assert "Nog geen reflectie." in html
        assert "bewerken/" not in html and "Besluit toevoegen" not in html

    def test_another_networks_meeting_is_404(self, coordinator_client, other_network):
        foreign = make_meeting(other_network)
        for rest in ["", "bewerken/", "aanwezigheid/", "reflectie/", "ical/", "verwijderen/"]:
            assert coordinator_client.get(url(foreign, rest)).status_code == 404, rest
        assert coordinator_client.post(url(foreign, "verwijderen/")).status_code == 404
        with scope(network=other_network):
            assert Meeting.objects.exists()


@pytest.mark.django_db
class TestAttendanceDecisionsReflection:
    def test_record_attendance(self, coordinator_client, network):
        a, b = PartnerFactory(network=network), PartnerFactory(network=network)
        meeting = make_meeting(network, partners=[a, b])
        page = coordinator_client.get(url(meeting, "aanwezigheid/")).content.decode()
        assert 'type="checkbox"' in page
        response = coordinator_client.post(url(meeting, "aanwezigheid/"), {"present": [b.pk]})
        assert response.status_code == 302
        with scope(network=network):
            assert dict(Attendance.objects.values_list("partner", "present")) == {
                a.pk: False,
                b.pk: True,
            }

    def test_attendance_refuses_an_uninvited_partner(self, coordinator_client, network):
        invited, other = PartnerFactory(network=network), PartnerFactory(network=network)
        meeting = make_meeting(network, partners=[invited])
        response = coordinator_client.post(url(meeting, "aanwezigheid/"), {"present": [other.pk]})
        assert response.status_code == 200
        assert "is geen beschikbare keuze." in response.content.decode()

    def test_attendance_without_invited_partners_explains(self, coordinator_client, network):
        meeting = make_meeting(network)
        html = coordinator_client.get(url(meeting, "aanwezigheid/")).content.decode()
        assert "Er zijn geen partners uitgenodigd voor deze bijeenkomst." in html

    def test_add_decision_and_mark_communicated(self, coordinator_client, network):
        meeting = make_meeting(network, days_ago=3)
        response = coordinator_client.post(
            url(meeting, "besluiten/nieuw/"), {"text": "We huren de sporthal"}
        )
        assert response.status_code == 302
        with scope(network=network):
            decision = Decision.objects.get()
        page = url(meeting, f"besluiten/{decision.pk}/gecommuniceerd/")
        response = coordinator_client.post(page, {"communicated_how": "", "communicated_on": ""})
        assert response.content.decode().count("Dit veld is verplicht.") == 2
        response = coordinator_client.post(
            page,
            {"communicated_how": "e-mail", "communicated_on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 302
        decision.refresh_from_db()
        assert decision.communicated and decision.communicated_how == "e-mail"

    def test_empty_decision_shows_a_dutch_error(self, coordinator_client, network):
        meeting = make_meeting(network)
        response = coordinator_client.post(url(meeting, "besluiten/nieuw/"), {"text": ""})
        assert response.status_code == 200
        assert "Dit veld is verplicht." in response.content.decode()

    def test_reflection(self, coordinator_client, network):
        meeting = make_meeting(network)
        page = coordinator_client.get(url(meeting, "reflectie/")).content.decode()
        assert "Zorg als netwerkcoördinator voor reflectietijd" in page
        assert page.count('type="radio"') == 15
        response = coordinator_client.post(
            url(meeting, "reflectie/"), {"collaboration": "4", "engagement": "7"}
        )
        html = response.content.decode()
        assert "Dit veld is verplicht." in html
        assert "Selecteer een geldige keuze. 7 is geen beschikbare keuze." in html
        response = coordinator_client.post(
            url(meeting, "reflectie/"),
            {"collaboration": "4", "engagement": "3", "goal_progress": "5", "remark": "Fijn"},
        )
        assert response.status_code == 302
        with scope(network=network):
            reflection = Reflection.objects.get()
        assert (reflection.collaboration, reflection.goal_progress, reflection.remark) == (
            4,
            5,
            "Fijn",
        )
        # Editing starts from the saved answers.
        page = coordinator_client.get(url(meeting, "reflectie/")).content.decode()
        assert "Fijn" in page


@pytest.mark.django_db
def test_list_shows_attendance_and_decision_counts(coordinator_client, network, coordinator):
    a, b = PartnerFactory(network=network), PartnerFactory(network=network)
    meeting = make_meeting(network, title="Met cijfers", partners=[a, b])
    make_meeting(network, title="Zonder aanwezigheid", partners=[a, b], days_ago=20)
    with scope(network=network):
        services.attendance_record(acting_user=coordinator, meeting=meeting, present=[a])
        services.decision_add(acting_user=coordinator, meeting=meeting, text="X")
        services.decision_add(acting_user=coordinator, meeting=meeting, text="Y")
    past = coordinator_client.get(BASE).context["past"]
    first, second = past
    assert (first.present_count, first.invited_count, first.decision_count) == (1, 2, 2)
    assert (second.recorded_count, second.invited_count) == (0, 2)
    html = coordinator_client.get(BASE).content.decode()
    assert "1 van 2" in html and "2 uitgenodigd" in html
