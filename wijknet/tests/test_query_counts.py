"""Query counts of every list page and the dashboard, at 1 and at 3 items.

The count must not grow with the number of items (no N+1). If you change a count here, explain
in the commit message which query was added and why it is needed.
"""

import pytest
from django_scopes import scope

from tests.factories import MembershipFactory, NetworkFactory, PartnerFactory
from wijknet.core import analysis
from wijknet.roadmap import services as roadmap_services
from wijknet.roadmap.models import Step


def add_partners(network, n):
    for _ in range(n):
        PartnerFactory(network=network)


def add_members(network, n):
    for _ in range(n):
        MembershipFactory(network=network, role="partner")


def add_networks(network, n, user):
    for _ in range(n):
        MembershipFactory(network=NetworkFactory(), user=user, role="viewer")


def add_progress(network, n, user):
    with scope(network=network):
        for step in Step.objects.order_by("phase__order", "order")[:n]:
            roadmap_services.step_progress_update(
                acting_user=user, network=network, step=step, status="done"
            )


def add_rounds(network, n):
    from django.utils import timezone

    from wijknet.scans.models import ScanRound

    for i in range(n):
        ScanRound.objects.create(
            network=network,
            label=f"T{i}",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
        )


def add_meetings(network, n):
    from django.utils import timezone

    from wijknet.meetings.models import Attendance, Decision, Meeting

    partner = PartnerFactory(network=network)
    for i in range(n):
        meeting = Meeting.objects.create(
            network=network, kind="network", title=f"Overleg {i}", starts_at=timezone.now()
        )
        Attendance.objects.create(network=network, meeting=meeting, partner=partner, present=True)
        Decision.objects.create(network=network, meeting=meeting, text="Besluit")


def add_dashboard_data(network, n, user):
    add_meetings(network, n)
    add_rounds(network, n)
    add_partners(network, n)
    add_members(network, n)
    add_progress(network, n, user)
    analysis.recompute(network)  # the task, as after the changes


def add_wijkprofiel(network, n, user):
    """n areas of the sample files linked, n goals linked to an indicator of them."""
    from wijknet.actions.models import Goal
    from wijknet.wijkprofiel import services as wijkprofiel
    from wijknet.wijkprofiel.tests.helpers import load_samples

    load_samples()
    codes = ["WK990101", "BU99010101", "BU99010102"][:n]
    with scope(network=network):
        for i, code in enumerate(codes):
            wijkprofiel.area_link(acting_user=user, network=network, code=code)
            goal = Goal.objects.create(network=network, title=f"Doel {i}")
            wijkprofiel.goal_indicator_link(
                acting_user=user,
                network=network,
                goal=goal,
                indicator="beweegrichtlijn",
                area_code=code,
            )


def add_evaluation_data(network, n, user):
    """n of everything the evaluation page adds up: meetings with attendance and reflections,
    scan rounds, referrals; n + 2 clients measured twice and volunteers with hours, so both 1
    and 3 are above the 3-person minimum (below it the page skips the per-dimension queries)."""
    from wijknet.evaluation.tests import helpers
    from wijknet.meetings.models import Reflection

    add_meetings(network, n)
    add_rounds(network, n)
    partner = PartnerFactory(network=network)
    with scope(network=network):
        helpers.goals(network)
        for i in range(n + 2):
            helpers.client_with_measurements(network, i, [4, 6])
        helpers.volunteer_hours(network, n + 2)
        helpers.referrals(network, partner, n)
        from wijknet.meetings.models import Meeting

        for meeting in Meeting.objects.filter(network=network).order_by("pk"):
            Reflection.objects.create(
                network=network, meeting=meeting, collaboration=4, engagement=3, goal_progress=4
            )


PAGES = {
    # name: (url, make items, queries)
    "partner_list": ("/n/gezond-oost/partners/", lambda net, n, u: add_partners(net, n), 5),
    "member_list": ("/n/gezond-oost/leden/", lambda net, n, u: add_members(net, n), 6),
    "network_list": ("/netwerken/", lambda net, n, u: add_networks(net, n, u), 3),
    "roadmap": ("/n/gezond-oost/stappenplan/", add_progress, 7),
    # 2 of these are the stored signals and their acknowledgements (core.analysis); the monitor
    # (24 queries and networkx) runs in a task, not in the request.
    # 12: the step plan's questions are not read for the dashboard (issue 12, session 6).
    "dashboard": ("/n/gezond-oost/", add_dashboard_data, 12),
    # 6 of the profile (wijkprofiel.queries.profile): areas, choice, area names, figures, goal
    # links, last import
    "wijkprofiel": ("/n/gezond-oost/wijkprofiel/", add_wijkprofiel, 9),
    # the goals page (10 with the indicator links, actions/tests/test_query_counts.py) + the
    # linked indicators' area names and figures (wijkprofiel.queries.goal_figures)
    "goals_with_figures": ("/n/gezond-oost/doelen/", add_wijkprofiel, 12),
    # Aggregates only (evaluation/queries.py): each part one to three queries, whatever n.
    "evaluation": ("/n/gezond-oost/evaluatie/", add_evaluation_data, 28),
}


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_does_not_grow(
    client, network, coordinator, roadmap, django_assert_num_queries, page, items
):
    url, make, expected = PAGES[page]
    make(network, items, coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
