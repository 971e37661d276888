"""The scan pages' query counts do not grow with respondents or rounds (see STYLE habit 10)."""

import pytest
from django.core.cache import cache


@pytest.mark.django_db
@pytest.mark.parametrize("respondents", [1, 3])
def test_results_page(
    client, coordinator, make_round, respond, django_assert_num_queries, respondents
):
    round_ = make_round()
    for _ in range(respondents):
        respond(round_, {"m1a": 1})
    client.force_login(coordinator)
    url = f"/n/gezond-oost/scans/{round_.uuid}/?per=role"
    client.get(url)  # the first view after a submission aggregates and stores the figures
    # The rendered results body is cached under the answers' fingerprints: session, user,
    # membership, network, round, previous round, instruments, fingerprints.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    cache.clear()  # rendered again from the stored figures (was 18 before they were stored)
    with django_assert_num_queries(16):  # 15 + the toolbox items for weak indicators
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rounds", [1, 3])
def test_round_list(client, network, coordinator, make_round, django_assert_num_queries, rounds):
    from django_scopes import scope

    from wijknet.scans.models import PlannedRound

    for n in range(rounds):
        made = make_round(f"T{n}", emails=(f"r{n}@example.org",))
        with scope(network=network):
            PlannedRound.objects.create(
                network=network, source_round=made, label=f"T{n + 1}", due_on=made.closes_on
            )
    client.force_login(coordinator)
    # 7: the planned re-measurements (with their baseline) are one query.
    with django_assert_num_queries(7):
        response = client.get("/n/gezond-oost/scans/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_rounds_of_counts_with_subqueries_not_a_join(
    network, make_round, respond, mini, django_assert_num_queries
):
    from django_scopes import scope

    from wijknet.scans import queries, services
    from wijknet.scans.models import ScanInvitation

    busy = make_round("T0", emails=("x@example.org", "y@example.org"))
    make_round("T1", emails=("z@example.org",))
    for _ in range(3):
        respond(busy, {"m1a": 2})
    with scope(network=network):
        started = ScanInvitation.objects.get(round=busy, email="x@example.org")
        services.answers_save(invitation=started, answers={}, submit=False)  # not submitted
        with django_assert_num_queries(2) as captured:  # rounds + their instruments
            rounds = {r.label: (r.invited, r.submitted) for r in queries.rounds_of(network)}
        latest = queries.latest_round(network)
    assert rounds == {"T0": (5, 3), "T1": (1, 0)}
    assert (latest.label, latest.invited, latest.submitted) == ("T1", 1, 0)
    sql = captured.captured_queries[0]["sql"].upper()
    assert "JOIN" not in sql  # invitations and responses are not joined to the rounds
    assert sql.count("COUNT(") == 2


@pytest.mark.django_db
@pytest.mark.parametrize("answered_parts", [0, 2])
def test_answer_screen_and_overview(
    client, invited_round, mini, django_assert_num_queries, answered_parts
):
    """A screen and the overview cost the same whatever the respondent answered already."""
    from wijknet.scans.tests.conftest import full_answers

    _round, tokens = invited_round
    link = f"/scan/{tokens['staf@example.org']}/"
    for part in range(1, answered_parts + 1):
        client.post(f"{link}deel/{part}/", full_answers(mini) | {"action": "next"})
    with django_assert_num_queries(QUERIES_SCREEN):
        assert client.get(f"{link}deel/3/").status_code == 200
    with django_assert_num_queries(QUERIES_SCREEN):
        assert client.get(f"{link}indienen/").status_code == 200


QUERIES_SCREEN = 3  # the invitation with its round and network, the items, own answers
