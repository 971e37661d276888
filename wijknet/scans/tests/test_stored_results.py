"""A round's figures are stored and read back until its submissions change (a new submission,
late paper forms). The results page shows the summary first, the detail on demand, and n as
respondents."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from wijknet.networks.roles import Role
from wijknet.scans import imports, queries, services
from wijknet.scans.models import RoundResult

from .conftest import items_of


def results_url(round_):
    return f"/n/gezond-oost/scans/{round_.uuid}/"


def close(network, coordinator, round_):
    with scope(network=network):
        services.round_close(acting_user=coordinator, round_=round_)
        round_.refresh_from_db()


def answer_reads(captured) -> int:
    return sum("scans_scananswer" in q["sql"] for q in captured.captured_queries)


def paper_form(network, coordinator, round_, mini, value):
    with scope(network=network):
        answers = {item.pk: value for item in items_of(mini).values()}
        row = imports.ImportRow(row=2, respondent="p", role="", sector="", answers=answers)
        imports.responses_import(acting_user=coordinator, round_=round_, rows=[row])


@pytest.mark.django_db
def test_closed_round_figures_are_stored_once_and_read_back(
    network, coordinator, make_round, respond
):
    round_ = make_round()
    respond(round_, {"m1a": 1, "m1b": 2})
    respond(round_, {"m1a": 5, "m1b": 4})
    with scope(network=network):
        live = queries.round_results(round_)
        RoundResult.objects.all().delete()
    close(network, coordinator, round_)
    with scope(network=network), CaptureQueriesContext(connection) as first:
        stored = queries.round_results(round_)
    with scope(network=network), CaptureQueriesContext(connection) as second:
        again = queries.round_results(round_)
        assert RoundResult.objects.filter(round=round_).count() == 1
    assert answer_reads(first) == 2  # the tally and the respondents per indicator
    assert answer_reads(second) == 0  # read back: no answer is touched
    for results in (stored, again):
        assert [(i.name, i.stats.mean, i.respondents) for i in results.all_indicators] == [
            (i.name, i.stats.mean, i.respondents) for i in live.all_indicators
        ]
        assert (results.invited, results.submitted) == (live.invited, live.submitted)


@pytest.mark.django_db
def test_late_paper_forms_make_the_stored_figures_stale(
    network, coordinator, make_round, respond, mini
):
    round_ = make_round()
    respond(round_, {"m1a": 2, "m1b": 2})
    close(network, coordinator, round_)
    with scope(network=network):
        before = queries.round_results(round_)
    paper_form(network, coordinator, round_, mini, 4)
    with scope(network=network):
        after = queries.round_results(round_)
        stored = RoundResult.objects.get(round=round_)
    one = next(i for i in after.all_indicators if i.name == "Indicator 1")
    assert before.submitted == 1 and after.submitted == 2
    assert (one.stats.mean, one.respondents) == (3, 2)  # (2+2+4+4) / 4 answers, 2 people
    assert stored.fingerprint.startswith(f"{queries.FIGURES_FORMAT}:2:")


@pytest.mark.django_db
def test_n_counts_respondents_per_indicator_not_answers(network, make_round, respond):
    round_ = make_round()
    respond(round_, {"m1a": 4, "m1b": 5})
    respond(round_, {"m1a": 3, "m1b": None})
    respond(round_, {"m1a": None, "m1b": None})  # only "weet niet" on indicator 1
    with scope(network=network):
        results = queries.round_results(round_)
    one = next(i for i in results.all_indicators if i.name == "Indicator 1")
    two = next(i for i in results.all_indicators if i.name == "Indicator 2")
    assert (one.stats.n, one.respondents) == (3, 2)  # 3 scores from 2 people
    assert (two.stats.n, two.respondents) == (6, 3)  # 2 statements × 3 people
    assert max(i.respondents for i in results.all_indicators) <= results.submitted


@pytest.mark.django_db
def test_open_round_figures_follow_each_new_submission(network, make_round, respond):
    round_ = make_round()
    respond(round_, {"m1a": 2, "m1b": 2})
    with scope(network=network):
        first = queries.round_results(round_)
        with CaptureQueriesContext(connection) as reread:
            queries.round_results(round_)
    respond(round_, {"m1a": 4, "m1b": 4})
    with scope(network=network):
        second = queries.round_results(round_)
        assert RoundResult.objects.filter(round=round_).count() == 1
    assert answer_reads(reread) == 0
    one = [next(i for i in r.all_indicators if i.name == "Indicator 1") for r in (first, second)]
    assert [(i.stats.mean, i.respondents) for i in one] == [(2, 1), (3, 2)]
    assert (first.submitted, second.submitted) == (1, 2)


@pytest.mark.django_db
def test_page_shows_the_summary_and_the_detail_on_demand(client, coordinator, make_round, respond):
    round_ = make_round()
    for value in (5, 1, 5, 1):  # indicator 1: weak and disputed, with advice
        respond(round_, {"m1a": value, "m1b": value, "m2a": 4, "m2b": 4})
    client.force_login(coordinator)
    html = unescape(client.get(results_url(round_)).content.decode())
    for part in (
        "Sterkste indicatoren",
        'id="disputed-h"',
        "Aandachtspunten en advies",
        "Plan lummeltijd in.",
        "<polygon",  # the radar
        "4 van 5 uitgenodigden",
        'href="?weergave=details"',
    ):
        assert part in html, part
    assert "Per indicator" not in html and "Uitsplitsen" not in html
    disputed = html[html.index('id="disputed-h"') :]
    assert "<li>Indicator 1 (spreiding 2,0)</li>" in disputed.split("</section>")[0]

    detail = unescape(client.get(results_url(round_) + "?weergave=details").content.decode())
    assert "Per indicator" in detail and "Uitsplitsen" in detail
    assert "Aandachtspunten en advies" not in detail
    # n is respondents: 4 people answered indicator 1 (8 answers), as the page says 4 submitted.
    row = detail[detail.index("<summary>Indicator 1</summary>") :]
    cells = row[row.index("</td>") :].split("<td>")
    assert cells[2].startswith("4<")
    assert "van de 4 die indienden" in detail
    per_role = client.get(results_url(round_) + "?per=role").content.decode()
    assert "Per indicator" in per_role and "Gemiddelde per indicator en groep" in per_role


@pytest.mark.django_db
def test_no_step_link_for_who_cannot_open_the_step_plan(
    client, members, make_round, respond, network
):
    round_ = make_round()
    for value in (1, 1, 1):
        respond(round_, {"m1a": value, "m1b": value})
    step = "/n/gezond-oost/stappenplan/verkennen-klein-beginnen/"
    viewer, coordinator = members[Role.VIEWER], members[Role.COORDINATOR]
    client.force_login(coordinator)
    assert step in client.get(results_url(round_)).content.decode()
    assert client.get(step).status_code == 200
    client.force_login(viewer)
    html = client.get(results_url(round_)).content.decode()
    assert "Plan lummeltijd in." in html  # the advice is there, without the link
    assert step not in html
    assert client.get(step).status_code == 403


def _grow(network, coordinator, make_round, respond, mini, n):
    """`n` more closed rounds (each with respondents and a paper form) before today's round."""
    today = timezone.localdate()
    for k in range(n):
        old = make_round(
            f"X{n}-{k}", opens_on=today - timedelta(days=400 + 30 * k), emails=(f"x{k}@e.org",)
        )
        for value in (1, 2, 3, 4):
            respond(old, {"m1a": value, "m2a": 5 - value}, email=f"x{n}-{k}-{value}@e.org")
        close(network, coordinator, old)
        paper_form(network, coordinator, old, mini, 3)


@pytest.mark.django_db
def test_results_page_queries_do_not_grow_with_rounds_or_respondents(
    client, network, coordinator, make_round, respond, mini
):
    _grow(network, coordinator, make_round, respond, mini, 1)
    current = make_round("T9", emails=("now@example.org",))
    respond(current, {"m1a": 4})
    client.force_login(coordinator)
    url = results_url(current) + "?per=role"
    client.get(url)  # the closed rounds' figures are stored on first use
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(network, coordinator, make_round, respond, mini, 8)  # 9 old rounds: beyond the trend
    for _ in range(5):
        respond(current, {"m1a": 2, "m3b": None})
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    assert answer_reads(large) == answer_reads(small) == 0  # all figures read back


@pytest.mark.django_db
def test_cached_results_body_follows_new_answers(client, coordinator, make_round, respond):
    """The rendered body is cached under the answers' fingerprints: a new submission shows at
    once, in the summary and in the detail."""
    round_ = make_round()
    respond(round_, {"m1a": 2, "m1b": 2, "m2a": 4, "m2b": 4, "m3a": 3, "m3b": 3})
    client.force_login(coordinator)
    before = unescape(client.get(results_url(round_)).content.decode())
    assert "Indicator 1 (2,0)" in before
    respond(round_, {"m1a": 4, "m1b": 4, "m2a": 4, "m2b": 4, "m3a": 3, "m3b": 3})
    after = unescape(client.get(results_url(round_)).content.decode())
    assert "Indicator 1 (3,0)" in after and "Indicator 1 (2,0)" not in after
    assert "2 van 3 uitgenodigden" in after
    detail = unescape(client.get(results_url(round_) + "?weergave=details").content.decode())
    assert "van de 2 die indienden" in detail
