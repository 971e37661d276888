"""Query counts of the resident pages (and the care team's resident page), at 1 and 3 items:
the count must not grow with the number of items (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from tests.support.otp import login_verified
from wijknet.casework import services as casework
from wijknet.casework.models import Dimension

from .. import services
from .conftest import link_for_new_user, login_resident, make_resident_case

pytestmark = pytest.mark.django_db


def add_items(rcase, n):
    """n of everything a resident page lists: actions, goals, MDOs with agreements, messages,
    consents, proposals, links and (through all of that) access-log records."""
    case = rcase.case
    network = case.network
    with scope(network=network):
        plan = case.client.plan
        plan.client = case.client
        for i in range(n):
            casework.action_add(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                plan=plan,
                text=f"Actie {i}",
                responsible=case.team_member,
                due_on=timezone.localdate(),
            )
            casework.goal_add(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                plan=plan,
                dimension="meedoen",
                text=f"Doel {i}",
            )
            casework.conference_record(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                participants=[case.team_member],
                agreements=[{"text": f"Afspraak {i}", "responsible": case.team_member}],
                held_on=timezone.localdate(),
                resident_present=True,
                mantelzorger_present=False,
                others="",
                notes="",
                fed_back_resident=True,
                fed_back_mantelzorger=False,
                feedback_how="Telefonisch",
                feedback_on=timezone.localdate(),
            )
            services.message_post(
                acting_user=rcase.resident.user, link=rcase.resident, text=f"V{i}"
            )
            services.measurement_save(
                acting_user=rcase.resident.user,
                link=rcase.resident,
                scores={d: (5 + i, "", i == 0) for d in Dimension.values},
            )
            casework.consent_record(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                purpose="mdo",
                organisations=[case.org_a, case.org_c],
                given_by="resident",
                representative_name="",
                method="mondeling",
                given_at=timezone.localdate(),
                valid_until=None,
            )
            services.consent_propose(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                purpose="plan",
                organisations=[case.org_c],
            )
    for i in range(n):
        link_for_new_user(case, email=f"extra{i}-{n}@example.org", kind="mantelzorger")


RESIDENT_PAGES = [
    "plan",
    "health",
    "words",
    "messages",
    "consents",
    "accesslog",
    "links",
    "export_html",
]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", RESIDENT_PAGES)
def test_resident_pages_are_flat(client, network, page):
    counts = []
    for n in (1, 3):
        rcase = make_resident_case(network, name=f"Cliënt {n}", prefix=f"{page}-{n}-")
        add_items(rcase, n)
        login_resident(client, rcase.resident.user)
        counts.append(
            count(client, reverse(f"residents:{page}", kwargs={"link_uuid": rcase.resident.uuid}))
        )
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries at 1 item, {counts[1]} at 3"


def test_team_page_is_flat(client, network):
    counts = []
    for n in (1, 3):
        rcase = make_resident_case(network, name=f"Cliënt {n}", prefix=f"team-{n}-")
        add_items(rcase, n)
        login_verified(client, rcase.case.recorder)
        url = reverse(
            "residents:team",
            kwargs={"network_slug": network.slug, "client_uuid": rcase.case.client.uuid},
        )
        counts.append(count(client, url))
    assert counts[0] == counts[1]
