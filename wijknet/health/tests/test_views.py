"""The signals page, acknowledging from it, and the thresholds page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from wijknet.core import analysis
from wijknet.health import monitor
from wijknet.health.models import HealthSettings, SignalAcknowledgement

from . import factories as f

pytestmark = pytest.mark.django_db


def index(network):
    return reverse("health:index", args=[network.slug])


def test_signals_page_explains_each_signal(client, network, coordinator):
    f.partner(network, "Welzijn Oost")
    client.force_login(coordinator)
    html = client.get(index(network)).content.decode()
    assert "Gemeente ontbreekt in het netwerk" in html
    assert "Geen actieve partner uit de sector gemeente." in html  # evidence
    assert "actief participeren" in html  # advice
    assert "002 Aanbeveling 1" in html  # source
    assert reverse("health:acknowledge", args=[network.slug]) in html
    assert reverse("health:settings", args=[network.slug]) in html


def test_core_sees_signals_without_forms(client, network, members):
    client.force_login(members["core"])
    html = client.get(index(network)).content.decode()
    assert "Er zijn geen afspraken over rollen, tijd en geld" in html
    assert reverse("health:acknowledge", args=[network.slug]) not in html


def test_acknowledge_hides_the_signal(client, network, coordinator):
    signal = next(s for s in monitor.evaluate(network) if s.code == "no_agreement")
    client.force_login(coordinator)
    response = client.post(
        reverse("health:acknowledge", args=[network.slug]),
        {
            "code": signal.code,
            "fingerprint": signal.fingerprint,
            "status": "not_applicable",
            "reason": "Convenant volgt in maart",
        },
    )
    assert response.status_code == 302
    html = client.get(index(network)).content.decode()
    assert "Convenant volgt in maart" in html  # shown folded away, with the reason
    assert "no_agreement" not in [s.code for s in monitor.new_signals(network)]


def test_acknowledge_without_reason_or_stale_fingerprint_changes_nothing(
    client, network, coordinator
):
    signal = next(s for s in monitor.evaluate(network) if s.code == "no_agreement")
    client.force_login(coordinator)
    url = reverse("health:acknowledge", args=[network.slug])
    client.post(
        url,
        {
            "code": signal.code,
            "fingerprint": signal.fingerprint,
            "status": "not_applicable",
            "reason": " ",
        },
    )
    client.post(url, {"code": signal.code, "fingerprint": "0" * 64, "status": "seen"})
    with scope(network=network):
        assert not SignalAcknowledgement.objects.exists()


def test_thresholds_page_saves_overrides(client, network, coordinator):
    client.force_login(coordinator)
    url = reverse("health:settings", args=[network.slug])
    assert client.get(url).status_code == 200
    from wijknet.health.rules import DEFAULTS

    data = {**DEFAULTS, "no_meeting_days": 60}
    response = client.post(url, data)
    assert response.status_code == 302
    with scope(network=network):
        assert HealthSettings.objects.get().overrides == {"no_meeting_days": 60}
    response = client.post(url, {**DEFAULTS, "dominance_share": 3})
    assert response.status_code == 200  # a share above 1 is refused


def test_other_network_is_404_and_data_stays_apart(client, network, other_network, coordinator):
    client.force_login(coordinator)
    for name in ("health:index", "health:settings"):
        assert client.get(reverse(name, args=[other_network.slug])).status_code == 404
    response = client.post(
        reverse("health:acknowledge", args=[other_network.slug]),
        {"code": "no_agreement", "fingerprint": "0" * 64, "status": "seen"},
    )
    assert response.status_code == 404
    html = client.get(index(network)).content.decode()
    assert "Geheime Partner" not in html


def test_signal_page_query_count_is_flat(client, network, coordinator, django_assert_num_queries):
    client.force_login(coordinator)
    today = timezone.localdate()
    for i in range(3):
        f.meeting(network, today - timedelta(days=i))
    client.get(index(network))  # warm up (session, content types; computes the analysis)
    # The stored signals and their acknowledgements are read: no evaluation in the request.
    with django_assert_num_queries(7):  # 5 + the toolbox items + the signal history
        client.get(index(network))
    for i in range(20):
        f.meeting(network, today - timedelta(days=10 + i))
    analysis.recompute(network)  # the task, as after the changes
    with django_assert_num_queries(7):  # 5 + the toolbox items + the signal history
        client.get(index(network))


def test_signals_page_is_english_for_an_english_reader(client, network, coordinator):
    """The stored analysis holds text keys; the page renders them in the reader's language."""
    from django.conf import settings

    f.partner(network, "Welzijn Oost")
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(index(network)).content.decode()
    assert "Municipality is missing from the network" in html
    assert "No active partner from the sector municipality." in html  # evidence
    assert "Make sure that at least the municipality, the health insurer and the GP" in html
    assert "Gemeente ontbreekt" not in html and "actief participeren" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"  # the same stored result, in Dutch
    assert "Gemeente ontbreekt in het netwerk" in client.get(index(network)).content.decode()


def test_signals_page_shows_the_origin_and_other_projects_signals(client, network, coordinator):
    """Issue 16: the new facts set on the profile reach the signals page."""
    network.origin, network.kartrekker_base = "outside", "elders"
    network.other_projects = "Welzijn op recept"
    network.save()
    client.force_login(coordinator)
    html = client.get(index(network)).content.decode()
    assert "Het netwerk is niet vanuit de wijk zelf ontstaan" in html
    assert "De kartrekker werkt niet in de wijk zelf." in html
    assert "Loopt al in de wijk: Welzijn op recept." in html
    assert "Sociaal wijkteam ontbreekt in het netwerk" in html
    assert "002 §4.1 Leiden" in html
