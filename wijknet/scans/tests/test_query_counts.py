"""The scan pages' query counts do not grow with respondents or rounds (see STYLE habit 10)."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("respondents", [1, 3])
def test_results_page(
    client, coordinator, make_round, respond, django_assert_num_queries, respondents
):
    round_ = make_round()
    for _ in range(respondents):
        respond(round_, {"m1a": 1})
    client.force_login(coordinator)
    with django_assert_num_queries(18):
        response = client.get(f"/n/gezond-oost/scans/{round_.uuid}/?per=role")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rounds", [1, 3])
def test_round_list(client, coordinator, make_round, django_assert_num_queries, rounds):
    for n in range(rounds):
        make_round(f"T{n}", emails=(f"r{n}@example.org",))
    client.force_login(coordinator)
    with django_assert_num_queries(6):
        response = client.get("/n/gezond-oost/scans/")
    assert response.status_code == 200
