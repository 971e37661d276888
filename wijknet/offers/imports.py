"""Importing offers for the social map from a CSV file (as wijknet/scans/imports.py does).

The file: a header row with the columns of `COLUMNS` (Dutch names; `aanbieder`, `titel` and
`soort` are required, the others optional) and one row per offer. `aanbieder` is the name of an
active partner organisation of the network. `doelgroepen` holds choice values separated by `|`,
`,` or `;`. Dates as 2026-03-01 or 01-03-2026; `wachtlijst` is ja/nee.

`parse_csv` checks every row with the same form as the edit page and reports the problems per
row and column (the first 100 and a count; `problems()` streams all of them for the CSV
download; limits and streaming: `wijknet/core/imports.py`); only a file without problems
reaches `offers_import`, which stores all rows or none.
"""

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.imports import CsvSource, Problem, ProblemReport, open_csv, shorten
from wijknet.networks.models import Partner

from . import queries
from .fields import OFFER_FIELDS
from .forms import OfferForm
from .models import Offer, OfferKind, ReimbursedBy, TargetGroup
from .services import _check, offer_create

COMMENT = "#"
ACTION = "offer.imported"

# CSV column → form field (one declaration with the form: fields.OFFER_FIELDS)
COLUMNS = {column: name for name, column in OFFER_FIELDS}
REQUIRED = ("aanbieder", "titel", "soort")
FIELD_TO_COLUMN = {f: c for c, f in COLUMNS.items()}
YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


@dataclass
class ImportRow:
    row: int
    provider: object
    fields: dict


@dataclass
class ParseResult:
    """The rows of a file without problems; else the first problems and a count of all."""

    rows: list[ImportRow] = field(default_factory=list)
    report: ProblemReport = field(default_factory=ProblemReport)

    @property
    def problems(self) -> list[Problem]:
        """The problems shown (the first SHOWN_PROBLEMS); `report.total` counts them all."""
        return self.report.shown

    @property
    def ok(self) -> bool:
        return self.report.ok


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


def _date(value: str) -> str:
    match = DUTCH_DATE.match(value)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def parse_csv(data, network, membership) -> ParseResult:
    """Check a whole file (an UploadedFile, or bytes); raises ValidationError if it is not a
    CSV file at all (or too big, or too long), else returns the rows (only when there is no
    problem) and a bounded report of the problems found."""
    source = open_csv(data)
    result = ParseResult()
    for item in check_csv(source, network, membership):
        if isinstance(item, Problem):
            result.report.add(item)
            result.rows = []  # nothing will be imported: do not keep them
        elif result.report.ok:
            result.rows.append(item)
    return result


def problems(data, network, membership) -> Iterator[Problem]:
    """Every problem of a file, checked again while the caller consumes them (the CSV
    download). Opening the file raises ValidationError as `parse_csv` does."""
    source = open_csv(data)
    return (item for item in check_csv(source, network, membership) if isinstance(item, Problem))


def check_csv(source: CsvSource, network, membership) -> Iterator[Problem | ImportRow]:
    """The problems and good rows of the file, in file order, one at a time."""
    _ = functools.cache(gettext)  # the same few messages, for up to MAX_ROWS rows
    header_row, header, records = source.table()
    found = False
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if not name:
            continue
        if name in positions:
            found = True
            yield Problem(header_row, name, _("Deze kolom staat twee keer in de kopregel."))
        elif name not in COLUMNS:
            found = True
            yield Problem(
                header_row,
                raw.strip(),
                _("Onbekende kolom. Gebruik de kolommen uit het sjabloon."),
            )
        else:
            positions[name] = index
    for name in REQUIRED:
        if name not in positions:
            found = True
            yield Problem(header_row, name, _("Deze verplichte kolom ontbreekt in de kopregel."))
    if any(name not in positions for name in REQUIRED):
        return
    providers = list(queries.providers_for(network, membership))
    by_name = {p.organisation.name.strip().lower(): p for p in providers}
    rows = 0
    for number, record in records:
        row_problems: list[Problem] = []
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
            row_problems.append(Problem(number, "aanbieder", _("Vul de aanbieder in.")))
        elif provider is None:
            row_problems.append(
                Problem(
                    number,
                    "aanbieder",
                    _(
                        "Onbekende aanbieder '%(value)s': dit is geen actieve partner van het "
                        "netwerk waarvoor je aanbod mag invoeren."
                    )
                    % {"value": shorten(provider_name)},
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
            row_problems.append(
                Problem(
                    number,
                    "wachtlijst",
                    _("Ongeldige waarde '%(value)s': gebruik ja of nee.")
                    % {"value": shorten(cell("wachtlijst"))},
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
                            "value": shorten(cell(column)),
                            "choices": ", ".join(choices),
                        }
                    row_problems.append(Problem(number, column, message))
        if row_problems:
            found = True
            yield from row_problems
        elif provider is not None:
            rows += 1
            yield ImportRow(number, provider, form.service_fields())
    if not rows and not found:
        yield Problem(header_row + 1, "", _("Er staat geen aanbod in het bestand."))


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
