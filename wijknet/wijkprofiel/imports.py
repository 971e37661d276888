"""Reading a CBS Kerncijfers or GGD Gezondheidsmonitor CSV as CBS publishes it.

One pass over the file (core/imports.py: size checked first, streamed, at most `MAX_ROWS`
rows). The header decides which columns are read (`indicators.column_key`): known indicator
columns, the code and name columns, and a few CBS helper columns; every other column is
skipped and named in the report. A row with a problem (no valid code, a value that is not a
number) is reported and left out; the other rows are imported. The report is bounded
(`ProblemReport`). Lines starting with `#` are remarks; a remark with the word VOORBEELD marks
the file's figures as example figures (the demo's sample files).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijknet.core.imports import Problem, ProblemReport, open_csv, shorten

from . import indicators as ind
from .codes import AreaLevel, level_of, normalise

# The upload page is bounded by FILE_UPLOAD_HARD_LIMIT (8 MB); the command reads bigger files
# (the whole country's Kerncijfers is about 15 MB).
UPLOAD_MAX_BYTES = 8 * 1024 * 1024
COMMAND_MAX_BYTES = 60 * 1024 * 1024
MAX_ROWS = 30_000
SHOWN_COLUMNS = 50
EXAMPLE_MARK = "VOORBEELD"
MISSING = frozenset({"", ".", "-", "x", "?", "nvt", "n.v.t."})
_KIND_WORDS = {
    "gemeente": AreaLevel.GEMEENTE,
    "wijk": AreaLevel.WIJK,
    "buurt": AreaLevel.BUURT,
    "land": AreaLevel.LAND,
}


@dataclass
class ParsedAreaData:
    rows: int = 0
    areas: dict = field(default_factory=dict)  # code → (level, name, municipality name)
    # (code, indicator key, year) → value; a later row of the same key wins
    figures: dict = field(default_factory=dict)
    years: set = field(default_factory=set)
    sources: set = field(default_factory=set)
    skipped_columns: list = field(default_factory=list)
    skipped_column_total: int = 0
    skipped_rows: int = 0  # other margins or age groups of the Gezondheidsmonitor
    example: bool = False
    sha256: str = ""
    report: ProblemReport = field(default_factory=ProblemReport)


def parse_number(text: str) -> float | None:
    """A CBS value: '.' or empty is missing (None); '38,5' and '38.5' are 38.5; '1.234,5' is
    1234.5. Raises ValueError for anything else."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if text.lower() in MISSING:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def _year_of(period: str) -> int | None:
    digits = period.strip()[:4]
    return int(digits) if len(digits) == 4 and digits.isdigit() else None


def parse(source, *, year: int | None = None, max_bytes: int = UPLOAD_MAX_BYTES):
    """Read the file (an UploadedFile or bytes). Raises ValidationError for a file that cannot
    be read at all (too big, not a CSV, no code column, no known column, no year)."""
    csv_source = open_csv(source, max_bytes=max_bytes, max_rows=MAX_ROWS)
    parsed = ParsedAreaData(sha256=csv_source.sha256)
    _header_row, header, rows = _skip_remarks(csv_source, parsed)
    try:
        return _parse_rows(parsed, header, rows, year)
    finally:
        rows.close()


def _parse_rows(parsed, header, rows, year):
    keys = [ind.column_key(name) for name in header]
    # Codering first: WijkenEnBuurten holds the name instead of the code in some downloads.
    code_columns = [i for c in ind.CODE_COLUMNS for i, k in enumerate(keys) if k == c]
    if not code_columns:
        raise ValidationError(
            _(
                "Geen kolom met de CBS-code gevonden (zoals WijkenEnBuurten of Codering_3). "
                "Download het bestand van CBS met de codes van de gebieden."
            ),
            code="no_code_column",
        )
    position = {k: i for i, k in reversed(list(enumerate(keys)))}
    indicator_columns = [(i, ind.BY_COLUMN[k]) for i, k in enumerate(keys) if k in ind.BY_COLUMN]
    if not indicator_columns:
        raise ValidationError(
            _(
                "Geen enkele bekende kolom gevonden. Zie de handleiding (docs/wijkprofiel.md) "
                "voor de kolommen die wijknet leest."
            ),
            code="no_known_column",
        )
    known = (
        set(ind.CODE_COLUMNS)
        | set(ind.NAME_COLUMNS)
        | set(ind.BY_COLUMN)
        | ind.HELPER_COLUMNS
        | ind.IGNORED_COLUMNS
        | {ind.MUNICIPALITY_NAME, ind.KIND_COLUMN, ind.PERIOD_COLUMN}
        | {ind.MARGIN_COLUMN, ind.AGE_COLUMN}
    )
    for name, key in zip(header, keys, strict=True):
        if key not in known and name.strip():
            parsed.skipped_column_total += 1
            if len(parsed.skipped_columns) < SHOWN_COLUMNS:
                parsed.skipped_columns.append(shorten(name.strip(), 80))
    period_at = position.get(ind.PERIOD_COLUMN)
    if period_at is None and year is None:
        raise ValidationError(
            _(
                "Het bestand heeft geen kolom Perioden; geef het jaar van de cijfers op "
                "(bijvoorbeeld 2024)."
            ),
            code="no_year",
        )
    helpers = {k: position.get(k) for k in ind.HELPER_COLUMNS | {"aantalinwoners"}}
    columns = _Columns(
        codes=code_columns,
        names=[position[k] for k in ind.NAME_COLUMNS if k in position],
        municipality=position.get(ind.MUNICIPALITY_NAME),
        kind=position.get(ind.KIND_COLUMN),
        period=period_at,
        margin=position.get(ind.MARGIN_COLUMN),
        age=position.get(ind.AGE_COLUMN),
        helpers=helpers,
        indicators=indicator_columns,
        header=header,
    )
    for number, record in rows:
        if not any(cell.strip() for cell in record):
            continue
        if record[0].lstrip().startswith("#"):
            _remark(record, parsed)
            continue
        parsed.rows += 1
        _read_row(number, record, columns, year, parsed)
    return parsed


@dataclass
class _Columns:
    codes: list
    names: list
    municipality: int | None
    kind: int | None
    period: int | None
    margin: int | None
    age: int | None
    helpers: dict
    indicators: list
    header: list


def _remark(record, parsed: ParsedAreaData) -> None:
    if EXAMPLE_MARK in " ".join(record).upper():
        parsed.example = True


def _skip_remarks(csv_source, parsed):
    number, header, rows = csv_source.table()
    while header and header[0].lstrip().startswith("#"):
        _remark(header, parsed)
        number, header = next(rows, (number, []))
        if not header:
            raise ValidationError(_("Het bestand heeft geen kopregel."), code="no_header")
    return number, header, rows


def _cell(record, index):
    if index is None or index >= len(record):
        return ""
    return record[index].strip()


def _read_row(number, record, columns: _Columns, year, parsed: ParsedAreaData) -> None:
    report = parsed.report
    margin = _cell(record, columns.margin).lower()
    age = _cell(record, columns.age).lower()
    if (columns.margin is not None and margin and margin != ind.MARGIN_VALUE) or (
        columns.age is not None and age and age not in ind.AGE_ADULTS
    ):
        parsed.skipped_rows += 1
        return
    code = ""
    for index in columns.codes:
        candidate = normalise(_cell(record, index))
        if level_of(candidate):
            code = candidate
            break
    if not code:
        shown = next((_cell(record, i) for i in columns.codes if _cell(record, i)), "")
        report.add(
            Problem(
                number,
                columns.header[columns.codes[0]],
                _("'%(code)s' is geen CBS-gebiedscode (GM…, WK…, BU… of NL00).")
                % {"code": shorten(shown, 20)}
                if shown
                else _("De CBS-code ontbreekt."),
            )
        )
        return
    row_year = year
    if columns.period is not None:
        row_year = _year_of(_cell(record, columns.period)) or year
        if row_year is None:
            report.add(
                Problem(
                    number,
                    columns.header[columns.period],
                    _("'%(value)s' is geen jaar (zoals 2024JJ00).")
                    % {"value": shorten(_cell(record, columns.period), 20)},
                )
            )
            return
    level = level_of(code)
    kind_text = _cell(record, columns.kind).lower()
    if kind_text in _KIND_WORDS and _KIND_WORDS[kind_text] != level:
        report.add(
            Problem(
                number,
                columns.header[columns.kind],
                _("De soort regio '%(kind)s' past niet bij de code %(code)s.")
                % {"kind": shorten(kind_text, 20), "code": code},
            )
        )
        return
    name = ""
    for index in columns.names:
        value = _cell(record, index)
        if value and not level_of(normalise(value)):
            name = value[:200]
            break
    values = {}
    bad = False
    for index, indicator in columns.indicators:
        try:
            value = parse_number(_cell(record, index))
        except ValueError:
            report.add(
                Problem(
                    number,
                    columns.header[index],
                    _("'%(value)s' is geen getal.") % {"value": shorten(_cell(record, index))},
                )
            )
            bad = True
            continue
        if value is not None:
            values[indicator.key] = (value, indicator.source)
    if bad:
        return
    helpers = {}
    for key, index in columns.helpers.items():
        try:
            helpers[key] = parse_number(_cell(record, index)) if index is not None else None
        except ValueError:
            helpers[key] = None
    for key, (value, source) in values.items():
        value = _derived(key, value, helpers)
        if value is None:
            continue
        parsed.figures[(code, key, row_year)] = value
        parsed.sources.add(source)
    parsed.years.add(row_year)
    municipality = _cell(record, columns.municipality)[:200]
    if level == AreaLevel.GEMEENTE and not municipality:
        municipality = name
    parsed.areas[code] = (level, name, municipality)


def _share(value, parts, total):
    """A CBS count as a percentage: `value` is already one when the parts add up to about 100
    (tables before 2020), else it is divided by `total` (a number of people or households)."""
    known = [p for p in parts if p is not None]
    if len(known) == len(parts) and abs(sum(known) - 100) <= 2:
        return value
    if total:
        return round(100 * value / total, 1)
    return None


def _derived(key: str, value: float, helpers: dict) -> float | None:
    if key == "aandeel_65_plus":
        return _share(
            value, [helpers.get(k) for k in ind.AGE_GROUPS], helpers.get("aantalinwoners")
        )
    if key == "eenpersoonshuishoudens":
        return _share(
            value, [helpers.get(k) for k in ind.HOUSEHOLD_KINDS], helpers.get(ind.HOUSEHOLD_TOTAL)
        )
    return value
