"""Importing offers for the social map from a CSV file (as wijknet/scans/imports.py does).

The file: a header row with the columns of `COLUMNS` (Dutch names; `aanbieder`, `titel` and
`soort` are required, the others optional) and one row per offer. `aanbieder` is the name of an
active partner organisation of the network. `doelgroepen` holds choice values separated by `|`,
`,` or `;`. Dates as 2026-03-01 or 01-03-2026; `wachtlijst` is ja/nee.

`parse_csv` checks every row with the same form as the edit page and reports every problem per
row and column; only a file without problems reaches `offers_import`, which stores all rows or
none.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijknet.core import audit
from wijknet.networks.models import Partner

from . import queries
from .forms import OfferForm
from .models import Offer, OfferKind, ReimbursedBy, TargetGroup
from .services import _check, offer_create

MAX_BYTES = 2 * 1024 * 1024
COMMENT = "#"
ACTION = "offer.imported"

# CSV column → form field
COLUMNS = {
    "aanbieder": "provider",
    "titel": "title",
    "soort": "kind",
    "beschrijving": "description",
    "doelgroepen": "target_groups",
    "leeftijd_min": "age_min",
    "leeftijd_max": "age_max",
    "kosten": "costs",
    "vergoed_door": "reimbursed_by",
    "adres": "address",
    "postcode": "postcode",
    "plaats": "place",
    "breedtegraad": "latitude",
    "lengtegraad": "longitude",
    "wanneer": "schedule",
    "contactpersoon": "contact_name",
    "email": "contact_email",
    "telefoon": "contact_phone",
    "toegankelijkheid": "accessibility",
    "plaatsen": "capacity",
    "wachtlijst": "waiting_list",
    "actief_vanaf": "active_from",
    "actief_tot": "active_to",
}
REQUIRED = ("aanbieder", "titel", "soort")
FIELD_TO_COLUMN = {f: c for c, f in COLUMNS.items()}
YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


@dataclass
class Problem:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    provider: object
    fields: dict


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def template_rows() -> list[list[str]]:
    """The template: the header, a comment row with the allowed values, and an example."""
    hints = {
        "soort": "|".join(OfferKind.values),
        "doelgroepen": "|".join(TargetGroup.values),
        "vergoed_door": "|".join(ReimbursedBy.values),
        "wachtlijst": "ja|nee",
        "actief_vanaf": "2026-01-31",
    }
    header = list(COLUMNS)
    return [
        header,
        [f"{COMMENT} {_('toegestane waarden')}", *(hints.get(c, "") for c in header[1:])],
    ]


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            _(
                "Dit is een Excel-bestand, geen CSV. Kies in Excel 'Opslaan als' en dan "
                "'CSV UTF-8 (door komma's gescheiden)'."
            )
        )
    if b"\x00" in data:
        raise ValidationError(
            _(
                "Dit bestand is geen leesbare tekst (misschien UTF-16 of een ander formaat). "
                "Sla het op als 'CSV UTF-8'."
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _date(value: str) -> str:
    match = DUTCH_DATE.match(value)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def parse_csv(data: bytes, network, membership) -> ParseResult:
    """Check a whole file; raises ValidationError if it is not a CSV file at all, else returns
    the rows and every problem found (no problems: safe to import)."""
    if not data.strip():
        raise ValidationError(_("Het bestand is leeg."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Het bestand is groter dan 2 MB."))
    text = _decode(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line)))
    except csv.Error as error:
        raise ValidationError(
            _("Dit bestand is geen geldige CSV: %(error)s") % {"error": error}
        ) from None
    numbered = list(enumerate(records, start=1))
    while numbered and not any(cell.strip() for cell in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raise ValidationError(_("Het bestand is leeg."))
    result = ParseResult()
    problems = result.problems
    header_row, header = numbered[0]
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if not name:
            continue
        if name in positions:
            problems.append(
                Problem(header_row, name, _("Deze kolom staat twee keer in de kopregel."))
            )
        elif name not in COLUMNS:
            problems.append(
                Problem(
                    header_row,
                    raw.strip(),
                    _("Onbekende kolom. Gebruik de kolommen uit het sjabloon."),
                )
            )
        else:
            positions[name] = index
    for name in REQUIRED:
        if name not in positions:
            problems.append(
                Problem(header_row, name, _("Deze verplichte kolom ontbreekt in de kopregel."))
            )
    if any(name not in positions for name in REQUIRED):
        return result
    providers = list(queries.providers_for(network, membership))
    by_name = {p.organisation.name.strip().lower(): p for p in providers}
    for number, record in numbered[1:]:
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if cells[0].startswith(COMMENT):
            continue

        def cell(name, cells=cells):
            index = positions.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        provider_name = cell("aanbieder")
        provider = by_name.get(provider_name.lower())
        if not provider_name:
            problems.append(Problem(number, "aanbieder", _("Vul de aanbieder in.")))
        elif provider is None:
            problems.append(
                Problem(
                    number,
                    "aanbieder",
                    _(
                        "Onbekende aanbieder '%(value)s': dit is geen actieve partner van het "
                        "netwerk waarvoor je aanbod mag invoeren."
                    )
                    % {"value": provider_name},
                )
            )
        data = {}
        for column, name in COLUMNS.items():
            if column == "aanbieder":
                continue
            value = cell(column)
            if name in ("active_from", "active_to"):
                value = _date(value)
            elif name in ("kind", "reimbursed_by"):
                value = value.lower()
            elif name in ("latitude", "longitude"):
                value = value.replace(",", ".")
            data[name] = value
        if not data["reimbursed_by"]:
            data["reimbursed_by"] = ReimbursedBy.NONE
        groups = [g.strip().lower() for g in re.split(r"[|,;/]", cell("doelgroepen")) if g.strip()]
        data["target_groups"] = groups
        waiting = cell("wachtlijst").lower()
        if waiting not in YES | NO:
            problems.append(
                Problem(
                    number,
                    "wachtlijst",
                    _("Ongeldige waarde '%(value)s': gebruik ja of nee.")
                    % {"value": cell("wachtlijst")},
                )
            )
        data["waiting_list"] = "on" if waiting in YES else ""
        form = OfferForm(data, providers=Partner.objects.none())
        del form.fields["provider"]  # checked above against the preloaded providers
        if not form.is_valid():
            for name, errors in form.errors.items():
                column = FIELD_TO_COLUMN.get(name, "")
                for message in errors:
                    if name == "target_groups":
                        message = _("Onbekende doelgroep. Kies uit: %(choices)s.") % {
                            "choices": ", ".join(TargetGroup.values)
                        }
                    elif name in ("kind", "reimbursed_by") and cell(column):
                        choices = OfferKind.values if name == "kind" else ReimbursedBy.values
                        message = _("Onbekende waarde '%(value)s'. Kies uit: %(choices)s.") % {
                            "value": cell(column),
                            "choices": ", ".join(choices),
                        }
                    problems.append(Problem(number, column, message))
            continue
        if provider is not None:
            result.rows.append(ImportRow(number, provider, form.service_fields()))
    if not result.rows and not problems:
        problems.append(Problem(header_row + 1, "", _("Er staat geen aanbod in het bestand.")))
    return result


@transaction.atomic
def offers_import(*, acting_user, membership, network, rows: list[ImportRow]) -> list[Offer]:
    """Create all offers or none; every row is checked again by the service rules."""
    if not rows:
        raise ValidationError(_("Er staat geen aanbod in het bestand."))
    created = []
    for row in rows:
        _check(membership, row.provider)
        try:
            created.append(
                offer_create(
                    acting_user=acting_user,
                    membership=membership,
                    network=network,
                    provider=row.provider,
                    **row.fields,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("Rij %(row)s: %(error)s") % {"row": row.row, "error": "; ".join(error.messages)}
            ) from None
    audit.record(
        actor=acting_user,
        network=network,
        action=ACTION,
        summary=ngettext(
            "%(n)s aanbod geïmporteerd in de sociale kaart",
            "%(n)s aanbiedingen geïmporteerd in de sociale kaart",
            len(created),
        )
        % {"n": len(created)},
        data={"offers": len(created)},
    )
    return created
