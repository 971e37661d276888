"""FHIR R4 export of one client: a `collection` Bundle with Patient (minimal), Organization,
Consent, CareTeam, CarePlan, Goal and one Observation per Positive Health score.

Plain dicts (validated in the tests with fhir.resources R4B models). Resources refer to each other
by `urn:uuid:` full URLs inside the bundle; professionals appear by display name only.
"""

import uuid

from django.utils import timezone

from . import queries
from .models import ActionStatus, Purpose

WIJKNET = "https://wijknet.nl/fhir"
ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"

ACTIVITY_STATUS = {
    ActionStatus.OPEN: "not-started",
    ActionStatus.BUSY: "in-progress",
    ActionStatus.DONE: "completed",
    ActionStatus.DROPPED: "cancelled",
}
# HL7 v3 ActReason: care coordination (plan) and treatment (case conference).
PURPOSE_CODE = {Purpose.PLAN: "CAREMGT", Purpose.MDO: "TREAT"}


def _urn(value) -> str:
    return f"urn:uuid:{value}"


def _derived(*parts) -> uuid.UUID:
    """A stable UUID for a resource that has no uuid of its own (plan, goal, score)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "/".join(str(p) for p in (WIJKNET, *parts)))


def _person(user) -> str:
    return (user.full_name or user.email) if user is not None else ""


def client_bundle(client) -> dict:
    patient_ref = {"reference": _urn(client.uuid)}
    entries = []

    def add(resource_id, resource):
        resource["id"] = str(resource_id)
        entries.append({"fullUrl": _urn(resource_id), "resource": resource})

    add(
        client.uuid,
        {
            "resourceType": "Patient",
            "identifier": [{"system": f"{WIJKNET}/client", "value": str(client.uuid)}],
            "name": [{"text": client.name}],
            "birthDate": f"{client.birth_year:04d}",
        },
    )

    consents = queries.consents(client)
    organisations = {}
    for consent in consents:
        for org in consent.organisations.all():
            organisations[org.pk] = org
    team = list(queries.team(client))
    for member in team:
        if member.membership.organisation is not None:
            organisations[member.membership.organisation_id] = member.membership.organisation
    org_ids = {}
    for org in sorted(organisations.values(), key=lambda o: o.pk):
        org_ids[org.pk] = _derived("organisation", client.network.pk, org.pk)
        add(org_ids[org.pk], {"resourceType": "Organization", "name": org.name})

    today = timezone.localdate()
    for consent in consents:
        if consent.withdrawn_at is not None or consent.superseded_by_id is not None:
            status = "inactive"
        elif consent.is_active_on(today):
            status = "active"
        else:
            status = "inactive"
        provision = {
            "type": "permit",
            "period": {"start": consent.given_at.isoformat()},
            "actor": [
                {
                    "role": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                "code": "IRCP",
                            }
                        ]
                    },
                    "reference": {"reference": _urn(org_ids[org.pk]), "display": org.name},
                }
                for org in consent.organisations.all()
            ],
            "purpose": [
                {
                    "system": ACT_REASON,
                    "code": PURPOSE_CODE[consent.purpose],
                    "display": str(consent.get_purpose_display()),
                }
            ],
        }
        if consent.valid_until:
            provision["period"]["end"] = consent.valid_until.isoformat()
        add(
            consent.uuid,
            {
                "resourceType": "Consent",
                "status": status,
                "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy"}]},
                "category": [{"coding": [{"system": LOINC, "code": "59284-0"}]}],
                "patient": patient_ref,
                "dateTime": consent.recorded_at.isoformat(),
                "organization": [
                    {"reference": _urn(org_ids[o.pk])} for o in consent.organisations.all()
                ],
                "policyRule": {
                    "text": f"wijknet toestemmingstekst versie {consent.consent_text.version}"
                },
                "provision": provision,
            },
        )

    if team:
        participants = []
        for member in team:
            participant = {
                "role": [{"text": member.role}],
                "member": {"display": _person(member.membership.user)},
            }
            if member.membership.organisation_id in org_ids:
                participant["onBehalfOf"] = {
                    "reference": _urn(org_ids[member.membership.organisation_id])
                }
            participants.append(participant)
        add(
            _derived("careteam", client.uuid),
            {
                "resourceType": "CareTeam",
                "status": "active",
                "subject": patient_ref,
                "participant": participants,
            },
        )

    plan = queries.plan(client)
    goal_refs = []
    for goal in queries.goals(plan):
        add(
            goal.uuid,
            {
                "resourceType": "Goal",
                "lifecycleStatus": "active",
                "category": [{"text": str(goal.get_dimension_display())}],
                "description": {"text": goal.text},
                "subject": patient_ref,
            },
        )
        goal_refs.append({"reference": _urn(goal.uuid)})
    activities = []
    for action in queries.actions(plan):
        detail = {"status": ACTIVITY_STATUS[action.status], "description": action.text}
        if action.starts_on or action.due_on:
            period = {}
            if action.starts_on:
                period["start"] = action.starts_on.isoformat()
            if action.due_on:
                period["end"] = action.due_on.isoformat()
            detail["scheduledPeriod"] = period
        if action.responsible is not None:
            detail["performer"] = [{"display": _person(action.responsible.membership.user)}]
        activities.append({"detail": detail})
    description = "\n".join(
        f"{label}: {text}"
        for label, text in (
            ("Ik wil", plan.wil),
            ("Ik kan", plan.kan),
            ("Ik heb nodig", plan.heb_nodig),
        )
        if text
    )
    care_plan = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "title": "Gezamenlijk plan",
        "subject": patient_ref,
    }
    if description:
        care_plan["description"] = description
    if goal_refs:
        care_plan["goal"] = goal_refs
    if activities:
        care_plan["activity"] = activities
    if plan.evaluation:
        care_plan["note"] = [{"text": plan.evaluation}]
    add(_derived("careplan", client.uuid), care_plan)

    for measurement in queries.measurements(client):
        for score in measurement.scores.all():
            observation = {
                "resourceType": "Observation",
                "status": "final",
                "category": [{"text": "Positieve Gezondheid"}],
                "code": {
                    "coding": [
                        {
                            "system": f"{WIJKNET}/positieve-gezondheid",
                            "code": score.dimension,
                            "display": str(score.get_dimension_display()),
                        }
                    ],
                    "text": f"Positieve Gezondheid: {score.get_dimension_display()}",
                },
                "subject": patient_ref,
                "effectiveDateTime": measurement.measured_on.isoformat(),
                "valueInteger": score.score,
                "component": [
                    {
                        "code": {"text": "hier wil ik over praten"},
                        "valueBoolean": score.wants_to_talk,
                    }
                ],
            }
            if score.remark:
                observation["note"] = [{"text": score.remark}]
            add(_derived("score", measurement.uuid, score.dimension), observation)

    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": entries,
    }
