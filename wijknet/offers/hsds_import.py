"""Importing an Open Referral HSDS 3.0 dataset into a network's social map (docs/hsds.md).

The file: JSON, at most `MAX_BYTES` and `MAX_SERVICES` services, in one of three shapes — a
list of nested services (wijknet's `hsds-diensten.json`, or another sociale kaart's), a page of
the HSDS API (`{"contents": [...]}`, fetched with `full=true`) or the tabular form
(`{"service": [...], "organization": [...], ...}`, joined here by the ids). A `null` counts as
"no value"; then every service is checked against the standard's `service.json` and, mapped
onto an offer, with the same form as the edit page. Problems are reported per service and
field (the first 100 and a count, `core.imports.ProblemReport`); a file with any problem
imports nothing.

Matching, per service: the offer imported earlier from the same HSDS id (`Offer.hsds_source_id`)
or exported by this network with that id; else an offer with the same name and address. A match
is updated (or skipped when nothing changed); otherwise a new offer. Services that are not
`active` are skipped. The organisation is matched by its id (an organisation of this network)
or its name; an unknown one becomes a new organisation (sector "overig") and partner of the
network, an existing one without a current partnership a partner again. `preview` shows all of
this before anything is written.
"""

import datetime
import functools
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.imports import Problem, ProblemReport, check_size, count, shorten
from wijknet.networks import services as network_services
from wijknet.networks.models import Organisation, Partner, Sector

from . import hsds, hsds_schema, queries, taxonomy
from .forms import OfferForm
from .models import Offer, OfferKind, ReimbursedBy
from .services import offer_create, offer_update

MAX_BYTES = 5 * 1024 * 1024
MAX_SERVICES = 5_000
SCHEMA_ERRORS_PER_SERVICE = 10
ACTION = "offer.hsds_imported"
CREATE, UPDATE, SKIP = "create", "update", "skip"

# Offer field → where it comes from in an HSDS service (for the problem report)
SOURCE = {
    "title": "name",
    "kind": "attributes (soort)",
    "description": "description",
    "target_groups": "attributes (doelgroep)",
    "age_min": "minimum_age",
    "age_max": "maximum_age",
    "costs": "fees_description",
    "reimbursed_by": "attributes (vergoeding)",
    "address": "location.addresses.address_1",
    "postcode": "location.addresses.postal_code",
    "place": "location.addresses.city",
    "latitude": "location.latitude",
    "longitude": "location.longitude",
    "schedule": "schedules.description",
    "contact_name": "contacts.name",
    "contact_email": "contacts.email",
    "contact_phone": "contacts.phones.number",
    "accessibility": "location.accessibility.description",
    "active_from": "schedules.valid_from",
    "active_to": "schedules.valid_to",
}


@dataclass
class Planned:
    """What the import will do with one service of the file."""

    row: int  # the service's number in the file, from 1
    action: str
    name: str
    organisation: str
    source_id: str
    reason: str = ""
    fields: dict = field(default_factory=dict)
    offer_pk: int | None = None
    partner: Partner | None = None  # None: the organisation's partner is made by the import
    organisation_obj: Organisation | None = None
    # For a new organisation: its sector (from a description that names one, as wijknet's
    # export writes it; else "overig") and website.
    sector: str = Sector.OVERIG
    website: str = ""
    # The source's assured_date (when the information was last checked) becomes the offer's
    # last confirmation; without one the offer counts as not confirmed.
    confirmed_at: datetime.datetime | None = None


@dataclass
class HsdsParseResult:
    planned: list[Planned] = field(default_factory=list)
    report: ProblemReport = field(default_factory=ProblemReport)
    new_organisations: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def problems(self) -> list[Problem]:
        return self.report.shown

    def _of(self, action) -> list[Planned]:
        return [p for p in self.planned if p.action == action]

    @property
    def created(self) -> list[Planned]:
        return self._of(CREATE)

    @property
    def updated(self) -> list[Planned]:
        return self._of(UPDATE)

    @property
    def skipped(self) -> list[Planned]:
        return self._of(SKIP)


# --- reading the file ----------------------------------------------------------------------


def _drop_nulls(value):
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value if v is not None]
    return value


def _rows(doc: dict, name: str) -> list[dict]:
    rows = doc.get(name)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def from_tabular(doc: dict) -> list[dict]:
    """The tabular form (`tabular.json`) joined into nested services by the ids."""
    organisations = {r.get("id"): r for r in _rows(doc, "organization")}
    locations = {r.get("id"): dict(r) for r in _rows(doc, "location")}
    for table, key in (("address", "addresses"), ("accessibility", "accessibility")):
        for row in _rows(doc, table):
            location = locations.get(row.get("location_id"))
            if location is not None:
                location.setdefault(key, []).append(row)
    terms = {r.get("id"): r for r in _rows(doc, "taxonomy_term")}
    phones = defaultdict(list)
    for row in _rows(doc, "phone"):
        phones[row.get("contact_id") or row.get("service_id")].append(row)
    nested: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(doc, "service_at_location"):
        link = dict(row)
        if row.get("location_id") in locations:
            link["location"] = locations[row["location_id"]]
        nested[row.get("service_id")]["service_at_locations"].append(link)
    for row in _rows(doc, "schedule"):
        nested[row.get("service_id")]["schedules"].append(row)
    for row in _rows(doc, "contact"):
        contact = dict(row)
        if phones.get(row.get("id")):
            contact["phones"] = phones[row["id"]]
        nested[row.get("service_id")]["contacts"].append(contact)
    for row in _rows(doc, "attribute"):
        if row.get("link_entity", "service") == "service":
            attribute = dict(row)
            if row.get("taxonomy_term_id") in terms:
                attribute["taxonomy_term"] = terms[row["taxonomy_term_id"]]
            nested[row.get("link_id")]["attributes"].append(attribute)
    services = []
    for row in _rows(doc, "service"):
        service = dict(row)
        if row.get("organization_id") in organisations:
            service["organization"] = organisations[row["organization_id"]]
        for key, values in nested.get(row.get("id"), {}).items():
            service[key] = values
        services.append(service)
    return services


def load(data) -> list[dict]:
    """The services of an uploaded file (an UploadedFile, or bytes), checked by size before it
    is read. Raises ValidationError for anything that is not an HSDS dataset of services."""
    if isinstance(data, bytes | bytearray):
        file, size = io.BytesIO(data), len(data)
    else:
        file, size = getattr(data, "file", data), data.size
    check_size(size, MAX_BYTES)
    file.seek(0)
    raw = file.read(MAX_BYTES + 1)
    check_size(len(raw), MAX_BYTES)  # the size was wrong: never read more than the limit
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ValidationError(
            _("Dit bestand is geen geldige JSON: %(error)s") % {"error": shorten(error, 200)},
            code="json",
        ) from None
    if isinstance(doc, dict) and isinstance(doc.get("contents"), list):
        services = doc["contents"]
    elif isinstance(doc, dict) and isinstance(doc.get("service"), list):
        services = from_tabular(doc)
    elif isinstance(doc, list):
        services = doc
    else:
        raise ValidationError(
            _(
                "Geen HSDS-diensten gevonden. Verwacht: een lijst van diensten, een pagina van "
                "de HSDS-API (met contents) of de tabelvorm (met service en organization)."
            ),
            code="shape",
        )
    if len(services) > MAX_SERVICES:
        raise ValidationError(
            _(
                "Het bestand heeft meer dan %(max)s diensten. Splits het in kleinere bestanden "
                "en importeer ze een voor een."
            )
            % {"max": count(MAX_SERVICES)},
            code="too_many_rows",
        )
    if not services:
        raise ValidationError(_("Er staan geen diensten in het bestand."), code="empty")
    return services


# --- mapping a service onto an offer -------------------------------------------------------


def _first(items) -> dict:
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                return item
    return {}


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _codes(service: dict) -> list[str]:
    """The `wijknet` taxonomy codes of a service's attributes (by term id, or by code when the
    term says it is of the `wijknet` taxonomy)."""
    known = taxonomy.by_id()
    codes = []
    for attribute in service.get("attributes") or []:
        if not isinstance(attribute, dict):
            continue
        term = (
            attribute.get("taxonomy_term")
            if isinstance(attribute.get("taxonomy_term"), dict)
            else {}
        )
        term_id = attribute.get("taxonomy_term_id") or term.get("id")
        code = known.get(term_id)
        if code is None and (
            term.get("taxonomy") == taxonomy.NAME or term.get("taxonomy_id") == taxonomy.TAXONOMY_ID
        ):
            code = term.get("code") if term.get("code") in known.values() else None
        if code and code not in codes:
            codes.append(code)
    return codes


def _day_after(value: str) -> str:
    """HSDS valid_to is the last day; wijknet's active_to the first day without the offer."""
    try:
        return (datetime.date.fromisoformat(value) + datetime.timedelta(days=1)).isoformat()
    except ValueError:
        return value  # the form reports it


def _number(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _coordinate(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f"{value:.6f}"


def form_data(service: dict, default_kind: str) -> dict:
    """The edit form's data for one nested service."""
    codes = _codes(service)
    kinds = [c.split("/", 1)[1] for c in codes if c.startswith(f"{taxonomy.KIND}/")]
    reimbursed = [c.split("/", 1)[1] for c in codes if c.startswith(f"{taxonomy.REIMBURSED}/")]
    link = _first(service.get("service_at_locations"))
    location = link.get("location") if isinstance(link.get("location"), dict) else {}
    address = _first(location.get("addresses"))
    schedule = _first(service.get("schedules"))
    contact = _first(service.get("contacts"))
    phone = _first(contact.get("phones")) or _first(service.get("phones"))
    application = _text(service.get("application_process"))
    valid_to = _text(schedule.get("valid_to"))
    return {
        "title": _text(service.get("name")),
        "kind": kinds[0] if kinds else default_kind,
        "description": _text(service.get("description")),
        "target_groups": [c.split("/", 1)[1] for c in codes if c.startswith(f"{taxonomy.GROUP}/")],
        "age_min": _number(service.get("minimum_age")),
        "age_max": _number(service.get("maximum_age")),
        "costs": _text(service.get("fees_description")),
        "reimbursed_by": reimbursed[0] if reimbursed else ReimbursedBy.NONE,
        "address": _text(address.get("address_1")),
        "postcode": _text(address.get("postal_code")),
        "place": _text(address.get("city")) or _text(location.get("name")),
        "latitude": _coordinate(location.get("latitude")),
        "longitude": _coordinate(location.get("longitude")),
        "schedule": _text(schedule.get("description")),
        "contact_name": _text(contact.get("name")),
        "contact_email": _text(contact.get("email")) or _text(service.get("email")),
        "contact_phone": _text(phone.get("number")),
        "accessibility": _text(_first(location.get("accessibility")).get("description")),
        "capacity": "",
        "waiting_list": "on"
        if application == hsds.WAITING_LIST or "wachtlijst" in application.lower()
        else "",
        "active_from": _text(schedule.get("valid_from")),
        "active_to": _day_after(valid_to) if valid_to else "",
    }


def _sector(description: str) -> str:
    with translation.override("nl"):
        labels = {str(label).lower(): value for value, label in Sector.choices}
    return labels.get(description.strip().lower(), Sector.OVERIG)


def _website(value) -> str:
    value = _text(value)
    if not value or len(value) > 200:
        return ""
    try:
        URLValidator()(value)
    except ValidationError:
        return ""
    return value


def _assured(value) -> datetime.datetime | None:
    try:
        day = datetime.date.fromisoformat(_text(value)[:10])
    except ValueError:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _differs(offer: Offer, fields: dict, partner) -> bool:
    if partner is None or partner.pk != offer.provider_id:
        return True
    for name, value in fields.items():
        current = getattr(offer, name)
        if name == "target_groups":
            if sorted(current) != sorted(value):
                return True
        elif current != value:
            return True
    return False


# --- checking the whole file ---------------------------------------------------------------


class _Network:
    """What matching needs of the network, loaded once (three queries)."""

    def __init__(self, network, membership):
        offers = list(
            Offer.objects.filter(network=network)
            .select_related("provider__organisation")
            .order_by("pk")
        )
        self.by_source = {o.hsds_source_id: o for o in offers if o.hsds_source_id}
        self.by_uuid = {str(o.uuid): o for o in offers}
        self.by_name_address = {}
        for offer in offers:
            self.by_name_address.setdefault(
                (offer.title.strip().lower(), offer.address.strip().lower()), offer
            )
        organisations = list(Organisation.objects.filter(network=network).order_by("pk"))
        self.org_by_uuid = {str(o.uuid): o for o in organisations}
        self.org_by_name = {o.name.strip().lower(): o for o in organisations}
        self.partner_of = {p.organisation_id: p for p in queries.providers_for(network, membership)}

    def match(self, source_id: str, title: str, address: str) -> Offer | None:
        return (
            self.by_source.get(source_id)
            or self.by_uuid.get(source_id)
            or self.by_name_address.get((title.lower(), address.lower()))
        )

    def organisation(self, data: dict) -> Organisation | None:
        return self.org_by_uuid.get(_text(data.get("id"))) or self.org_by_name.get(
            _text(data.get("name")).lower()
        )


def check(services: list, network, membership, default_kind: str) -> Iterator[Problem | Planned]:
    """The problems and plans of every service, in file order, one at a time."""
    _ = functools.cache(gettext)
    known = _Network(network, membership)
    seen_ids: set[str] = set()
    matched: dict[int, int] = {}  # offer pk → the row that matches it
    for row, raw in enumerate(services, start=1):
        if not isinstance(raw, dict):
            yield Problem(row, "", _("Dit is geen dienst (geen JSON-object)."))
            continue
        service = _drop_nulls(raw)
        errors = hsds_schema.errors(service, "service.json", limit=SCHEMA_ERRORS_PER_SERVICE)
        if errors:
            for error in errors:
                path, _sep, message = error.partition(": ")
                yield Problem(
                    row,
                    path.removeprefix("$.").removeprefix("$"),
                    _("Past niet bij de HSDS-standaard: %(error)s") % {"error": message},
                )
            continue
        source_id = service["id"]
        name = service["name"].strip()
        if source_id in seen_ids:
            yield Problem(row, "id", _("Deze dienst staat twee keer in het bestand."))
            continue
        seen_ids.add(source_id)
        org_data = service.get("organization") or {}
        org_name = _text(org_data.get("name"))
        if not org_name:
            yield Problem(
                row, "organization.name", _("De dienst heeft geen organisatie met een naam.")
            )
            continue
        if service["status"] != "active":
            yield Planned(
                row,
                SKIP,
                name,
                org_name,
                source_id,
                reason=_("niet actief (status %(status)s)") % {"status": service["status"]},
            )
            continue
        form = OfferForm(form_data(service, default_kind), providers=Partner.objects.none())
        del form.fields["provider"]
        if not form.is_valid():
            for field_name, messages in form.errors.items():
                for message in messages:
                    yield Problem(row, SOURCE.get(field_name, field_name), message)
            continue
        fields = form.service_fields()
        organisation = known.organisation(org_data)
        partner = known.partner_of.get(organisation.pk) if organisation else None
        offer = known.match(source_id, fields["title"].strip(), fields["address"].strip())
        plan = Planned(
            row,
            CREATE,
            name,
            organisation.name if organisation else org_name,
            source_id,
            fields=fields,
            partner=partner,
            organisation_obj=organisation,
            sector=_sector(_text(org_data.get("description"))),
            website=_website(org_data.get("website")),
            confirmed_at=_assured(service.get("assured_date")),
        )
        if offer is not None and offer.pk in matched:
            yield Problem(
                row,
                "name",
                _("Deze dienst hoort bij hetzelfde aanbod als dienst %(row)s.")
                % {"row": matched[offer.pk]},
            )
            continue
        if offer is not None:
            matched[offer.pk] = row
            plan.offer_pk = offer.pk
            if _differs(offer, fields, partner) or offer.hsds_source_id != source_id:
                plan.action = UPDATE
            else:
                plan.action, plan.reason = SKIP, _("ongewijzigd")
        yield plan


def parse(data, network, membership, *, default_kind=OfferKind.WELZIJN) -> HsdsParseResult:
    """Check a whole file; raises ValidationError when it is not an HSDS dataset at all."""
    services = load(data)
    result = HsdsParseResult()
    new_names: dict[str, str] = {}
    for item in check(services, network, membership, default_kind):
        if isinstance(item, Problem):
            result.report.add(item)
            result.planned = []
        elif result.report.ok:
            result.planned.append(item)
            if item.action != SKIP and item.organisation_obj is None:
                new_names.setdefault(item.organisation.lower(), item.organisation)
    if result.report.ok:
        result.new_organisations = sorted(new_names.values(), key=str.lower)
    return result


def problems(data, network, membership, *, default_kind=OfferKind.WELZIJN) -> Iterator[Problem]:
    """Every problem of a file, checked again while the caller consumes them (the CSV
    download)."""
    services = load(data)
    return (
        item
        for item in check(services, network, membership, default_kind)
        if isinstance(item, Problem)
    )


# --- the import ----------------------------------------------------------------------------


@transaction.atomic
def hsds_import(*, acting_user, membership, network, planned: list[Planned]) -> dict:
    """Create and update the planned offers, all or none; the organisations they need become
    partners. Returns the counts per action."""
    partners: dict[str, Partner] = {}
    done = {CREATE: 0, UPDATE: 0, SKIP: 0}
    for plan in planned:
        if plan.action == SKIP:
            done[SKIP] += 1
            continue
        partner = plan.partner or partners.get(plan.organisation.lower())
        if partner is None:
            partner = network_services.partner_create(
                acting_user=acting_user,
                network=network,
                organisation=plan.organisation_obj,
                organisation_name="" if plan.organisation_obj else plan.organisation,
                sector=plan.sector,
            )
            if plan.organisation_obj is None and plan.website:
                Organisation.objects.filter(pk=partner.organisation_id).update(website=plan.website)
            partners[plan.organisation.lower()] = partner
        # The last confirmation: the source's assured date; an update never loses a later one.
        confirmed = plan.confirmed_at
        try:
            if plan.action == CREATE:
                offer = offer_create(
                    acting_user=acting_user,
                    membership=membership,
                    network=network,
                    provider=partner,
                    **plan.fields,
                )
            else:
                offer = Offer.objects.select_related("provider").get(
                    network=network, pk=plan.offer_pk
                )
                moments = [m for m in (offer.last_confirmed_at, confirmed) if m is not None]
                confirmed = max(moments, default=None)
                offer = offer_update(
                    acting_user=acting_user,
                    membership=membership,
                    offer=offer,
                    expected_version=offer.version,
                    provider=partner,
                    **plan.fields,
                )
        except ValidationError as error:
            raise ValidationError(
                _("Dienst %(row)s (%(name)s): %(error)s")
                % {"row": plan.row, "name": shorten(plan.name), "error": "; ".join(error.messages)}
            ) from None
        Offer.objects.filter(pk=offer.pk).update(
            hsds_source_id=plan.source_id[:100], last_confirmed_at=confirmed
        )
        done[plan.action] += 1
    audit.record(
        actor=acting_user,
        network=network,
        action=ACTION,
        summary=ngettext(
            "HSDS-import: %(n)s dienst verwerkt in de sociale kaart",
            "HSDS-import: %(n)s diensten verwerkt in de sociale kaart",
            len(planned),
        )
        % {"n": len(planned)},
        data=done,
    )
    return done
