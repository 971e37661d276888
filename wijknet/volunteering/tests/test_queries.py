import pytest
from django_scopes import scope

from wijknet.volunteering import queries

from .helpers import make_match, make_request, make_volunteer


@pytest.mark.django_db
@pytest.mark.parametrize("volunteers", [2, 6])
def test_ranking_loads_everyone_in_two_queries(
    network, other_network, django_assert_num_queries, volunteers
):
    help_request = make_request(network)
    people = [make_volunteer(network, f"V{i}") for i in range(volunteers)]
    make_volunteer(network, "Gestopt", active=False)
    make_volunteer(other_network, "Elders")
    make_match(help_request, people[0])
    make_match(make_request(network), people[1], status="lopend")
    make_match(make_request(network), people[1], status="afgerond")
    with scope(network=network), django_assert_num_queries(2):
        ranked = queries.ranking(network, help_request)
    by_name = {r.candidate.name: r.candidate for r in ranked}
    assert set(by_name) == {p.name for p in people}
    assert by_name["V0"].already_proposed and by_name["V0"].load == 1
    assert not by_name["V1"].already_proposed and by_name["V1"].load == 1
