"""One scan link, many submissions at once (a double click, two tabs, a replay): exactly one
is stored, the others are told the scan was already filled in and store nothing."""

import copy

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from tests.support.concurrency import postgres_only, racing_threads, stale_writers
from wijknet.scans import services
from wijknet.scans.models import ScanAnswer, ScanInvitation, ScanResponse
from wijknet.scans.tests.conftest import answer_screens, items_of, submit_all

ALREADY = "Deze scan is via deze link al ingevuld en ingediend"


@pytest.mark.django_db
def test_eight_submissions_from_one_loaded_link_store_exactly_one(invited_round, mini, network):
    """All eight requests read the invitation before any of them submitted (the race)."""
    round_, tokens = invited_round
    stale = services.invitation_by_token(tokens["staf@example.org"])  # loaded once, unsubmitted
    items = list(items_of(mini).values())

    def submit(value):
        with scope(network=network):
            services.answers_save(  # a copy: each request has its own stale object
                invitation=copy.copy(stale), answers={i.pk: value for i in items}, submit=True
            )

    outcomes = stale_writers(
        lambda value: submit(value), [1, 2, 3, 4, 5, 1, 2, 3], refused=services.AlreadySubmitted
    )
    assert (len(outcomes.landed), len(outcomes.refused), outcomes.errors) == (1, 7, [])
    with scope(network=network):
        assert ScanResponse.objects.filter(round=round_).count() == 1
        assert sorted(ScanAnswer.objects.values_list("value", flat=True)) == [1] * len(items)
        assert ScanInvitation.objects.get(email="staf@example.org").submitted_at is not None


@pytest.mark.django_db
def test_a_halfway_save_after_submission_is_refused(invited_round, mini, network):
    round_, tokens = invited_round
    stale = services.invitation_by_token(tokens["staf@example.org"])
    items = list(items_of(mini).values())
    with scope(network=network):
        services.answers_save(
            invitation=copy.copy(stale), answers={i.pk: 4 for i in items}, submit=True
        )
        with pytest.raises(services.AlreadySubmitted):
            services.answers_save(invitation=stale, answers={items[0].pk: 1}, submit=False)
        assert sorted(ScanAnswer.objects.values_list("value", flat=True)) == [4] * len(items)


@pytest.mark.django_db
def test_eight_posts_of_one_link_one_success_seven_already_filled_in(
    client, invited_round, mini, network
):
    round_, tokens = invited_round
    url = f"/scan/{tokens['staf@example.org']}/"
    statuses = [submit_all(client, url, mini, str(1 + n % 5)) for n in range(8)]
    assert [r.status_code for r in statuses] == [302] + [409] * 7
    for response in statuses[1:]:
        assert ALREADY in response.content.decode()
    with scope(network=network):
        assert ScanResponse.objects.filter(round=round_).count() == 1
        assert set(ScanAnswer.objects.values_list("value", flat=True)) == {1}


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_eight_racing_threads_on_one_link(invited_round, mini, network):
    round_, tokens = invited_round
    url = f"/scan/{tokens['staf@example.org']}/"
    statuses = []
    answer_screens(Client(), url, mini, "3")

    def post(value):
        response = Client().post(f"{url}indienen/", {"action": "submit"})
        statuses.append((response.status_code, ALREADY in response.content.decode()))

    outcomes = racing_threads(post, [1, 2, 3, 4, 5, 1, 2, 3])
    assert outcomes.errors == []
    assert sorted(statuses) == [(302, False)] + [(409, True)] * 7
    with scopes_disabled():
        assert ScanResponse.objects.filter(round=round_).count() == 1
        assert len(set(ScanAnswer.objects.values_list("value", flat=True))) == 1
        assert ScanAnswer.objects.count() == len(items_of(mini))
