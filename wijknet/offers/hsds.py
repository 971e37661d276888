"""Export of the social map in the Open Referral Human Services Data Specification (HSDS) 3.0.

A subset, as one JSON document with the HSDS tables as lists (the "tabular" shape; every row
has its HSDS `id`, a stable UUID from wijknet, and links by `*_id`):

- `organizations` (one per providing partner organisation): `id`, `name`, `description` (empty),
  `website`, `email` (the partner's contact e-mail).
- `services` (one per offer): `id`, `organization_id`, `name`, `alternate_name` (the kind's
  label), `description`, `email`, `status` (`active`/`inactive`), `fees_description` (costs and
  who reimburses), `eligibility_description` (target groups), `minimum_age`, `maximum_age`,
  `application_process` (waiting list), `last_modified` (the last confirmation), `contacts`
  (`name`, `email`, `phones` with `number`), `schedules` (`description`, `valid_from`,
  `valid_to`) and `attributes` (the offer kind and target groups as taxonomy terms of the
  vocabulary `wijknet`).
- `locations` (one per offer with an address or coordinates): `id`, `location_type` (`physical`),
  `name`, `latitude`, `longitude`, `addresses` (`address_1`, `city`, `postal_code`, `country`
  "NL", `address_type` "physical") and `accessibility` (`description`).
- `service_at_locations`: `id`, `service_id`, `location_id`.

Not exported: capacity, programs, funding, phones of organizations, languages, service areas.
"""

import uuid

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ReimbursedBy

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("6d1c33a4-8bb7-4bd4-9d3c-6a2f3b1e9c10")


def _derived(kind: str, key) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _number(value):
    return float(value) if value is not None else None


def export(network, offers) -> dict:
    today = timezone.localdate()
    organizations: dict[str, dict] = {}
    services, locations, links = [], [], []
    for offer in offers:
        org = offer.provider.organisation
        org_id = str(org.uuid)
        if org_id not in organizations:
            organizations[org_id] = {
                "id": org_id,
                "name": org.name,
                "description": "",
                "website": org.website or None,
                "email": offer.provider.contact_email or None,
            }
        service_id = str(offer.uuid)
        active = (offer.active_from is None or offer.active_from <= today) and (
            offer.active_to is None or offer.active_to > today
        )
        fees = offer.costs
        if offer.reimbursed_by != ReimbursedBy.NONE:
            fees = f"{fees} ({offer.get_reimbursed_by_display()})".strip()
        contacts = []
        if offer.contact_name or offer.contact_email or offer.contact_phone:
            contacts.append(
                {
                    "id": _derived("contact", offer.uuid),
                    "service_id": service_id,
                    "name": offer.contact_name or None,
                    "email": offer.contact_email or None,
                    "phones": [{"id": _derived("phone", offer.uuid), "number": offer.contact_phone}]
                    if offer.contact_phone
                    else [],
                }
            )
        attributes = [
            {
                "id": _derived("kind", offer.uuid),
                "link_entity": "service",
                "link_id": service_id,
                "taxonomy_term": {
                    "code": offer.kind,
                    "vocabulary": "wijknet",
                    "term": str(offer.get_kind_display()),
                },
            }
        ] + [
            {
                "id": _derived(f"group-{group}", offer.uuid),
                "link_entity": "service",
                "link_id": service_id,
                "taxonomy_term": {"code": group, "vocabulary": "wijknet", "term": label},
            }
            for group, label in zip(
                offer.target_groups, offer.get_target_groups_display(), strict=False
            )
        ]
        services.append(
            {
                "id": service_id,
                "organization_id": org_id,
                "name": offer.title,
                "alternate_name": str(offer.get_kind_display()),
                "description": offer.description,
                "email": offer.contact_email or None,
                "status": "active" if active else "inactive",
                "fees_description": fees or None,
                "eligibility_description": ", ".join(offer.get_target_groups_display()) or None,
                "minimum_age": offer.age_min,
                "maximum_age": offer.age_max,
                "application_process": _("Wachtlijst") if offer.waiting_list else None,
                "last_modified": offer.last_confirmed_at.isoformat()
                if offer.last_confirmed_at
                else None,
                "contacts": contacts,
                "schedules": [
                    {
                        "id": _derived("schedule", offer.uuid),
                        "service_id": service_id,
                        "description": offer.schedule or None,
                        "valid_from": offer.active_from.isoformat() if offer.active_from else None,
                        "valid_to": offer.active_to.isoformat() if offer.active_to else None,
                    }
                ],
                "attributes": attributes,
            }
        )
        if offer.address or offer.place or offer.latitude is not None:
            location_id = _derived("location", offer.uuid)
            locations.append(
                {
                    "id": location_id,
                    "location_type": "physical",
                    "name": offer.place or offer.address,
                    "latitude": _number(offer.latitude),
                    "longitude": _number(offer.longitude),
                    "addresses": [
                        {
                            "id": _derived("address", offer.uuid),
                            "location_id": location_id,
                            "address_1": offer.address,
                            "city": offer.place,
                            "postal_code": offer.postcode,
                            "state_province": "",
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": _derived("accessibility", offer.uuid),
                            "location_id": location_id,
                            "description": offer.accessibility,
                        }
                    ]
                    if offer.accessibility
                    else [],
                }
            )
            links.append(
                {
                    "id": _derived("service_at_location", offer.uuid),
                    "service_id": service_id,
                    "location_id": location_id,
                }
            )
    return {
        "hsds_version": HSDS_VERSION,
        "publisher": network.name,
        "generated_at": timezone.now().isoformat(),
        "organizations": list(organizations.values()),
        "services": services,
        "locations": locations,
        "service_at_locations": links,
    }
