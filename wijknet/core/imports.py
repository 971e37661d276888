"""Limits and helpers shared by every import (CSV uploads, the network file, future uploads).

An import must never let the size of its input decide how much memory, time or output it
takes. So every import:

- checks the size before it reads anything (`open_csv` uses `UploadedFile.size`; the network
  file `stat()`), and refuses a file that is too big with a clear Dutch message;
- streams its input (`CsvSource.table()` reads the CSV through a text wrapper over the file,
  never the whole file into one string) and stops after `MAX_ROWS` rows;
- keeps a bounded problem report (`ProblemReport`: the first `SHOWN_PROBLEMS` problems and a
  count of the rest); the full list is offered as a CSV download that checks the file again
  while it streams (`problems_csv_response`), so the list is never held in memory whole;
- never formats an unbounded value into a message: cell values and YAML values go through
  `shorten()` / `shorten_repr()`, and `Problem` cuts its column and message.
"""

import codecs
import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django_scopes import scope

from .csvsafe import safe_row

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
SHOWN_PROBLEMS = 100
SHOWN_CHARS = 60  # of one value in a message
MESSAGE_CHARS = 500  # of one problem's message
COLUMN_CHARS = 80  # of a column name in a problem
CHUNK = 64 * 1024
PROBLEMS_CSV_FIELD = "problems_csv"  # the name of the form's "all problems as CSV" button


def shorten(text, limit: int = SHOWN_CHARS) -> str:
    """Text for a message, cut at `limit` characters (ending in …)."""
    text = text if isinstance(text, str) else str(text)
    if len(text) > limit:
        return text[:limit] + "…"
    return text


def shorten_repr(value, limit: int = SHOWN_CHARS) -> str:
    """repr() of a parsed value for a message, bounded whatever the value: long text is cut,
    a list or mapping is named, not printed (it may be as big as the file)."""
    if isinstance(value, dict):
        return _("(een verzameling velden)")
    if isinstance(value, list | tuple | set):
        return _("(een lijst)")
    if isinstance(value, str):
        return repr(value[:limit]) + ("…" if len(value) > limit else "")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return _("(een heel groot getal)")
    return shorten(repr(value), limit)


def count(n: int) -> str:
    """A count as people write it: 4.212 (Dutch), 4,212 (English)."""
    return number_format(n, force_grouping=True)


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    message: str

    def __post_init__(self):
        object.__setattr__(self, "column", shorten(self.column, COLUMN_CHARS))
        object.__setattr__(self, "message", shorten(self.message, MESSAGE_CHARS))


@dataclass
class ProblemReport:
    """The first `limit` problems, and how many there are in all (and in how many rows)."""

    limit: int = SHOWN_PROBLEMS
    shown: list[Problem] = field(default_factory=list)
    total: int = 0
    _rows: set = field(default_factory=set)  # row numbers: at most MAX_ROWS of them

    def add(self, problem: Problem) -> None:
        self.total += 1
        self._rows.add(problem.row)
        if len(self.shown) < self.limit:
            self.shown.append(problem)

    @property
    def ok(self) -> bool:
        return self.total == 0

    @property
    def more(self) -> int:
        """Problems found but not shown."""
        return self.total - len(self.shown)

    @property
    def rows(self) -> int:
        return len(self._rows)

    def context(self) -> dict:
        """For the templates (core/_import_problems.html)."""
        return {
            "problems": self.shown,
            "problem_rows": self.rows,
            "problem_total": self.total,
            "problem_more": self.more,
            "problem_more_text": count(self.more),
            "problems_csv_field": PROBLEMS_CSV_FIELD,
        }


def check_size(size: int, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse a file by its size, before anything of it is read."""
    if size > max_bytes:
        raise ValidationError(
            _(
                "Het bestand is %(size)s groot; de grens is %(max)s. Splits het in kleinere "
                "bestanden en importeer ze een voor een."
            )
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_big",
        )


def _file_and_size(source):
    """(binary file, size) for bytes or an UploadedFile, without reading it."""
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source), len(source)
    size = source.size
    return getattr(source, "file", source), size


class CsvSource:
    """An uploaded CSV file, checked and ready to stream (`open_csv`)."""

    def __init__(self, file, encoding: str, sha256: str, max_rows: int):
        self.file = file
        self.encoding = encoding
        self.sha256 = sha256
        self.max_rows = max_rows

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        self.file.seek(0)
        text = io.TextIOWrapper(self.file, encoding=self.encoding, newline="")
        try:
            first = ""
            for line in text:
                # The first line that is neither blank nor a remark (#) decides the delimiter.
                if line.strip("\r\n") and not line.lstrip().startswith("#"):
                    first = line
                    break
            delimiter = _delimiter(first)
            text.seek(0)
            try:
                for number, record in enumerate(csv.reader(text, delimiter=delimiter), start=1):
                    if number > self.max_rows:
                        raise ValidationError(
                            _(
                                "Het bestand heeft meer dan %(max)s rijen. Splits het in "
                                "kleinere bestanden en importeer ze een voor een."
                            )
                            % {"max": count(self.max_rows)},
                            code="too_many_rows",
                        )
                    yield number, record
            except csv.Error as error:
                raise ValidationError(
                    _("Dit bestand is geen geldige CSV: %(error)s") % {"error": shorten(error, 200)}
                ) from None
        finally:
            text.detach()  # leave the upload open (Django closes it)

    def table(self) -> tuple[int, list[str], Iterator[tuple[int, list[str]]]]:
        """(header row number, header cells, the rows after it), read from the start; blank
        lines before the header do not count. Raises ValidationError for an empty file, a row
        too many or a broken CSV (the latter two while iterating)."""
        records = self._records()
        for number, record in records:
            if any(cell.strip() for cell in record):
                return number, record, records
        raise ValidationError(_("Het bestand is leeg."), code="empty")


def _delimiter(first_line: str) -> str:
    """Comma, or the semicolon of Excel with Dutch settings, or a tab."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def open_csv(source, *, max_bytes: int = MAX_UPLOAD_BYTES, max_rows: int = MAX_ROWS) -> CsvSource:
    """Check an uploaded CSV file (an UploadedFile, or bytes) without holding it whole.

    The size is checked first, from `UploadedFile.size`, before anything is read. Then one pass
    in chunks: not an Excel file, no NUL bytes (UTF-16 and other binary formats), text in UTF-8
    (with or without BOM) or else Windows-1252 (Excel's "CSV (gescheiden door
    lijstscheidingsteken)"), and the SHA-256 of the file. Raises ValidationError with a Dutch
    message for anything that is not a CSV file.
    """
    file, size = _file_and_size(source)
    check_size(size, max_bytes)
    file.seek(0)
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = is_cp1252 = True
    blank = True
    read = 0
    first = True
    while chunk := file.read(CHUNK):
        read += len(chunk)
        if read > max_bytes:  # the size was wrong: never read more than the limit
            check_size(read, max_bytes)
        if first and chunk.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise ValidationError(
                _(
                    "Dit is een Excel-bestand, geen CSV. Kies in Excel 'Opslaan als' en dan "
                    "'CSV UTF-8 (door komma's gescheiden)'."
                ),
                code="excel",
            )
        first = False
        if b"\x00" in chunk:
            raise ValidationError(
                _(
                    "Dit bestand is geen leesbare tekst (misschien UTF-16 of een ander formaat). "
                    "Sla het op als 'CSV UTF-8'."
                ),
                code="binary",
            )
        digest.update(chunk)
        blank = blank and not chunk.strip()
        if is_utf8:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                is_utf8 = False
        if is_cp1252:
            try:
                chunk.decode("cp1252")
            except UnicodeDecodeError:
                is_cp1252 = False
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    if blank:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if not is_utf8 and not is_cp1252:
        raise ValidationError(
            _("De tekens in dit bestand zijn niet te lezen. Sla het op als 'CSV UTF-8'."),
            code="encoding",
        )
    encoding = "utf-8-sig" if is_utf8 else "cp1252"
    return CsvSource(file, encoding, digest.hexdigest(), max_rows)


def scoped(items: Iterable, network) -> Iterator:
    """Iterate `items` inside the network's scope. A streaming response is consumed after the
    view returned, when the middleware's scope has ended."""
    with scope(network=network):
        yield from items


class _Echo:
    """A file-like for csv.writer that hands back each line instead of storing it."""

    def write(self, value):
        return value


def problems_csv_response(problems: Iterable[Problem], filename: str) -> StreamingHttpResponse:
    """Every problem as a CSV download, written while `problems` (a generator that checks the
    file again) produces them: the list is never held whole. A refusal halfway (too many rows,
    a broken CSV) becomes the last line."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([_("rij"), _("kolom"), _("probleem")])
        try:
            for problem in problems:
                yield writer.writerow(safe_row([problem.row, problem.column, problem.message]))
        except ValidationError as error:
            yield writer.writerow(safe_row(["", "", " ".join(error.messages)]))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
