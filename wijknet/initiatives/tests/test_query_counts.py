"""Query counts of this app's pages at 1 and 3 items (see wijknet/tests/test_query_counts.py).

The count must not grow with the number of items. If you change a count here, explain which
query was added and why it is needed.
"""

import pytest

from wijknet.initiatives.models import InitiativeStatus

from .helpers import bring_in, respond, support


def add_ideas(network, n, members):
    for i in range(n):
        idea = bring_in(network, members["citizen"], title=f"Idee {i}")
        support(network, members["partner"], idea, offers_help=True)
        support(network, members["core"], idea)
        respond(network, members["coordinator"], idea, InitiativeStatus.IN_TALKS, "Goed idee")


def add_supports_to_one(network, n, members):
    idea = bring_in(network, members["coordinator"], title="Eén idee")
    for role in ("core", "partner", "citizen")[:n]:
        support(network, members[role], idea, offers_help=True, help_text="helpen")
    return idea


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
def test_list_query_count_is_flat(client, network, members, django_assert_num_queries, items):
    add_ideas(network, items, members)
    client.force_login(members["citizen"])
    # session, user, membership, the page's ideas (count + rows), the response term
    with django_assert_num_queries(6):
        response = client.get("/n/gezond-oost/initiatieven/")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
def test_detail_query_count_is_flat(client, network, members, django_assert_num_queries, items):
    idea = add_supports_to_one(network, items, members)
    client.force_login(members["coordinator"])
    # session, user, membership, the idea (with initiator and goal), the response term, its
    # supports (with their members)
    with django_assert_num_queries(6):
        response = client.get(f"/n/gezond-oost/initiatieven/{idea.uuid}/")
    assert response.status_code == 200
