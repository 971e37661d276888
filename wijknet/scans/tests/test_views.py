import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from wijknet.scans import services
from wijknet.scans.models import ScanAnswer, ScanInvitation, ScanRound
from wijknet.scans.tests.conftest import full_answers, items_of, submit_all


@pytest.mark.django_db
class TestAnsweringByToken:
    def test_save_halfway_then_submit_then_only_own_answers(
        self, client, invited_round, mini, network
    ):
        round_, tokens = invited_round
        url = f"/scan/{tokens['staf@example.org']}/"
        page = client.get(url)
        assert "Scan T0 van Gezond Oost" in page.content.decode()
        first = next(iter(items_of(mini).values()))
        client.post(f"{url}deel/1/", {f"item_{first.pk}": "2", "action": "save"})
        with scope(network=network):
            assert ScanAnswer.objects.get().value == 2
        incomplete = client.post(f"{url}indienen/", {"action": "submit"})
        assert "Aantal vragen zonder antwoord: 5." in incomplete.content.decode()
        data = full_answers(mini) | {f"item_{first.pk}": "0", "action": "next"}
        for part in (1, 2, 3):
            client.post(f"{url}deel/{part}/", data)
        done = client.post(f"{url}indienen/", {"action": "submit"}, follow=True)
        html = done.content.decode()
        assert "Bedankt voor het invullen" in html
        assert "weet niet / n.v.t." in html  # the respondent sees their own answers
        # The link cannot be used to answer again.
        again = submit_all(client, url, mini, "1", follow=True)
        assert "Bedankt voor het invullen" in again.content.decode()
        with scope(network=network):
            assert sorted(
                ScanAnswer.objects.values_list("value", flat=True), key=lambda v: v or 0
            ) == [None, 4, 4, 4, 4, 4]

    def test_token_reveals_nothing_of_other_respondents(self, client, invited_round, mini):
        round_, tokens = invited_round
        submit_all(client, f"/scan/{tokens['ander@example.org']}/", mini, "1")
        html = client.get(f"/scan/{tokens['staf@example.org']}/deel/1/").content.decode()
        assert "checked" not in html  # no answer of the other respondent is pre-filled
        assert "ander@example.org" not in html

    def test_closed_round_accepts_nothing(self, client, invited_round, mini, coordinator, network):
        round_, tokens = invited_round
        with scope(network=network):
            services.round_close(acting_user=coordinator, round_=round_)
        response = client.post(
            f"/scan/{tokens['staf@example.org']}/deel/1/", full_answers(mini) | {"action": "next"}
        )
        assert response.status_code == 410
        assert "gesloten" in response.content.decode()
        with scope(network=network):
            assert ScanAnswer.objects.count() == 0

    def test_unknown_token(self, client, db):
        response = client.get("/scan/onzin/")
        assert response.status_code == 404
        assert "ongeldig" in response.content.decode()

    def test_a_token_opens_only_its_own_round(
        self, client, invited_round, make_round, network, mini
    ):
        round_, tokens = invited_round
        other = make_round("T1", emails=("staf@example.org",))
        submit_all(client, f"/scan/{tokens['staf@example.org']}/", mini)
        with scope(network=network):
            assert ScanInvitation.objects.get(round=round_, email="staf@example.org").submitted_at
            assert (
                ScanInvitation.objects.get(round=other, email="staf@example.org").submitted_at
                is None
            )


@pytest.mark.django_db
class TestRoundPages:
    def test_create_round_invites_members_by_role(
        self,
        client,
        coordinator,
        members,
        mini,
        network,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        client.force_login(coordinator)
        today = timezone.localdate()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/n/gezond-oost/scans/nieuw/",
                {
                    "label": "T0",
                    "instruments": [mini.pk],
                    "opens_on": today.isoformat(),
                    "closes_on": (today + timedelta(days=7)).isoformat(),
                    "roles": ["partner", "citizen"],
                    "extra_emails": "extra@example.org",
                    "own_items": "Wij vieren successen.",
                    "weak_threshold": "3.0",
                },
                follow=True,
            )
        assert "Scanronde T0 is gestart" in response.content.decode()
        assert sorted(m.to[0] for m in mailoutbox) == [
            "citizen@example.org",
            "extra@example.org",
            "partner@example.org",
        ]
        with scope(network=network):
            round_ = ScanRound.objects.get()
            assert round_.own_items.get().text == "Wij vieren successen."
            assert ScanInvitation.objects.get(email="partner@example.org").role == "partner"

    def test_invalid_round_form(self, client, coordinator, mini):
        client.force_login(coordinator)
        response = client.post(
            "/n/gezond-oost/scans/nieuw/",
            {
                "label": "T0",
                "opens_on": "2026-05-01",
                "closes_on": "2026-04-01",
                "extra_emails": "geen-adres",
                "weak_threshold": "3",
            },
        )
        html = response.content.decode()
        assert "Kies minstens één scan." in html
        assert "Geen geldig e-mailadres: geen-adres" in html

    def test_nobody_invited_is_an_error(self, client, coordinator, mini, network):
        client.force_login(coordinator)
        today = timezone.localdate().isoformat()
        response = client.post(
            "/n/gezond-oost/scans/nieuw/",
            {
                "label": "T0",
                "instruments": [mini.pk],
                "opens_on": today,
                "closes_on": today,
                "weak_threshold": "3",
            },
        )
        assert "Kies wie je uitnodigt" in response.content.decode()
        with scope(network=network):
            assert ScanRound.objects.count() == 0  # nothing half-created

    def test_member_answers_on_the_site(self, client, members, make_round, mini, network):
        round_ = make_round(roles=("partner",), emails=())
        client.force_login(members["partner"])
        listing = client.get("/n/gezond-oost/scans/").content.decode()
        assert "Vul de scan in" in listing
        url = f"/n/gezond-oost/scans/{round_.uuid}/invullen/"
        submit_all(client, url, mini)
        with scope(network=network):
            assert ScanInvitation.objects.get(user=members["partner"]).submitted_at
        client.force_login(members["citizen"])
        assert client.get(url).status_code == 404  # not invited

    def test_results_page_shows_radar_advice_and_csv(
        self, client, coordinator, make_round, respond
    ):
        round_ = make_round()
        for _ in range(3):
            respond(round_, {"m1a": 1, "m1b": 2})
        client.force_login(coordinator)
        html = client.get(f"/n/gezond-oost/scans/{round_.uuid}/").content.decode()
        assert "Mini-scan: gemiddelde per onderdeel" in html  # the radar's <title>
        assert "<polygon" in html
        assert "Plan lummeltijd in." in html and "003 tip 1" in html
        assert "3 van 4 uitgenodigden (75%)" in html
        csv = client.get(f"/n/gezond-oost/scans/{round_.uuid}/resultaten.csv")
        lines = csv.content.decode().splitlines()
        assert lines[0].startswith("instrument,onderdeel,indicator,stelling,n,gemiddelde")
        assert lines[1] == ("mini,Onderdeel 1,Indicator 1,Stelling 1a,3,1.00,0.00,3,0,0,0,0,0,nee")

    def test_breakdown_explains_hidden_groups(self, client, coordinator, make_round, respond):
        round_ = make_round()
        for _ in range(3):
            respond(round_, {"m1a": 4}, role="core")
        respond(round_, {"m1a": 1}, role="viewer")
        client.force_login(coordinator)
        html = client.get(f"/n/gezond-oost/scans/{round_.uuid}/?per=role").content.decode()
        assert "Eén groep is verborgen omdat er minder dan drie mensen in zitten" in html
        assert '<th scope="col">Kerngroep</th>' in html
        assert "Financier / waarnemer</th>" not in html


@pytest.mark.django_db
def test_results_csv_neutralises_formulas_in_own_statements(client, network, coordinator, mini):
    today = timezone.localdate()
    with scope(network=network):
        round_ = services.round_create(
            acting_user=coordinator,
            network=network,
            label="T0",
            instruments=[mini],
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=7),
            extra_emails=["a@example.org"],
            own_items=["=HYPERLINK(1)"],
            notify=False,
        )
    client.force_login(coordinator)
    response = client.get(f"/n/gezond-oost/scans/{round_.uuid}/resultaten.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[-1][:5] == ["eigen", "", "", "'=HYPERLINK(1)", "0"]


@pytest.mark.django_db
def test_results_csv_survives_a_label_with_a_newline_and_quotes(
    client, network, coordinator, make_round
):
    """The label is free text; it used to go raw into Content-Disposition (a 500)."""
    round_ = make_round(label='T0 "voor"\nna')
    client.force_login(coordinator)
    response = client.get(f"/n/gezond-oost/scans/{round_.uuid}/resultaten.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''scan-gezond-oost-T0%20%22voor%22%0Ana.csv"
    )
    assert response.content.decode().startswith("instrument,onderdeel,indicator")
    template = client.get(f"/n/gezond-oost/scans/{round_.uuid}/importeren/sjabloon.csv")
    assert template["Content-Disposition"] == (
        'attachment; filename="scan-gezond-oost-t0-voor-na-sjabloon.csv"'
    )


@pytest.mark.django_db
class TestClosingARound:
    def test_closing_asks_first_and_a_bare_post_changes_nothing(
        self, client, coordinator, make_round, network
    ):
        round_ = make_round()
        client.force_login(coordinator)
        url = f"/n/gezond-oost/scans/{round_.uuid}/sluiten/"
        # The results page's "Ronde nu sluiten" button posts without the confirmation field.
        asked = client.post(url)
        html = asked.content.decode()
        assert asked.status_code == 200
        assert "Scanronde T0 nu sluiten?" in html
        assert "Dit kan niet ongedaan worden gemaakt." in html
        assert 'name="confirm" value="1"' in html
        round_.refresh_from_db()
        assert round_.closed_at is None
        done = client.post(url, {"confirm": "1"}, follow=True)
        assert "De ronde is gesloten." in done.content.decode()
        round_.refresh_from_db()
        assert round_.closed_at is not None
