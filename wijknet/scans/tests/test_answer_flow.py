"""Answering a scan screen by screen: one perspective per screen with progress, every screen saved
(resume after closing the browser), back keeps answers, open statements marked where they are,
the overview submits once, and halfway responses never count and do not outlive the round."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.scans import flow, queries, services
from wijknet.scans.models import ScanAnswer, ScanInvitation, ScanResponse
from wijknet.scans.tests.conftest import answer_screens, full_answers, items_of, submit_all

MISSING = "Kies een antwoord, of &#x27;weet niet / n.v.t.&#x27;."


def _checked(html, item):
    tags = re.findall(rf'<input[^>]*name="item_{item.pk}"[^>]*>', html)
    return [re.search(r'value="(\w)"', t).group(1) for t in tags if "checked" in t]


@pytest.fixture
def link(invited_round):
    round_, tokens = invited_round
    return f"/scan/{tokens['staf@example.org']}/"


@pytest.fixture
def items(mini):
    return items_of(mini)  # m1a m1b (part 1), m2a m2b (part 2), m3a m3b (part 3)


def test_estimate_rounds_up_to_whole_minutes():
    # About ten seconds per statement, rounded up; never "0 minutes".
    assert [flow.estimate_minutes(n) for n in (0, 1, 6, 7, 41, 60)] == [1, 1, 1, 2, 7, 10]


@pytest.mark.django_db
class TestScreens:
    def test_one_perspective_per_screen_with_progress(self, client, link, items):
        html = client.get(f"{link}deel/2/").content.decode()
        assert "Deel 2 van 3" in html
        assert '<progress max="4" value="2" aria-labelledby="scan-progress-label">' in html
        assert "0 van 6 stellingen beantwoord" in html
        assert "<h1>Onderdeel 2</h1>" in html
        assert html.count('<fieldset class="item') == 2
        assert "Stelling 2a" in html and "Stelling 1a" not in html
        assert html.count("<legend>") == 2  # one legend per statement (its radio group)

    def test_start_page_gives_the_time_estimate_and_the_parts(self, client, link):
        html = client.get(link).content.decode()
        assert "Invullen duurt ongeveer 1 minuut." in html
        assert "6 stellingen in 3 delen" in html
        assert f'href="{link}deel/1/">Beginnen' in html

    def test_a_screen_outside_the_scan_is_404(self, client, link):
        assert client.get(f"{link}deel/4/").status_code == 404
        assert client.get(f"{link}deel/0/").status_code == 404

    def test_own_statements_are_the_last_screen(self, network, coordinator, mini):
        with scope(network=network):
            round_ = services.round_create(
                acting_user=coordinator,
                network=network,
                label="T0",
                instruments=[mini],
                opens_on=timezone.localdate(),
                closes_on=timezone.localdate(),
                extra_emails=["x@example.org"],
                own_items=["Eigen stelling"],
                notify=False,
            )
            screens = flow.screens_of(
                services.round_items(round_).select_related("instrument", "indicator__group")
            )
        assert [s.title for s in screens] == [
            "Onderdeel 1",
            "Onderdeel 2",
            "Onderdeel 3",
            "Eigen stellingen van het netwerk",
        ]
        assert [len(s.items) for s in screens] == [2, 2, 2, 1]


@pytest.mark.django_db
class TestSavingPerScreen:
    def test_each_screen_is_saved_and_a_new_browser_resumes(self, client, link, items, network):
        response = client.post(
            f"{link}deel/1/", {f"item_{items['m1a'].pk}": "2", f"item_{items['m1b'].pk}": "5"}
        )
        assert response.status_code == 302 and response["Location"] == f"{link}deel/2/"
        with scope(network=network):
            assert sorted(ScanAnswer.objects.values_list("value", flat=True)) == [2, 5]
            assert ScanResponse.objects.get().submitted_at is None
        # The browser was closed: a fresh one with the same link goes on at part 2.
        other = Client()
        start = other.get(link).content.decode()
        assert "Je hebt 2 van de 6 stellingen al beantwoord." in start
        assert f'href="{link}deel/2/">Verder gaan' in start
        again = other.get(f"{link}deel/1/").content.decode()
        assert _checked(again, items["m1a"]) == ["2"]
        assert _checked(again, items["m1b"]) == ["5"]

    def test_going_back_keeps_answers_of_both_screens(self, client, link, items):
        client.post(f"{link}deel/1/", full_answers_for(items, ("m1a", "m1b"), "4"))
        back = client.post(
            f"{link}deel/2/", {f"item_{items['m2a'].pk}": "1", "action": "back"}
        )  # half a screen, then "Vorige deel": no error, saved
        assert back["Location"] == f"{link}deel/1/"
        page1 = client.get(back["Location"]).content.decode()
        assert _checked(page1, items["m1a"]) == ["4"]
        page2 = client.get(f"{link}deel/2/").content.decode()
        assert _checked(page2, items["m2a"]) == ["1"]
        assert _checked(page2, items["m2b"]) == []
        assert MISSING not in page2  # not marked before the respondent tried to go on

    def test_save_and_later(self, client, link, items):
        response = client.post(
            f"{link}deel/3/", {f"item_{items['m3a'].pk}": "0", "action": "save"}, follow=True
        )
        assert "Opgeslagen. Je kunt later verder gaan via dezelfde link." in (
            response.content.decode()
        )
        assert _checked(response.content.decode(), items["m3a"]) == ["0"]

    def test_unanswered_statements_are_marked_next_to_each(self, client, link, items, network):
        response = client.post(f"{link}deel/1/", {f"item_{items['m1a'].pk}": "3", "action": "next"})
        html = response.content.decode()
        assert response.status_code == 200  # stays on the screen
        assert "Nog 1 stelling zonder antwoord" in html
        missing = items["m1b"]
        assert f'<a href="#item-{missing.pk}">Stelling 1b</a>' in html  # the summary links to it
        fieldset = re.search(
            rf'<fieldset[^>]*id="item-{missing.pk}"[^>]*>.*?</fieldset>', html, re.S
        )
        assert "has-error" in fieldset.group(0)
        assert f'aria-describedby="item-{missing.pk}-error"' in fieldset.group(0)
        assert MISSING in fieldset.group(0)
        answered = re.search(
            rf'<fieldset[^>]*id="item-{items["m1a"].pk}"[^>]*>.*?</fieldset>', html, re.S
        )
        assert MISSING not in answered.group(0)
        assert "<title>Fout:" in html
        with scope(network=network):  # what was answered is kept
            assert list(ScanAnswer.objects.values_list("value", flat=True)) == [3]


@pytest.mark.django_db
class TestOverviewAndSubmitting:
    def test_overview_lists_open_statements_with_links_to_their_screen(self, client, link, items):
        client.post(f"{link}deel/1/", full_answers_for(items, ("m1a", "m1b"), "4"))
        client.post(f"{link}deel/2/", {f"item_{items['m2a'].pk}": "2", "action": "save"})
        html = client.get(f"{link}indienen/").content.decode()
        assert "Nog 3 stellingen zonder antwoord" in html
        assert f'<a href="{link}deel/2/?open=1#item-{items["m2b"].pk}">Stelling 2b</a>' in html
        assert f'<a href="{link}deel/3/?open=1#item-{items["m3a"].pk}">Stelling 3a</a>' in html
        assert "Stelling 1a</a>" not in html
        assert 'value="submit"' not in html  # nothing to submit yet
        # Following the link marks the open statements on their screen, not the answered one.
        html = client.get(f"{link}deel/2/?open=1").content.decode()
        marked = re.findall(r'<fieldset class="item is-open" id="item-(\d+)"', html)
        assert marked == [str(items["m2b"].pk)]
        assert f'aria-describedby="item-{items["m2b"].pk}-open"' in html
        assert "Nog niet beantwoord" in html

    def test_last_screen_leads_to_the_overview_and_submits_once(
        self, client, link, invited_round, mini, network
    ):
        round_, _tokens = invited_round
        last = answer_screens(client, link, mini, "4")
        assert last["Location"] == f"{link}indienen/"
        overview = client.get(last["Location"]).content.decode()
        assert "Je hebt alle stellingen beantwoord." in overview
        with scope(network=network):
            # Everything answered, not yet submitted: it counts nowhere.
            assert queries.round_results(round_).submitted == 0
            assert queries.tally(round_) == []
        done = client.post(f"{link}indienen/", {"action": "submit"})
        assert done.status_code == 302
        again = client.post(f"{link}indienen/", {"action": "submit"})
        assert again.status_code == 409
        with scope(network=network):
            results = queries.round_results(round_)
            assert results.submitted == 1
            assert {s.n for _i, s in results.all_indicators[0].items} == {1}
            assert ScanResponse.objects.filter(submitted_at__isnull=False).count() == 1


@pytest.mark.django_db
class TestHalfwayResponses:
    def test_are_not_counted_in_results(self, client, invited_round, mini, network):
        round_, tokens = invited_round
        submit_all(client, f"/scan/{tokens['staf@example.org']}/", mini, "5")
        answer_screens(Client(), f"/scan/{tokens['ander@example.org']}/", mini, "1")
        with scope(network=network):
            results = queries.round_results(round_)
            assert (results.invited, results.submitted) == (2, 1)
            assert {i.stats.mean for i in results.all_indicators} == {5}
            assert {i.stats.n for i in results.all_indicators} == {2}  # 2 items × 1 person
            assert queries.rounds_of(network).get().submitted == 1
            sizes = queries.breakdown(round_, "role").groups
            assert sum(n for _g, n in sizes) == 1

    def test_are_deleted_when_the_round_is_closed(
        self, client, invited_round, mini, network, coordinator
    ):
        round_, tokens = invited_round
        submit_all(client, f"/scan/{tokens['staf@example.org']}/", mini)
        answer_screens(Client(), f"/scan/{tokens['ander@example.org']}/", mini, "1")
        with scope(network=network):
            services.round_close(acting_user=coordinator, round_=round_)
            assert ScanResponse.objects.count() == 1
            assert ScanResponse.objects.get().submitted_at is not None
            assert ScanAnswer.objects.count() == 6

    def test_are_deleted_by_the_daily_job_after_the_closing_date(
        self, client, invited_round, mini, network
    ):
        round_, tokens = invited_round
        submit_all(client, f"/scan/{tokens['staf@example.org']}/", mini)
        answer_screens(Client(), f"/scan/{tokens['ander@example.org']}/", mini, "1")
        assert services.partial_responses_purge(now=timezone.now()) == 0  # still open
        later = timezone.now() + timedelta(days=15)
        assert services.partial_responses_purge(now=later) == 1 + 6  # response + its answers
        with scopes_disabled():
            assert ScanResponse.objects.get().invitation.email == "staf@example.org"
            assert ScanInvitation.objects.get(email="ander@example.org").submitted_at is None


@pytest.mark.django_db
def test_invitation_mail_gives_an_honest_time_estimate(invited_round, mailoutbox):
    body = mailoutbox[0].body
    assert "Invullen duurt ongeveer 1 minuut (6 stellingen)." in body
    assert "een paar minuten" not in body


@pytest.mark.django_db
def test_member_answers_screen_by_screen(client, members, make_round, mini, network):
    round_ = make_round(roles=("partner",), emails=())
    client.force_login(members["partner"])
    base = f"/n/gezond-oost/scans/{round_.uuid}/invullen/"
    assert "Deel 1 van 3" in client.get(f"{base}deel/1/").content.decode()
    assert submit_all(client, base, mini)["Location"] == base
    with scope(network=network):
        assert ScanInvitation.objects.get(user=members["partner"]).submitted_at


def full_answers_for(items, keys, value):
    return {f"item_{items[k].pk}": value for k in keys} | {"action": "next"}


@pytest.mark.django_db
def test_a_one_page_form_from_before_the_screens_is_kept_not_submitted(client, link, mini, network):
    """A browser tab that still shows the old one-page form: its answers are saved and the
    respondent is sent to the overview to submit."""
    response = client.post(link, full_answers(mini, "2") | {"action": "submit"})
    assert response["Location"] == f"{link}indienen/"
    with scope(network=network):
        assert ScanResponse.objects.get().submitted_at is None
        assert set(ScanAnswer.objects.values_list("value", flat=True)) == {2}


def test_an_instrument_with_one_perspective_is_one_screen_under_its_own_name():
    from types import SimpleNamespace as NS

    one = NS(pk=1, name="Duurzaam netwerk")
    many = NS(pk=2, name="Samenwerkingsscan")
    groups = {g: NS(pk=g, name=f"Perspectief {g}") for g in (10, 20, 30)}

    def item(pk, instrument, group):
        indicator = NS(group=groups[group]) if group else None
        return NS(
            pk=pk,
            instrument=instrument,
            instrument_id=instrument.pk if instrument else None,
            indicator=indicator,
            indicator_id=group,
        )

    items = [item(1, many, 10), item(2, many, 20), item(3, one, 30), item(4, one, 30)]
    items.append(item(5, None, None))
    screens = flow.screens_of(items)
    assert [(s.title, len(s.items)) for s in screens] == [
        ("Perspectief 10", 1),
        ("Perspectief 20", 1),
        ("Duurzaam netwerk", 2),
        ("Eigen stellingen van het netwerk", 1),
    ]
    progress = flow.Progress(screens, {1: 4, 2: None})
    assert (progress.answered, progress.open_count, progress.resume_at.number) == (2, 3, 3)
