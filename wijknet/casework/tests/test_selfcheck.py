"""'Mijn Positieve Gezondheid': the resident's own questions, their scores and the page."""

import pytest
from django_scopes import scope, scopes_disabled

from wijknet.accesslog.models import AccessLogRecord
from wijknet.casework import selfcheck
from wijknet.casework.models import Dimension, HealthMeasurement
from wijknet.core.content import texts, untranslated

from .test_views import url

pytestmark = pytest.mark.django_db


def test_every_dimension_has_questions_in_both_languages():
    groups = selfcheck.question_set()
    assert [g.dimension for g in groups] == Dimension.values
    assert all(len(g.questions) == 3 for g in groups)
    assert untranslated(texts("positive_health")) == []


@pytest.mark.parametrize(
    ("marks", "score"),
    [([6, 7, 7], 7), ([6, 7], 7), ([0, 0, 1], 0), ([10, 10, 9], 10), ([5, 5, 6], 5)],
)
def test_a_dimension_score_is_the_rounded_mean(marks, score):
    assert selfcheck.dimension_score(marks) == score


def _answers(mark=6, **overrides):
    data = {"filled_by": "resident"}
    for group in selfcheck.question_set():
        for question in group.questions:
            data["q_" + question.key.replace(".", "__")] = mark
    data.update(overrides)
    return data


def test_the_questionnaire_records_a_measurement_with_dimension_scores(client, case, verified):
    verified(client, case.member)
    page = client.get(url(case, "selfcheck_create")).content.decode()
    assert "Ik voel me fit en heb genoeg energie." in page
    data = _answers(
        q_zingeving__zin=9,
        q_zingeving__doelen=8,
        q_zingeving__vertrouwen=8,
        zingeving_talk="on",
        zingeving_remark="Ik mis mijn werk",
    )
    with scopes_disabled():
        before = AccessLogRecord.objects.count()
    response = client.post(url(case, "selfcheck_create"), data)
    assert response.status_code == 302
    with scope(network=case.client.network):
        measurement = HealthMeasurement.objects.get(client=case.client)
        scores = {s.dimension: s for s in measurement.scores.all()}
    assert measurement.filled_by == "resident"
    assert scores["zingeving"].score == 8  # (9 + 8 + 8) / 3 = 8.33
    assert scores["zingeving"].wants_to_talk and scores["zingeving"].remark == "Ik mis mijn werk"
    assert scores["meedoen"].score == 6 and not scores["meedoen"].wants_to_talk
    with scopes_disabled():
        assert AccessLogRecord.objects.count() == before + 1  # the write, logged once


def test_a_skipped_or_wrong_mark_is_named_and_nothing_is_saved(client, case, verified):
    verified(client, case.member)
    data = _answers(q_meedoen__steun="", q_zingeving__zin=11)
    response = client.post(url(case, "selfcheck_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geef hier een cijfer van 0 tot 10." in html
    assert "Kies een cijfer van 0 tot 10." in html
    assert 'value="6"' in html  # the answers given stay filled in
    with scope(network=case.client.network):
        assert not HealthMeasurement.objects.filter(client=case.client).exists()


def test_own_webs_and_webs_with_a_professional_are_compared_apart(client, case, verified):
    verified(client, case.member)
    together = {"measured_on": "2026-01-05", "filled_by": "with_professional"}
    for d in Dimension.values:
        together |= {f"{d}_score": 3, f"{d}_remark": "", f"{d}_talk": ""}
    assert client.post(url(case, "measurement_create"), together).status_code == 302
    assert client.post(url(case, "selfcheck_create"), _answers(mark=7)).status_code == 302
    page = client.get(url(case, "health")).content.decode()
    assert "door de bewoner alleen" in page
    assert "Vorige" not in page  # the web filled in together is not the resident's previous
    assert client.post(url(case, "selfcheck_create"), _answers(mark=8)).status_code == 302
    page = client.get(url(case, "health")).content.decode()
    assert "<td>8</td><td>7</td>" in page  # now compared with the resident's own earlier web
