"""The FHIR R4 export validates against the fhir.resources R4B models."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient

from wijknet.casework import fhir, services
from wijknet.casework.models import CarePlan as Plan
from wijknet.casework.models import Dimension

pytestmark = pytest.mark.django_db

MODELS = {
    "Patient": Patient,
    "Organization": Organization,
    "Consent": Consent,
    "CareTeam": CareTeam,
    "CarePlan": CarePlan,
    "Goal": Goal,
    "Observation": Observation,
}


@pytest.fixture
def full_case(case):
    with scope(network=case.network):
        plan = Plan.objects.get(client=case.client)
        plan.client = case.client
        services.plan_update(
            acting_user=case.member,
            membership=case.member_membership,
            plan=plan,
            expected_version=1,
            wil="Weer naar de markt",
            kan="Korte stukjes lopen",
            heb_nodig="Hulp bij boodschappen",
            evaluation="Gaat beter",
        )
        services.goal_add(
            acting_user=case.member,
            membership=case.member_membership,
            plan=plan,
            dimension="meedoen",
            text="Elke week naar de koffieochtend",
        )
        services.action_add(
            acting_user=case.member,
            membership=case.member_membership,
            plan=plan,
            text="Looptraining",
            responsible=case.team_member,
            starts_on=timezone.localdate(),
            due_on=timezone.localdate() + timedelta(days=30),
        )
        services.measurement_record(
            acting_user=case.member,
            membership=case.member_membership,
            client=case.client,
            measured_on=timezone.localdate(),
            filled_by="resident",
            scores={d: (7, "toelichting", d == "meedoen") for d in Dimension.values},
        )
        services.consent_withdraw(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            consent=services.consent_record(
                acting_user=case.recorder,
                membership=case.recorder_membership,
                client=case.client,
                purpose="mdo",
                organisations=[case.org_c],
                given_by="representative",
                representative_name="Karel de Wit",
                method="digitaal",
                given_at=timezone.localdate(),
                valid_until=timezone.localdate() + timedelta(days=365),
            ),
        )
    return case


def test_bundle_and_every_resource_validate_as_r4b(full_case):
    case = full_case
    with scope(network=case.network):
        bundle = fhir.client_bundle(case.client)
    Bundle.model_validate(bundle)
    kinds = {}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        MODELS[resource["resourceType"]].model_validate(resource)
        kinds.setdefault(resource["resourceType"], []).append(resource)
    assert {k: len(v) for k, v in kinds.items()} == {
        "Patient": 1,
        "Organization": 3,
        "Consent": 2,
        "CareTeam": 1,
        "CarePlan": 1,
        "Goal": 1,
        "Observation": 6,
    }
    patient = kinds["Patient"][0]
    assert patient["birthDate"] == "1948" and "telecom" not in patient
    statuses = sorted(c["status"] for c in kinds["Consent"])
    assert statuses == ["active", "inactive"]
    plan = kinds["CarePlan"][0]
    assert "Weer naar de markt" in plan["description"]
    assert plan["activity"][0]["detail"]["status"] == "not-started"
    talk = [o for o in kinds["Observation"] if o["component"][0]["valueBoolean"]]
    assert [o["code"]["coding"][0]["code"] for o in talk] == ["meedoen"]
    # References resolve inside the bundle.
    urls = {e["fullUrl"] for e in bundle["entry"]}
    for consent in kinds["Consent"]:
        assert consent["patient"]["reference"] in urls
        for org in consent["organization"]:
            assert org["reference"] in urls


def test_fhir_view_serves_json(client, full_case, verified):
    case = full_case
    verified(client, case.member)
    response = client.get(reverse("casework:fhir", args=[case.network.slug, case.client.uuid]))
    assert response["Content-Type"].startswith("application/fhir+json")
    Bundle.model_validate(json.loads(response.content))
