"""16 care-team members save the same client, plan or plan action at once: one lands, none is
lost."""

import pytest
from django_scopes import scope

from tests.support.concurrency import EDITORS, one_edit_lands, stale_editors
from wijknet.casework import services
from wijknet.casework.models import CarePlan, Client, PlanAction

pytestmark = pytest.mark.django_db


def test_client(case):
    one_edit_lands(
        case.network,
        Client,
        case.client.pk,
        lambda copy, wijk: services.client_update(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=copy,
            expected_version=copy.version,
            name=copy.name,  # the form sends every field
            wijk=wijk,
        ),
        field="wijk",
        value=lambda n: f"Wijk {n}",
    )


def test_plan(case):
    def load():
        plan = CarePlan.objects.get(client=case.client)
        plan.client = case.client
        return plan

    with scope(network=case.network):
        outcomes = stale_editors(
            load=load,
            save=lambda copy, n: services.plan_update(
                acting_user=case.member,
                membership=case.member_membership,
                plan=copy,
                expected_version=copy.version,
                wil=f"Wens {n}",
            ),
        )
        stored = CarePlan.objects.get(client=case.client)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.wil == f"Wens {outcomes.landed[0]}"


def test_plan_action(case):
    with scope(network=case.network):
        plan = CarePlan.objects.get(client=case.client)
        plan.client = case.client
        action = services.action_add(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            plan=plan,
            text="Boodschappendienst regelen",
        )

        def load():
            copy = PlanAction.objects.select_related("plan__client").get(pk=action.pk)
            return copy

        outcomes = stale_editors(
            load=load,
            save=lambda copy, n: services.action_update(
                acting_user=case.member,
                membership=case.member_membership,
                action=copy,
                expected_version=copy.version,
                text=f"Actie {n}",
            ),
        )
        stored = PlanAction.objects.get(pk=action.pk)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.text == f"Actie {outcomes.landed[0]}"
