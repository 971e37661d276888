"""FHIR R4 export of one referral as the closed-loop referral pattern: a `Bundle` (type
collection) with the resident as `Patient`, the referral as `ServiceRequest` and its progress as
a `Task` (focus: the ServiceRequest) whose status and businessStatus follow the pipeline.

Pure builder: `referral_bundle` takes a referral with its events already loaded. The export holds
personal details, so only the referrer and the receiver may download it.
"""

import uuid

from django.utils import timezone

from .models import EndReason, Status

FHIR_BASE = "https://wijknet.nl/fhir"
FHIR_JSON = "application/fhir+json"
REFERRAL_SYSTEM = f"{FHIR_BASE}/verwijzing"
STATUS_SYSTEM = f"{FHIR_BASE}/CodeSystem/verwijzing-status"
REASON_SYSTEM = f"{FHIR_BASE}/CodeSystem/verwijzing-reden-einde"
OFFER_KIND_SYSTEM = f"{FHIR_BASE}/CodeSystem/aanbod-soort"
SNOMED = "http://snomed.info/sct"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, REFERRAL_SYSTEM)

# Data, not UI: fixed Dutch labels whatever the exporter's language.
STATUS_DISPLAY = {
    Status.VERWEZEN: "verwezen",
    Status.CONTACT: "contact gelegd",
    Status.INTAKE: "intake",
    Status.GESTART: "gestart",
    Status.ACTIEF_3M: "nog actief na 3 maanden",
    Status.GESTOPT: "gestopt",
    Status.NIET_GESTART: "niet gestart",
}
REASON_DISPLAY = {
    EndReason.GEEN_CONTACT: "geen contact kunnen leggen",
    EndReason.WIL_NIET: "bewoner wil niet (meer)",
    EndReason.PAST_NIET: "aanbod past niet bij de bewoner",
    EndReason.KOSTEN: "kosten",
    EndReason.GEZONDHEID: "gezondheid",
    EndReason.GEEN_PLEK: "wachtlijst of geen plek",
    EndReason.VERHUISD: "verhuisd",
    EndReason.ANDERS: "andere reden",
}
SERVICE_REQUEST_STATUS = {
    Status.ACTIEF_3M: "completed",
    Status.GESTOPT: "revoked",
    Status.NIET_GESTART: "revoked",
}
TASK_STATUS = {
    Status.VERWEZEN: "requested",
    Status.CONTACT: "accepted",
    Status.INTAKE: "in-progress",
    Status.GESTART: "in-progress",
    Status.ACTIEF_3M: "completed",
    Status.GESTOPT: "failed",
    Status.NIET_GESTART: "cancelled",
}


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _urn(referral, kind: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{referral.uuid}/{kind}')}"


def _status_coding(status: str) -> dict:
    return {"system": STATUS_SYSTEM, "code": status, "display": STATUS_DISPLAY[status]}


def _referrer_display(referral) -> str:
    name = ""
    if referral.referrer is not None:
        name = referral.referrer.full_name or referral.referrer.email
    organisation = referral.referrer_organisation.name if referral.referrer_organisation else ""
    if name and organisation:
        return f"{name} ({organisation})"
    return name or organisation or "onbekend"


def patient(referral) -> dict:
    return {
        "resourceType": "Patient",
        "name": [{"text": referral.resident_name}],
        # Only the year: the minimum the receiver needs (FHIR dates may be a year).
        "birthDate": f"{referral.resident_birth_year:04d}",
        "telecom": [{"system": "other", "value": referral.resident_contact}],
    }


def service_request(referral, patient_ref: str) -> dict:
    identifier = [{"system": REFERRAL_SYSTEM, "value": str(referral.uuid)}]
    if referral.offer_id:
        code = {"text": referral.offer.title}
        if referral.offer_kind:
            code["coding"] = [{"system": OFFER_KIND_SYSTEM, "code": referral.offer_kind}]
    else:
        code = {"text": f"Verwijzing naar {referral.receiving_partner.organisation.name}"}
    notes = []
    if referral.goals:
        notes.append({"text": f"Doelen: {referral.goals}"})
    if referral.consent_given and referral.consent_recorded_at:
        by = referral.consent_recorded_by
        notes.append(
            {
                "time": _iso(referral.consent_recorded_at),
                "text": "De bewoner gaf toestemming om deze gegevens te delen met de "
                "ontvangende partner"
                + (f"; vastgelegd door {by.full_name or by.email}" if by else "")
                + ".",
            }
        )
    resource = {
        "resourceType": "ServiceRequest",
        "identifier": identifier,
        "status": SERVICE_REQUEST_STATUS.get(referral.status, "active"),
        "intent": "order",
        "category": [
            {"coding": [{"system": SNOMED, "code": "3457005", "display": "Patient referral"}]}
        ],
        "code": code,
        "subject": {"reference": patient_ref},
        "authoredOn": _iso(referral.created_at),
        "requester": {"display": _referrer_display(referral)},
        "performer": [{"display": referral.receiving_partner.organisation.name}],
        "reasonCode": [{"text": referral.reason}],
    }
    if notes:
        resource["note"] = notes
    return resource


def task(referral, events, service_request_ref: str, patient_ref: str) -> dict:
    last = events[-1].at if events else referral.created_at
    resource = {
        "resourceType": "Task",
        "identifier": [{"system": REFERRAL_SYSTEM, "value": f"{referral.uuid}/taak"}],
        "basedOn": [{"reference": service_request_ref}],
        "status": TASK_STATUS[referral.status],
        "businessStatus": {
            "coding": [_status_coding(referral.status)],
            "text": STATUS_DISPLAY[referral.status],
        },
        "intent": "order",
        "focus": {"reference": service_request_ref},
        "for": {"reference": patient_ref},
        "authoredOn": _iso(referral.created_at),
        "lastModified": _iso(last),
        "requester": {"display": _referrer_display(referral)},
        "owner": {"display": referral.receiving_partner.organisation.name},
        # The timeline: one annotation per step, so the referrer sees what happened when.
        "note": [
            {
                "time": _iso(event.at),
                "text": STATUS_DISPLAY[event.status]
                + (f" ({REASON_DISPLAY[event.end_reason]})" if event.end_reason else "")
                + (f": {event.note}" if event.note else ""),
            }
            for event in events
        ],
    }
    if referral.end_reason:
        resource["statusReason"] = {
            "coding": [
                {
                    "system": REASON_SYSTEM,
                    "code": referral.end_reason,
                    "display": REASON_DISPLAY[referral.end_reason],
                }
            ],
            "text": REASON_DISPLAY[referral.end_reason],
        }
    if not resource["note"]:
        del resource["note"]
    return resource


def referral_bundle(referral, events, *, timestamp) -> dict:
    patient_ref = _urn(referral, "patient")
    request_ref = _urn(referral, "servicerequest")
    task_ref = _urn(referral, "task")
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": _iso(timestamp),
        "identifier": {"system": REFERRAL_SYSTEM, "value": str(referral.uuid)},
        "entry": [
            {"fullUrl": patient_ref, "resource": patient(referral)},
            {"fullUrl": request_ref, "resource": service_request(referral, patient_ref)},
            {"fullUrl": task_ref, "resource": task(referral, events, request_ref, patient_ref)},
        ],
    }
