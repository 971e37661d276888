"""'Mijn Positieve Gezondheid' (issue 15, item 3): the resident fills in their own spider web;
it is kept apart from a web filled in with a professional, labelled, seen by the care team, and
each read and write is one access-log record."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.support.otp import login_verified
from wijknet.accesslog.models import AccessLogRecord
from wijknet.casework import selfcheck
from wijknet.casework.models import HealthMeasurement

from .conftest import login_resident

pytestmark = pytest.mark.django_db


def url(name, link):
    return reverse(f"residents:{name}", kwargs={"link_uuid": link.uuid})


def answers(mark):
    data = {}
    for group in selfcheck.question_set():
        for question in group.questions:
            data["q_" + question.key.replace(".", "__")] = mark
    return data


def records(network):
    with scopes_disabled():
        return list(AccessLogRecord.objects.filter(network=network).order_by("id"))


def test_the_resident_fills_in_their_own_web_and_the_team_sees_it(client, network, rcase):
    login_resident(client, rcase.resident.user)
    empty = client.get(url("health", rcase.resident))
    assert "U hebt nog geen spinnenweb ingevuld." in empty.text
    form = client.get(url("health_fill", rcase.resident))
    assert (
        "Ik voel me fit en heb genoeg energie." in form.text and "Hoe gaat het met u?" in form.text
    )
    before = len(records(network))
    data = {**answers(6), "meedoen_talk": "on", "meedoen_remark": "Ik ben veel alleen"}
    response = client.post(url("health_fill", rcase.resident), data)
    assert response.status_code == 302
    written = records(network)[before:]
    assert [(r.action, r.category) for r in written] == [("create", "positive_health")]
    with scope(network=network):
        measurement = HealthMeasurement.objects.get(client=rcase.case.client)
        scores = {s.dimension: s for s in measurement.scores.all()}
    assert measurement.filled_by == "resident"
    assert measurement.recorded_by == rcase.resident.user
    assert scores["meedoen"].wants_to_talk and scores["meedoen"].remark == "Ik ben veel alleen"
    page = client.get(url("health", rcase.resident))
    assert "door de bewoner alleen" in page.text and "<svg" in page.text
    # The care team sees it on the client's Positive Health page, labelled.
    login_verified(client, rcase.case.recorder)
    team = client.get(
        reverse(
            "casework:health",
            kwargs={"network_slug": network.slug, "client_uuid": rcase.case.client.uuid},
        )
    )
    assert "Ik ben veel alleen" in team.text and "door de bewoner alleen" in team.text


def test_a_skipped_question_is_named_and_nothing_is_saved(client, network, rcase):
    login_resident(client, rcase.resident.user)
    data = answers(6)
    data["q_meedoen__steun"] = ""
    response = client.post(url("health_fill", rcase.resident), data)
    assert response.status_code == 200
    assert "Geef hier een cijfer van 0 tot 10." in response.text
    with scope(network=network):
        assert not HealthMeasurement.objects.filter(client=rcase.case.client).exists()


def test_a_reading_mantelzorger_sees_the_web_but_cannot_fill_it_in(client, rcase):
    login_resident(client, rcase.reader.user)
    page = client.get(url("health", rcase.reader))
    assert page.status_code == 200 and "Spinnenweb invullen" not in page.text
    assert client.post(url("health_fill", rcase.reader), answers(5)).status_code == 404


def test_the_residents_export_is_the_care_teams_readable_export(client, rcase):
    """One template for both (casework/_export_body.html): the resident's copy had drifted and
    lacked the plan's evaluation date."""
    login_resident(client, rcase.resident.user)
    page = client.get(url("export_html", rcase.resident))
    assert page.status_code == 200 and "Evalueren op" in page.text
