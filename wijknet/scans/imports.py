"""Importing answers from paper forms as a CSV file (as DementieNet did).

The file: a header row `respondent,rol,sector,<item key>,<item key>,…` and one row per paper
form. `respondent` is a free label per form (not stored; only used to spot a form entered twice),
`rol` and `sector` are optional, answers are 1–5 or `weet niet`/`wn`/`0`. Every form must answer
every statement of the round, as an online submission must.

`parse_csv` checks everything and reports every problem per row and column; only a file without
problems reaches `responses_import`, which stores all rows or none.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijknet.core import audit
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Sector
from wijknet.networks.roles import Role

from .models import ScanAnswer, ScanResponse
from .services import round_items

RESPONDENT, ROLE, SECTOR = "respondent", "rol", "sector"
FIXED_COLUMNS = (RESPONDENT, ROLE, SECTOR)
DONT_KNOW_VALUES = {"weet niet", "wn", "0", "weet niet / n.v.t.", "n.v.t."}
COMMENT = "#"  # a row whose first cell starts with # is skipped (the template's statements)
MAX_BYTES = 2 * 1024 * 1024
ACTION = "scan.paper_imported"


@dataclass
class Problem:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    respondent: str
    role: str
    sector: str
    answers: dict[int, int | None]  # item id → 1–5 or None (weet niet)


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def item_columns(round_) -> dict[str, object]:
    """Column name → item for the round, in the order of the answer form. The column is the
    item's key; should two instruments of one round share a key, it becomes `instrument/key`."""
    items = list(round_items(round_).select_related("instrument"))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.key] = counts.get(item.key, 0) + 1
    return {
        (f"{item.instrument.key}/{item.key}" if counts[item.key] > 1 else item.key): item
        for item in items
    }


def template_rows(round_) -> list[list[str]]:
    """The template: the header, then a comment row with each statement (skipped on import)."""
    columns = item_columns(round_)
    return [
        [*FIXED_COLUMNS, *columns],
        [f"{COMMENT} {_('stelling')}", "", "", *(item.text for item in columns.values())],
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
        pass
    try:
        # Excel on Windows saves "CSV (gescheiden door lijstscheidingsteken)" as Windows-1252.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError(
            _("De tekens in dit bestand zijn niet te lezen. Sla het op als 'CSV UTF-8'.")
        ) from None


def _delimiter(first_line: str) -> str:
    """Comma, or the semicolon of Excel with Dutch settings, or a tab."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _answer(raw: str) -> tuple[bool, int | None]:
    """(valid, value) for one cell that is not empty."""
    text = raw.strip().lower()
    if text in DONT_KNOW_VALUES:
        return True, None
    if text in {"1", "2", "3", "4", "5"}:
        return True, int(text)
    return False, None


def parse_csv(data: bytes, round_) -> ParseResult:
    """Check a whole file against the round; raises ValidationError if it is not a CSV file at
    all, else returns the rows and every problem found (an empty list: safe to import)."""
    if not data.strip():
        raise ValidationError(_("Het bestand is leeg."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Het bestand is groter dan 2 MB; dat is geen antwoordbestand."))
    text = _decode(data)
    result = ParseResult(sha256=hashlib.sha256(data).hexdigest())
    problems = result.problems
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line)))
    except csv.Error as error:
        raise ValidationError(
            _("Dit bestand is geen geldige CSV: %(error)s") % {"error": error}
        ) from None
    # Row numbers as the spreadsheet shows them; blank lines before the header do not count.
    numbered = [(n, r) for n, r in enumerate(records, start=1)]
    while numbered and not any(cell.strip() for cell in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raise ValidationError(_("Het bestand is leeg."))
    header_row, header = numbered[0]
    columns = item_columns(round_)
    names = [cell.strip() for cell in header]
    positions: dict[str, int] = {}
    unnamed = []
    canonical = {key.lower(): key for key in [*FIXED_COLUMNS, *columns]}
    for index, name in enumerate(names):
        key = canonical.get(name.lower(), name)
        if not name:
            unnamed.append(index)
        elif key in positions:
            problems.append(
                Problem(header_row, name, _("Deze kolom staat twee keer in de kopregel."))
            )
        elif key not in FIXED_COLUMNS and key not in columns:
            problems.append(
                Problem(
                    header_row,
                    name,
                    _("Onbekende vraag: deze code hoort niet bij de scans van deze ronde."),
                )
            )
        else:
            positions[key] = index
    if RESPONDENT not in positions:
        problems.append(
            Problem(
                header_row,
                RESPONDENT,
                _("De kolom 'respondent' ontbreekt; die hoort als eerste in de kopregel."),
            )
        )
    absent = [key for key in columns if key not in positions]
    for key in absent:
        problems.append(
            Problem(
                header_row,
                key,
                _("Deze vraag ontbreekt in de kopregel; elk formulier moet alle vragen hebben."),
            )
        )
    if RESPONDENT not in positions:
        return result  # without labels the rows cannot be told apart
    roles = set(Role.values)
    sectors = set(Sector.values)
    seen: dict[str, int] = {}
    for number, record in numbered[1:]:
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue  # blank lines, e.g. at the end of an Excel export
        if cells[0].startswith(COMMENT):
            continue
        extra = [
            cells[i] for i in range(len(cells)) if cells[i] and (i >= len(names) or i in unnamed)
        ]
        if extra:
            problems.append(
                Problem(number, "", _("Deze rij heeft waarden in een kolom zonder kopje."))
            )

        def cell(key, cells=cells):
            index = positions.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        label = cell(RESPONDENT)
        if not label:
            problems.append(
                Problem(number, RESPONDENT, _("Vul een label in voor dit papieren formulier."))
            )
        elif label.lower() in seen:
            problems.append(
                Problem(
                    number,
                    RESPONDENT,
                    _("Respondent '%(label)s' staat ook al in rij %(row)s.")
                    % {"label": label, "row": seen[label.lower()]},
                )
            )
        else:
            seen[label.lower()] = number
        role = cell(ROLE).lower()
        if role and role not in roles:
            problems.append(
                Problem(
                    number,
                    ROLE,
                    _("Onbekende rol '%(value)s'. Kies uit: %(choices)s.")
                    % {"value": cell(ROLE), "choices": ", ".join(Role.values)},
                )
            )
        sector = cell(SECTOR).lower()
        if sector and sector not in sectors:
            problems.append(
                Problem(
                    number,
                    SECTOR,
                    _("Onbekende sector '%(value)s'. Kies uit: %(choices)s.")
                    % {"value": cell(SECTOR), "choices": ", ".join(Sector.values)},
                )
            )
        answers = {}
        for key, item in columns.items():
            if key not in positions:
                continue  # already reported once, for the header
            raw = cell(key)
            if not raw:
                problems.append(
                    Problem(number, key, _("Geen antwoord. Vul 1 tot 5 in, of 'weet niet' (wn)."))
                )
                continue
            valid, value = _answer(raw)
            if not valid:
                problems.append(
                    Problem(
                        number,
                        key,
                        _(
                            "Ongeldig antwoord '%(value)s': gebruik 1 tot 5, "
                            "of 'weet niet', 'wn' of '0'."
                        )
                        % {"value": raw},
                    )
                )
                continue
            answers[item.pk] = value
        result.rows.append(ImportRow(number, label, role, sector, answers))
    if not result.rows and not problems:
        problems.append(
            Problem(header_row + 1, "", _("Er staan geen ingevulde formulieren in het bestand."))
        )
    if not problems:
        previous = already_imported(round_, result.sha256)
        if previous is not None:
            problems.append(
                Problem(
                    header_row,
                    "",
                    _(
                        "Dit bestand is al eens geïmporteerd in deze ronde (op %(date)s). "
                        "Er is niets opnieuw toegevoegd."
                    )
                    % {"date": timezone.localtime(previous.created_at).strftime("%d-%m-%Y %H:%M")},
                )
            )
    return result


def already_imported(round_, sha256: str):
    """The audit event of an earlier import of exactly this file into this round, if any."""
    if not sha256:
        return None
    return (
        AuditEvent.objects.filter(
            network=round_.network,
            action=ACTION,
            object_id=str(round_.pk),
            data__file_sha256=sha256,
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def responses_import(*, acting_user, round_, rows: list[ImportRow], file_sha256: str = ""):
    """Store paper forms as submitted responses (source "paper", no invitation): all or nothing.

    Also allowed after the round closed: paper forms can arrive late. The rows are checked
    again here, so a caller that skipped `parse_csv` cannot store half a form.
    """
    if not rows:
        raise ValidationError(_("Er staan geen ingevulde formulieren in het bestand."))
    valid_items = set(round_items(round_).values_list("pk", flat=True))
    roles, sectors = set(Role.values), set(Sector.values)
    for row in rows:
        if set(row.answers) != valid_items:
            raise ValidationError(
                _("Rij %(row)s beantwoordt niet precies de vragen van deze ronde.")
                % {"row": row.row}
            )
        if any(v is not None and not 1 <= v <= 5 for v in row.answers.values()):
            raise ValidationError(
                _("Rij %(row)s: een antwoord moet tussen 1 en 5 liggen.") % {"row": row.row}
            )
        if (row.role and row.role not in roles) or (row.sector and row.sector not in sectors):
            raise ValidationError(_("Rij %(row)s: onbekende rol of sector.") % {"row": row.row})
    if already_imported(round_, file_sha256) is not None:
        raise ValidationError(_("Dit bestand is al eens geïmporteerd in deze ronde."))
    now = timezone.now()
    responses = ScanResponse.objects.bulk_create(
        ScanResponse(
            network=round_.network,
            round=round_,
            invitation=None,
            role=row.role,
            sector=row.sector,
            source="paper",
            submitted_at=now,
        )
        for row in rows
    )
    ScanAnswer.objects.bulk_create(
        ScanAnswer(network=round_.network, response=response, item_id=item_id, value=value)
        for response, row in zip(responses, rows, strict=True)
        for item_id, value in row.answers.items()
    )
    audit.record(
        actor=acting_user,
        network=round_.network,
        action=ACTION,
        obj=round_,
        summary=ngettext(
            "%(n)s papieren formulier geïmporteerd in scanronde %(label)s",
            "%(n)s papieren formulieren geïmporteerd in scanronde %(label)s",
            len(rows),
        )
        % {"n": len(rows), "label": round_.label},
        data={"responses": len(rows), "file_sha256": file_sha256},
    )
    return responses
