"""The social map in Open Referral HSDS 3.0 (docs/hsds.md), as the standard's schemas define it
(`standards/hsds-3.0/`; `hsds_schema.py` validates against them).

One offer is one HSDS `service` of the `organization` of its provider, with at most one
`location` (when it has an address, a place or coordinates) linked by a `service_at_location`.
Its kind, target groups and reimbursement are `attribute`s with terms of the published taxonomy
`wijknet` (`taxonomy.py`). Every id is a UUID: the offer's and organisation's own, the others
derived (UUIDv5) from the offer, so they are stable between exports.

Shapes:
- `service_row`, `organization_row`, … — the one-to-one fields (the API's list items and the
  rows of the tabular form);
- `service_full` — a nested service with its organisation, contacts, schedules, attributes and
  service-at-locations with their location (the API's `/services/{id}` and `full=true`, and the
  members' download of nested services, which the HSDS import reads back);
- `tabular` — the standard's tabular form (`tabular.json`): table name → flat rows.

Optional fields without a value are left out, never `null`. Contacts (the offer's contact person,
e-mail and phone) are personal data: they are only included with `contacts=True` (the members'
download); the public API never has them. Texts are in Dutch whatever the reader's language.

Not mapped: capacity, programs, funding, languages, service areas, phones of organisations and
locations, the partner's own contact person.
"""

import uuid
from datetime import timedelta

from django.utils import timezone, translation

from . import taxonomy
from .models import Offer

HSDS_VERSION = "3.0"
WAITING_LIST = "Er is een wachtlijst."  # Dutch data, also read back by the import
COUNTRY = "NL"


def derived(kind: str, key) -> str:
    return str(uuid.uuid5(taxonomy.NAMESPACE, f"{kind}:{key}"))


def _compact(values: dict, required=()) -> dict:
    """Leave out optional fields without a value (None, "" or an empty list)."""
    return {
        key: value
        for key, value in values.items()
        if key in required or value not in (None, "", [])
    }


def _number(value):
    return float(value) if value is not None else None


def has_location(offer: Offer) -> bool:
    return bool(offer.address or offer.place or offer.latitude is not None)


def _last_modified(offer: Offer) -> str:
    return (offer.last_confirmed_at or offer.created_at).isoformat()


# --- taxonomy ------------------------------------------------------------------------------


def taxonomy_row() -> dict:
    return {
        "id": taxonomy.TAXONOMY_ID,
        "name": taxonomy.NAME,
        "description": str(taxonomy.TAXONOMY_DESCRIPTION),
        "version": taxonomy.VERSION,
    }


def term_row(term: taxonomy.Term) -> dict:
    return _compact(
        {
            "id": term.id,
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": taxonomy.term_id(term.parent) if term.parent else None,
            "taxonomy": taxonomy.NAME,
            "taxonomy_id": taxonomy.TAXONOMY_ID,
            "language": "nl",
        },
        required=("description",),
    )


def terms() -> list[dict]:
    with translation.override("nl"):
        return [term_row(term) for term in taxonomy.terms()]


def _terms_by_code() -> dict[str, dict]:
    return {row["code"]: row for row in terms()}


# --- organisations, services, locations ----------------------------------------------------


def organization_row(organisation) -> dict:
    """An organisation: name, its sector as the description (required by HSDS) and website."""
    with translation.override("nl"):
        return _compact(
            {
                "id": str(organisation.uuid),
                "name": organisation.name,
                "description": str(organisation.get_sector_display()),
                "website": organisation.website,
            },
            required=("description",),
        )


def service_row(offer: Offer, *, contacts: bool = False, today=None) -> dict:
    """The service's one-to-one fields."""
    today = today or timezone.localdate()
    active = (offer.active_from is None or offer.active_from <= today) and (
        offer.active_to is None or offer.active_to > today
    )
    with translation.override("nl"):
        return _compact(
            {
                "id": str(offer.uuid),
                "organization_id": str(offer.provider.organisation.uuid),
                "name": offer.title,
                "description": offer.description,
                "email": offer.contact_email if contacts else None,
                "status": "active" if active else "inactive",
                "application_process": WAITING_LIST if offer.waiting_list else None,
                "fees_description": offer.costs,
                "eligibility_description": ", ".join(offer.get_target_groups_display()),
                "minimum_age": offer.age_min,
                "maximum_age": offer.age_max,
                "assured_date": timezone.localdate(offer.last_confirmed_at).isoformat()
                if offer.last_confirmed_at
                else None,
                "last_modified": _last_modified(offer),
            }
        )


def location_row(offer: Offer) -> dict:
    return _compact(
        {
            "id": derived("location", offer.uuid),
            "location_type": "physical",
            "organization_id": str(offer.provider.organisation.uuid),
            "name": offer.place or offer.address,
            "latitude": _number(offer.latitude),
            "longitude": _number(offer.longitude),
        }
    )


def address_row(offer: Offer) -> dict | None:
    if not (offer.address or offer.place or offer.postcode):
        return None
    return {
        "id": derived("address", offer.uuid),
        "location_id": derived("location", offer.uuid),
        "address_1": offer.address,
        "city": offer.place,
        "state_province": "",
        "postal_code": offer.postcode,
        "country": COUNTRY,
        "address_type": "physical",
    }


def accessibility_row(offer: Offer) -> dict | None:
    if not offer.accessibility:
        return None
    return {
        "id": derived("accessibility", offer.uuid),
        "location_id": derived("location", offer.uuid),
        "description": offer.accessibility,
    }


def service_at_location_row(offer: Offer) -> dict:
    return {
        "id": derived("service_at_location", offer.uuid),
        "service_id": str(offer.uuid),
        "location_id": derived("location", offer.uuid),
    }


def contact_row(offer: Offer) -> dict | None:
    if not (offer.contact_name or offer.contact_email or offer.contact_phone):
        return None
    return _compact(
        {
            "id": derived("contact", offer.uuid),
            "service_id": str(offer.uuid),
            "name": offer.contact_name,
            "email": offer.contact_email,
        }
    )


def phone_row(offer: Offer) -> dict | None:
    if not offer.contact_phone:
        return None
    return {
        "id": derived("phone", offer.uuid),
        "contact_id": derived("contact", offer.uuid),
        "number": offer.contact_phone,
    }


def schedule_row(offer: Offer) -> dict | None:
    if not (offer.schedule or offer.active_from or offer.active_to):
        return None
    # wijknet's active_to is the first day the offer no longer runs; HSDS's valid_to the last.
    return _compact(
        {
            "id": derived("schedule", offer.uuid),
            "service_id": str(offer.uuid),
            "description": offer.schedule,
            "valid_from": offer.active_from.isoformat() if offer.active_from else None,
            "valid_to": (offer.active_to - timedelta(days=1)).isoformat()
            if offer.active_to
            else None,
        }
    )


def attribute_rows(offer: Offer) -> list[dict]:
    return [
        {
            "id": derived(f"attribute:{code}", offer.uuid),
            "link_id": str(offer.uuid),
            "link_entity": "service",
            "taxonomy_term_id": taxonomy.term_id(code),
        }
        for code in taxonomy.offer_codes(offer)
    ]


def location_full(offer: Offer) -> dict:
    location = location_row(offer)
    address, access = address_row(offer), accessibility_row(offer)
    if address:
        location["addresses"] = [address]
    if access:
        location["accessibility"] = [access]
    return location


def service_full(offer: Offer, *, contacts: bool = False, today=None, term_rows=None) -> dict:
    """A nested service: its organisation, contacts (with `contacts=True`), schedule,
    taxonomy attributes (each with its term) and its location."""
    term_rows = term_rows or _terms_by_code()
    service = service_row(offer, contacts=contacts, today=today)
    service["organization"] = organization_row(offer.provider.organisation)
    contact = contact_row(offer) if contacts else None
    if contact:
        phone = phone_row(offer)
        if phone:
            contact["phones"] = [phone]
        service["contacts"] = [contact]
    schedule = schedule_row(offer)
    if schedule:
        service["schedules"] = [schedule]
    service["attributes"] = [
        {**attribute, "taxonomy_term": term_rows[code]}
        for attribute, code in zip(attribute_rows(offer), taxonomy.offer_codes(offer), strict=True)
    ]
    if has_location(offer):
        service["service_at_locations"] = [
            {**service_at_location_row(offer), "location": location_full(offer)}
        ]
    return service


def services_full(offers, *, contacts: bool = False) -> list[dict]:
    today = timezone.localdate()
    term_rows = _terms_by_code()
    return [
        service_full(offer, contacts=contacts, today=today, term_rows=term_rows) for offer in offers
    ]


# --- the tabular form ----------------------------------------------------------------------


def tabular(offers, *, contacts: bool = False) -> dict:
    """The standard's tabular form (`tabular.json`): table name → flat rows."""
    today = timezone.localdate()
    tables: dict[str, list] = {
        "organization": [],
        "service": [],
        "location": [],
        "address": [],
        "accessibility": [],
        "service_at_location": [],
        "schedule": [],
        "contact": [],
        "phone": [],
        "attribute": [],
        "taxonomy": [taxonomy_row()],
        "taxonomy_term": terms(),
    }
    seen_organisations = set()
    for offer in offers:
        organisation = offer.provider.organisation
        if organisation.pk not in seen_organisations:
            seen_organisations.add(organisation.pk)
            tables["organization"].append(organization_row(organisation))
        tables["service"].append(service_row(offer, contacts=contacts, today=today))
        if has_location(offer):
            tables["location"].append(location_row(offer))
            tables["service_at_location"].append(service_at_location_row(offer))
            for table, row in (
                ("address", address_row(offer)),
                ("accessibility", accessibility_row(offer)),
            ):
                if row:
                    tables[table].append(row)
        schedule = schedule_row(offer)
        if schedule:
            tables["schedule"].append(schedule)
        if contacts:
            for table, row in (("contact", contact_row(offer)), ("phone", phone_row(offer))):
                if row:
                    tables[table].append(row)
        tables["attribute"].extend(attribute_rows(offer))
    return tables


# --- the API's pages -----------------------------------------------------------------------


def page(contents: list, *, total: int, number: int, per_page: int) -> dict:
    """A page of the HSDS API (`openapi.json`, components/schemas/Page) with its contents."""
    total_pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }
