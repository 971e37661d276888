"""Aggregation checked against figures computed by hand."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from wijknet.scans import queries
from wijknet.scans.stats import Stats


def test_stats_by_hand():
    s = Stats()
    for value in (1, 5, 5, None, None):
        s.add(value)
    # "weet niet" is not a score: n = 3, mean = 11/3, sd = sqrt(((1-11/3)^2 + 2*(5-11/3)^2)/3)
    assert (s.n, s.dont_know) == (3, 2)
    assert s.mean == pytest.approx(11 / 3)
    assert s.sd == pytest.approx(1.8856, abs=1e-4)
    assert s.disagreement is True
    assert s.distribution() == [1, 0, 0, 0, 2]


def test_agreement_is_not_flagged_and_two_people_never_are():
    agree = Stats()
    for value in (4, 4, 5, 4):
        agree.add(value)
    assert agree.disagreement is False
    two = Stats()
    two.add(1)
    two.add(5)
    assert two.disagreement is False  # fewer than three people: no verdict


@pytest.mark.django_db
def test_round_results_by_hand(network, make_round, respond):
    round_ = make_round()
    respond(round_, {"m1a": 1, "m1b": 2, "m2a": 4, "m2b": None})
    respond(round_, {"m1a": 2, "m1b": 1, "m2a": 5, "m2b": 5})
    respond(round_, {"m1a": 1, "m1b": None, "m2a": 4, "m2b": 4})
    with scope(network=network):
        results = queries.round_results(round_)
    by_name = {i.name: i for i in results.all_indicators}
    one, two, three = (by_name[f"Indicator {n}"] for n in (1, 2, 3))
    # Indicator 1 pools m1a (1, 2, 1) and m1b (2, 1, weet niet): 1+2+1+2+1 = 7 over 5.
    assert (one.stats.n, one.stats.dont_know) == (5, 1)
    assert one.stats.mean == pytest.approx(7 / 5)
    assert one.weak is True
    # Indicator 2: 4, 5, 4, 5, 4 (one weet niet) = 22 / 5.
    assert two.stats.mean == pytest.approx(22 / 5)
    assert two.weak is False
    assert three.stats.mean == 3  # everyone answered 3
    assert [i.name for i in results.strongest] == ["Indicator 2", "Indicator 3", "Indicator 1"]
    # 1 invitation from round creation (a@example.org, not answered) + 3 answered.
    assert (results.invited, results.submitted, results.response_rate) == (4, 3, 75)
    assert [i.name for i in results.attention] == ["Indicator 1"]
    advice, steps = one.advice[0]
    assert advice.text == "Plan lummeltijd in."
    assert [s.key for s in steps] == ["verkennen-klein-beginnen"]


@pytest.mark.django_db
def test_disagreement_gets_advice_even_with_a_good_mean(network, make_round, respond):
    round_ = make_round()
    for value in (5, 5, 1, 5, 5):
        respond(round_, {"m1a": value, "m1b": value})
    with scope(network=network):
        results = queries.round_results(round_)
    one = next(i for i in results.all_indicators if i.name == "Indicator 1")
    assert one.stats.mean == pytest.approx(4.2)
    assert one.stats.disagreement is True and one.weak is False
    assert one in results.attention and one.advice


@pytest.mark.django_db
def test_unsubmitted_answers_do_not_count(network, make_round, respond):
    from wijknet.scans import services
    from wijknet.scans.models import ScanInvitation

    round_ = make_round()
    respond(round_, {"m1a": 4})
    with scope(network=network):
        draft = ScanInvitation.objects.get(email="a@example.org")
        item = round_.instruments.get().items.get(key="m1a")
        services.answers_save(invitation=draft, answers={item.pk: 1}, submit=False)
        results = queries.round_results(round_)
    m1a = next(s for i, s in results.all_indicators[0].items if i.key == "m1a")
    assert (m1a.n, m1a.mean) == (1, 4)


@pytest.mark.django_db
def test_breakdown_hides_groups_under_three(network, make_round, respond):
    round_ = make_round()
    for _ in range(3):
        respond(round_, {"m1a": 4, "m1b": 4}, role="core")
    respond(round_, {"m1a": 1, "m1b": 1}, role="citizen")
    respond(round_, {"m1a": 2, "m1b": 2}, role="citizen")
    with scope(network=network):
        results = queries.round_results(round_)
        split = queries.breakdown(round_, "role")
    one = next(i for i in results.all_indicators if i.name == "Indicator 1")
    assert split.shown == ["core"]
    assert split.hidden == [("citizen", 2)]
    assert split.means_for(one) == {"core": 4}
    assert all(group != "citizen" for (_ind, group) in split.means)


@pytest.mark.django_db
def test_trend_over_three_rounds(network, make_round, respond):
    today = timezone.localdate()
    t0 = make_round("T0", opens_on=today - timedelta(days=730), emails=("t0@example.org",))
    t1 = make_round("T1", opens_on=today - timedelta(days=365), emails=("t1@example.org",))
    t2 = make_round("T2", opens_on=today, emails=("t2@example.org",))
    for round_, value in ((t0, 2), (t1, 3), (t2, 5)):
        respond(round_, {"m1a": value, "m1b": value})
    with scope(network=network):
        results = queries.round_results(t2)
        rounds, means = queries.trend(t2, t2.instruments.get())
        one = next(i for i in results.all_indicators if i.name == "Indicator 1")
        group_one = one.indicator.group
    assert [r.label for r in rounds] == ["T0", "T1", "T2"]
    assert [means[(group_one.pk, r.pk)] for r in rounds] == [2, 3, 5]
    assert (one.previous_mean, one.trend) == (3, "up")
    with scope(network=network):
        t1_results = queries.round_results(t1)
    t1_one = next(i for i in t1_results.all_indicators if i.name == "Indicator 1")
    assert (t1_one.previous_mean, t1_one.trend) == (2, "up")
