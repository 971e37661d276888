import pytest
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.networks import services


@pytest.mark.django_db
def test_dashboard_shows_ambition_sectors_roles_progress_and_changes(
    client, network, members, coordinator, roadmap
):
    PartnerFactory(network=network, organisation__sector="gemeente")
    PartnerFactory(network=network, organisation__sector="gemeente")
    PartnerFactory(network=network, organisation__sector="sport")
    with scope(network=network):
        services.partner_create(
            acting_user=coordinator,
            network=network,
            organisation_name="Huisarts Oost",
            sector="huisartsenzorg",
        )
    client.force_login(coordinator)
    html = client.get("/n/gezond-oost/").content.decode()
    assert "Samen gezonder in de wijk" in html
    assert "Actieve partners per sector (4)" in html
    assert '<title id="sector-chart-title">Actieve partners per sector</title>' in html
    # The table alternative of the chart carries the same figures.
    assert "<tr><td>Gemeente</td><td>2</td></tr>" in html
    assert "<tr><td>Kartrekker / netwerkcoördinator</td><td>1</td></tr>" in html
    assert "Voortgang per fase" in html and "0 van" in html
    assert "Huisarts Oost toegevoegd als partner" in html
    assert "Volgende stap" in html


@pytest.mark.django_db
def test_viewer_sees_aggregates_but_no_change_log_or_step_links(
    client, members, coordinator, network, roadmap
):
    with scope(network=network):
        services.partner_create(
            acting_user=coordinator,
            network=network,
            organisation_name="Huisarts Oost",
            sector="huisartsenzorg",
        )
    client.force_login(members["viewer"])
    html = client.get("/n/gezond-oost/").content.decode()
    assert "Voortgang per fase" in html
    assert "Huisarts Oost toegevoegd" not in html
    assert "/stappenplan/" not in html


@pytest.mark.django_db
def test_dashboard_links_the_latest_scan(client, coordinator, network, roadmap):
    from datetime import timedelta

    from django.utils import timezone

    from wijknet.scans.models import ScanRound

    client.force_login(coordinator)
    assert "Nog geen scan gedaan" in client.get("/n/gezond-oost/").content.decode()
    today = timezone.localdate()
    ScanRound.objects.create(
        network=network,
        label="T0",
        opens_on=today - timedelta(400),
        closes_on=today - timedelta(380),
    )
    latest = ScanRound.objects.create(
        network=network, label="T1", opens_on=today, closes_on=today + timedelta(10)
    )
    ScanRound.objects.create(
        network=network,
        label="T2",
        opens_on=today + timedelta(300),
        closes_on=today + timedelta(320),
    )
    html = client.get("/n/gezond-oost/").content.decode()
    assert f"/n/gezond-oost/scans/{latest.uuid}/" in html
    assert "0 van 0 ingevuld" in html
