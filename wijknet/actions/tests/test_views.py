import pytest
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.actions.models import Action, Goal, Success

from .helpers import days, fresh, make_action, make_goal, make_meeting, make_success, today

pytestmark = pytest.mark.django_db

BASE = "/n/gezond-oost"


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TestIndex:
    def test_goals_with_actions_overdue_loose_actions_and_successes(
        self, coordinator_client, network, members
    ):
        goal = make_goal(network, title="Meer ouderen bewegen", measure="40 deelnemers")
        make_action(
            network, goal=goal, title="Flyer maken", due_on=days(-3), owner=members["partner"]
        )
        make_action(network, goal=goal, title="Zaal huren", due_on=days(10))
        make_action(network, goal=goal, title="Al klaar", due_on=days(-10), status="done")
        make_action(network, title="Website bijwerken")
        make_goal(network, title="Vaag doel")
        make_success(network, title="Eerste wandeling")
        html = html_of(coordinator_client.get(f"{BASE}/doelen/"))
        assert "Meer ouderen bewegen" in html and "40 deelnemers" in html
        assert "Flyer maken" in html and "Partner Persoon" in html
        assert "Acties zonder doel" in html and "Website bijwerken" in html
        assert "Eerste wandeling" in html and "nog niet gedeeld" in html
        # Only the open action past its date is marked overdue.
        assert html.count('class="badge ended overdue"') == 1
        assert "1 actie is over de datum." in html
        assert "maak dit doel concreet" in html  # "Vaag doel" has no measure
        assert "Actie toevoegen" in html and "Nieuwsbrief" in html

    def test_empty_page_invites_to_make_goals_concrete(self, coordinator_client):
        html = html_of(coordinator_client.get(f"{BASE}/doelen/"))
        assert "Nog geen doelen." in html and "Nog geen successen vastgelegd." in html

    def test_reader_sees_no_edit_links_but_may_report_on_own_action(self, client, network, members):
        make_action(network, title="Mijn actie", owner=members["citizen"])
        make_action(network, title="Andermans actie", owner=members["core"])
        client.force_login(members["citizen"])
        html = html_of(client.get(f"{BASE}/doelen/"))
        assert "Doel toevoegen" not in html and "Bewerken" not in html
        assert html.count("Voortgang melden") == 1

    def test_viewer_may_not_see_actions(self, client, members):
        client.force_login(members["viewer"])
        assert client.get(f"{BASE}/doelen/").status_code == 403


class TestGoalPages:
    def test_create_edit_and_review(self, coordinator_client, network):
        response = coordinator_client.post(
            f"{BASE}/doelen/nieuw/",
            {"title": "Eenzaamheid verminderen", "measure": "20 maatjes", "target_date": ""},
            follow=True,
        )
        assert "Doel Eenzaamheid verminderen toegevoegd." in html_of(response)
        with scope(network=network):
            goal = Goal.objects.get()
        edit = coordinator_client.post(
            f"{BASE}/doelen/{goal.uuid}/bewerken/",
            {
                "title": "Eenzaamheid verminderen",
                "measure": "30 maatjes",
                "status": "open",
                "version": "1",
            },
        )
        assert edit.status_code == 302
        review = coordinator_client.post(
            f"{BASE}/doelen/{goal.uuid}/besproken/",
            {"reviewed_on": today().isoformat(), "status": "achieved", "version": "2"},
        )
        assert review.status_code == 302
        goal = fresh(goal)
        assert (goal.measure, goal.status, goal.reviewed_on) == ("30 maatjes", "achieved", today())
        # A second editor who loaded version 1 is refused, sees what is stored now, keeps input.
        stale = coordinator_client.post(
            f"{BASE}/doelen/{goal.uuid}/bewerken/",
            {"title": "Mijn titel", "measure": "40 maatjes", "status": "open", "version": "1"},
        )
        html = stale.content.decode()
        assert "Iemand anders heeft dit intussen gewijzigd" in html
        assert "Zo staat het nu opgeslagen: Doel: Eenzaamheid verminderen; Waaraan" in html
        assert "Status: Behaald" in html
        assert 'value="Mijn titel"' in html
        assert fresh(goal).title == "Eenzaamheid verminderen"

    def test_invalid_goal_shows_dutch_errors_and_keeps_input(self, coordinator_client, network):
        response = coordinator_client.post(
            f"{BASE}/doelen/nieuw/",
            {"title": "", "measure": "Iets zichtbaars", "target_date": "volgend jaar"},
        )
        html = html_of(response)
        assert "Dit veld is verplicht." in html
        assert "Voer een geldige datum in." in html
        assert "Iets zichtbaars" in html
        with scope(network=network):
            assert Goal.objects.count() == 0

    def test_review_in_the_future_is_refused(self, coordinator_client, network):
        goal = make_goal(network)
        html = html_of(
            coordinator_client.post(
                f"{BASE}/doelen/{goal.uuid}/besproken/",
                {"reviewed_on": days(3).isoformat(), "status": "open"},
            )
        )
        assert "Deze datum ligt in de toekomst." in html
        assert fresh(goal).reviewed_on is None

    def test_goal_of_another_network_is_404(self, coordinator_client, other_network):
        foreign = make_goal(other_network)
        assert coordinator_client.get(f"{BASE}/doelen/{foreign.uuid}/bewerken/").status_code == 404
        assert (
            coordinator_client.post(
                f"{BASE}/doelen/{foreign.uuid}/besproken/", {"reviewed_on": "", "status": "open"}
            ).status_code
            == 404
        )


class TestActionPages:
    def test_create_with_owner_partner_goal_and_meeting(self, coordinator_client, network, members):
        goal = make_goal(network)
        partner = PartnerFactory(network=network, organisation__name="Buurtsport")
        meeting = make_meeting(network, title="Kerngroep maart")
        form = html_of(coordinator_client.get(f"{BASE}/acties/nieuw/?doel={goal.uuid}"))
        assert "Buurtsport" in form and "Kerngroep maart" in form and "Core Persoon" in form
        assert "Viewer Persoon" not in form  # funders and observers do not see actions
        assert f'value="{goal.pk}" selected' in form
        response = coordinator_client.post(
            f"{BASE}/acties/nieuw/",
            {
                "title": "Beweegmiddag organiseren",
                "goal": goal.pk,
                "owner": members["core"].pk,
                "owner_partner": partner.pk,
                "due_on": days(30).isoformat(),
                "status": "open",
                "meeting": meeting.pk,
            },
        )
        assert response.status_code == 302
        with scope(network=network):
            action = Action.objects.get()
        assert (action.goal, action.owner, action.owner_partner, action.meeting) == (
            goal,
            members["core"],
            partner,
            meeting,
        )

    def test_invalid_action_shows_dutch_errors(
        self, coordinator_client, network, other_network, outsider
    ):
        foreign_goal = make_goal(other_network)
        ended = PartnerFactory(network=network, left_on=days(-5))
        response = coordinator_client.post(
            f"{BASE}/acties/nieuw/",
            {
                "title": "",
                "goal": foreign_goal.pk,
                "owner": outsider.pk,
                "owner_partner": ended.pk,
                "due_on": "morgen",
                "status": "open",
            },
        )
        html = html_of(response)
        assert "Dit veld is verplicht." in html
        assert "Voer een geldige datum in." in html
        assert html.count("Selecteer een geldige keuze.") == 3
        with scope(network=network):
            assert Action.objects.count() == 0

    def test_edit_to_done_and_stale_edit_is_refused(self, coordinator_client, network):
        action = make_action(network)
        url = f"{BASE}/acties/{action.uuid}/bewerken/"
        data = {"title": "Wandelgroep starten", "status": "done", "result": "Gestart", "version": 1}
        assert coordinator_client.post(url, data).status_code == 302
        assert fresh(action).completed_on == today()
        stale = coordinator_client.post(url, {**data, "title": "Andere titel"})
        assert "Iemand anders heeft dit intussen gewijzigd" in html_of(stale)
        assert fresh(action).title == "Wandelgroep starten"

    def test_owner_reports_progress(self, client, network, members):
        owner = members["partner"]
        action = make_action(network, owner=owner, due_on=days(5))
        client.force_login(owner)
        url = f"{BASE}/acties/{action.uuid}/voortgang/"
        assert "Voortgang van Wandelgroep starten" in html_of(client.get(url))
        response = client.post(
            url, {"status": "done", "result": "Twaalf deelnemers", "version": 1}, follow=True
        )
        assert "Voortgang van Wandelgroep starten opgeslagen." in html_of(response)
        action = fresh(action)
        assert (action.status, action.result, action.completed_on) == (
            "done",
            "Twaalf deelnemers",
            today(),
        )
        # The owner may not use the full edit form.
        assert client.get(f"{BASE}/acties/{action.uuid}/bewerken/").status_code == 403

    def test_other_reader_may_not_report_progress(self, client, network, members):
        action = make_action(network, owner=members["citizen"])
        client.force_login(members["partner"])
        url = f"{BASE}/acties/{action.uuid}/voortgang/"
        assert client.get(url).status_code == 403
        assert client.post(url, {"status": "done", "version": 1}).status_code == 403
        assert fresh(action).status == "open"

    def test_invalid_progress_shows_dutch_error(self, client, network, members):
        action = make_action(network, owner=members["citizen"])
        client.force_login(members["citizen"])
        html = html_of(
            client.post(f"{BASE}/acties/{action.uuid}/voortgang/", {"status": "", "version": 1})
        )
        assert "Dit veld is verplicht." in html

    def test_action_of_another_network_is_404(self, coordinator_client, other_network):
        foreign = make_action(other_network)
        for page in ("bewerken", "voortgang"):
            url = f"{BASE}/acties/{foreign.uuid}/{page}/"
            assert coordinator_client.get(url).status_code == 404


class TestSuccessPages:
    def test_create_and_list(self, coordinator_client, network):
        goal = make_goal(network, title="Meer bewegen")
        response = coordinator_client.post(
            f"{BASE}/successen/nieuw/",
            {
                "title": "Honderd wandelaars",
                "description": "Op de eerste zondag",
                "happened_on": today().isoformat(),
                "goal": goal.pk,
            },
            follow=True,
        )
        html = html_of(response)
        assert "Succes Honderd wandelaars vastgelegd." in html
        assert "Honderd wandelaars" in html and "Meer bewegen" in html
        with scope(network=network):
            assert Success.objects.get().created_by.email == "coordinator@example.org"

    def test_invalid_success_shows_dutch_errors(self, coordinator_client, network):
        html = html_of(
            coordinator_client.post(
                f"{BASE}/successen/nieuw/",
                {"title": "", "happened_on": "", "description": "Bewaard"},
            )
        )
        assert html.count("Dit veld is verplicht.") == 2 and "Bewaard" in html

    def test_reader_sees_the_list_without_buttons(self, client, network, members):
        make_success(network, title="Buurtfeest")
        client.force_login(members["partner"])
        html = html_of(client.get(f"{BASE}/successen/"))
        assert "Buurtfeest" in html and "Succes vastleggen" not in html


class TestDigestPages:
    def test_preview_send_and_confirmation(
        self, coordinator_client, network, members, mailoutbox, django_capture_on_commit_callbacks
    ):
        make_success(network, title="Vijftig wandelaars")
        make_action(network, title="Flyer verspreid", status="done", completed_on=days(-1))
        make_meeting(network, title="Leersessie", starts_in_days=5)
        preview = html_of(coordinator_client.get(f"{BASE}/nieuwsbrief/"))
        assert "Vijftig wandelaars" in preview and "Flyer verspreid" in preview
        assert "Leersessie" in preview and "Verstuur aan 5 leden" in preview
        assert "Er is nog geen nieuwsbrief verstuurd." in preview
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_client.post(f"{BASE}/nieuwsbrief/versturen/", follow=True)
        assert "De nieuwsbrief is verstuurd aan alle leden; 1 succes is gedeeld." in html_of(
            response
        )
        assert len(mailoutbox) == len(members)
        assert all("Vijftig wandelaars" in mail.body for mail in mailoutbox)
        again = html_of(coordinator_client.get(f"{BASE}/nieuwsbrief/"))
        assert "De vorige nieuwsbrief ging uit op" in again
        assert "Er is nog geen nieuws om te delen." in again

    def test_sending_without_news_explains(self, coordinator_client, mailoutbox):
        response = coordinator_client.post(f"{BASE}/nieuwsbrief/versturen/", follow=True)
        assert "Er is nog geen nieuws om te delen." in html_of(response)
        assert mailoutbox == []

    def test_partner_may_not_send(self, client, network, members, mailoutbox):
        make_success(network)
        client.force_login(members["partner"])
        assert client.post(f"{BASE}/nieuwsbrief/versturen/").status_code == 403
        assert client.get(f"{BASE}/nieuwsbrief/").status_code == 403
        assert mailoutbox == []


@pytest.mark.django_db
def test_goals_page_shows_five_goals_then_show_all(coordinator_client, network, coordinator):
    from wijknet.actions import services

    with scope(network=network):
        for n in range(7):
            services.goal_create(acting_user=coordinator, network=network, title=f"Doel {n}")
    html = html_of(coordinator_client.get(f"{BASE}/doelen/"))
    assert html.count('<section class="card phase"') == 5
    assert "Toon alle 7" in html
    everything = html_of(coordinator_client.get(f"{BASE}/doelen/?alle=doelen"))
    assert everything.count('<section class="card phase"') == 7
