"""Importing answers from paper forms as a CSV file (as DementieNet did).

The file: a header row `respondent,rol,sector,<item key>,<item key>,…` and one row per paper
form. `respondent` is a free label per form (not stored; only used to spot a form entered twice),
`rol` and `sector` are optional, answers are 1–5 or `weet niet`/`wn`/`0`. Every form must answer
every statement of the round, as an online submission must.

`parse_csv` checks everything and reports the problems per row and column (the first 100 and a
count; `problems()` streams all of them for the CSV download); only a file without problems
reaches `responses_import`, which stores all rows or none. Limits and streaming:
`wijknet/core/imports.py`.
"""

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.imports import CsvSource, Problem, ProblemReport, open_csv, shorten
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Sector
from wijknet.networks.roles import Role

from .models import ScanAnswer, ScanResponse
from .services import round_items

RESPONDENT, ROLE, SECTOR = "respondent", "rol", "sector"
FIXED_COLUMNS = (RESPONDENT, ROLE, SECTOR)
DONT_KNOW_VALUES = {"weet niet", "wn", "0", "weet niet / n.v.t.", "n.v.t."}
COMMENT = "#"  # a row whose first cell starts with # is skipped (the template's statements)
ACTION = "scan.paper_imported"


@dataclass
class ImportRow:
    row: int
    respondent: str
    role: str
    sector: str
    answers: dict[int, int | None]  # item id → 1–5 or None (weet niet)


@dataclass
class ParseResult:
    """The rows of a file without problems; else the first problems and a count of all."""

    rows: list[ImportRow] = field(default_factory=list)
    report: ProblemReport = field(default_factory=ProblemReport)
    sha256: str = ""

    @property
    def problems(self) -> list[Problem]:
        """The problems shown (the first SHOWN_PROBLEMS); `report.total` counts them all."""
        return self.report.shown

    @property
    def ok(self) -> bool:
        return self.report.ok


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


def _answer(raw: str) -> tuple[bool, int | None]:
    """(valid, value) for one cell that is not empty."""
    text = raw.strip().lower()
    if text in DONT_KNOW_VALUES:
        return True, None
    if text in {"1", "2", "3", "4", "5"}:
        return True, int(text)
    return False, None


def parse_csv(data, round_) -> ParseResult:
    """Check a whole file (an UploadedFile, or bytes) against the round; raises ValidationError
    if it is not a CSV file at all (or too big, or too long), else returns the rows (only when
    there is no problem) and a bounded report of the problems found."""
    source = open_csv(data)
    result = ParseResult(sha256=source.sha256)
    for item in check_csv(source, round_):
        if isinstance(item, Problem):
            result.report.add(item)
            result.rows = []  # nothing will be imported: do not keep them
        elif result.report.ok:
            result.rows.append(item)
    return result


def problems(data, round_) -> Iterator[Problem]:
    """Every problem of a file, checked again while the caller consumes them (the CSV
    download). Opening the file raises ValidationError as `parse_csv` does."""
    source = open_csv(data)
    return (item for item in check_csv(source, round_) if isinstance(item, Problem))


def check_csv(source: CsvSource, round_) -> Iterator[Problem | ImportRow]:
    """The problems and good rows of the file, in file order, one at a time."""
    _ = functools.cache(gettext)  # the same few messages, for up to MAX_ROWS rows
    header_row, header, records = source.table()
    found = False  # a problem was yielded
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
            found = True
            yield Problem(header_row, name, _("Deze kolom staat twee keer in de kopregel."))
        elif key not in FIXED_COLUMNS and key not in columns:
            found = True
            yield Problem(
                header_row,
                name,
                _("Onbekende vraag: deze code hoort niet bij de scans van deze ronde."),
            )
        else:
            positions[key] = index
    if RESPONDENT not in positions:
        found = True
        yield Problem(
            header_row,
            RESPONDENT,
            _("De kolom 'respondent' ontbreekt; die hoort als eerste in de kopregel."),
        )
    absent = [key for key in columns if key not in positions]
    for key in absent:
        found = True
        yield Problem(
            header_row,
            key,
            _("Deze vraag ontbreekt in de kopregel; elk formulier moet alle vragen hebben."),
        )
    if RESPONDENT not in positions:
        return  # without labels the rows cannot be told apart
    roles = set(Role.values)
    sectors = set(Sector.values)
    role_choices, sector_choices = ", ".join(Role.values), ", ".join(Sector.values)
    seen: dict[str, int] = {}
    rows = 0
    for number, record in records:
        row_problems: list[Problem] = []
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue  # blank lines, e.g. at the end of an Excel export
        if cells[0].startswith(COMMENT):
            continue
        extra = [
            cells[i] for i in range(len(cells)) if cells[i] and (i >= len(names) or i in unnamed)
        ]
        if extra:
            row_problems.append(
                Problem(number, "", _("Deze rij heeft waarden in een kolom zonder kopje."))
            )

        def cell(key, cells=cells):
            index = positions.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        label = cell(RESPONDENT)
        if not label:
            row_problems.append(
                Problem(number, RESPONDENT, _("Vul een label in voor dit papieren formulier."))
            )
        elif label.lower() in seen:
            row_problems.append(
                Problem(
                    number,
                    RESPONDENT,
                    _("Respondent '%(label)s' staat ook al in rij %(row)s.")
                    % {"label": shorten(label), "row": seen[label.lower()]},
                )
            )
        else:
            seen[label.lower()] = number
        role = cell(ROLE).lower()
        if role and role not in roles:
            row_problems.append(
                Problem(
                    number,
                    ROLE,
                    _("Onbekende rol '%(value)s'. Kies uit: %(choices)s.")
                    % {"value": shorten(cell(ROLE)), "choices": role_choices},
                )
            )
        sector = cell(SECTOR).lower()
        if sector and sector not in sectors:
            row_problems.append(
                Problem(
                    number,
                    SECTOR,
                    _("Onbekende sector '%(value)s'. Kies uit: %(choices)s.")
                    % {"value": shorten(cell(SECTOR)), "choices": sector_choices},
                )
            )
        answers = {}
        for key, item in columns.items():
            if key not in positions:
                continue  # already reported once, for the header
            raw = cell(key)
            if not raw:
                row_problems.append(
                    Problem(number, key, _("Geen antwoord. Vul 1 tot 5 in, of 'weet niet' (wn)."))
                )
                continue
            valid, value = _answer(raw)
            if not valid:
                row_problems.append(
                    Problem(
                        number,
                        key,
                        _(
                            "Ongeldig antwoord '%(value)s': gebruik 1 tot 5, "
                            "of 'weet niet', 'wn' of '0'."
                        )
                        % {"value": shorten(raw)},
                    )
                )
                continue
            answers[item.pk] = value
        if row_problems:
            found = True
            yield from row_problems
        else:
            rows += 1
            yield ImportRow(number, label, role, sector, answers)
    if not rows and not found:
        found = True
        yield Problem(header_row + 1, "", _("Er staan geen ingevulde formulieren in het bestand."))
    if not found:
        previous = already_imported(round_, source.sha256)
        if previous is not None:
            yield Problem(
                header_row,
                "",
                _(
                    "Dit bestand is al eens geïmporteerd in deze ronde (op %(date)s). "
                    "Er is niets opnieuw toegevoegd."
                )
                % {"date": timezone.localtime(previous.created_at).strftime("%d-%m-%Y %H:%M")},
            )


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
