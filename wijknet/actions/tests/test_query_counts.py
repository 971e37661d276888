"""Query counts of this app's pages at 1 and 3 items (see wijknet/tests/test_query_counts.py).

The count must not grow with the number of items. If you change a count here, explain which
query was added and why it is needed.
"""

import pytest

from tests.factories import PartnerFactory

from .helpers import days, make_action, make_goal, make_meeting, make_success


def add_goals_actions_successes(network, n, user):
    partner = PartnerFactory(network=network)
    meeting = make_meeting(network, starts_in_days=-1)
    for i in range(n):
        goal = make_goal(network, title=f"Doel {i}")
        make_action(network, goal=goal, owner=user, owner_partner=partner, meeting=meeting)
        make_action(network, goal=goal, due_on=days(-2))
        make_action(network, title=f"Los {i}", owner=user, owner_partner=partner)
        make_success(network, title=f"Succes {i}", goal=goal)


def add_digest_news(network, n, user):
    for i in range(n):
        make_success(network, title=f"Succes {i}", goal=make_goal(network, title=f"Doel {i}"))
        make_action(network, status="done", completed_on=days(-1), owner=user)
        make_meeting(network, title=f"Bijeenkomst {i}", starts_in_days=i + 1)


def add_action_choices(network, n, user):
    for i in range(n):
        make_goal(network, title=f"Doel {i}")
        PartnerFactory(network=network)
        make_meeting(network, title=f"Bijeenkomst {i}")


PAGES = {
    # name: (url, make items, queries)
    # index: the overdue count is one COUNT query (the page shows only the first goals); one
    # query asks for the goals' wijkprofiel indicators (none here: it stops there); the goals
    # are always counted (bounded(always_count=True)), so the page is the same at any size
    "index": ("/n/gezond-oost/doelen/", add_goals_actions_successes, 10),
    "success_list": ("/n/gezond-oost/successen/", add_goals_actions_successes, 5),
    "digest": ("/n/gezond-oost/nieuwsbrief/", add_digest_news, 8),
    "action_create": ("/n/gezond-oost/acties/nieuw/", add_action_choices, 7),
}


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_does_not_grow(
    client, network, coordinator, django_assert_num_queries, page, items
):
    url, make, expected = PAGES[page]
    make(network, items, coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
