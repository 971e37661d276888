"""The shared import helper: size before reading, streaming, row limit, bounded reports."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wijknet.core import imports
from wijknet.core.uploads import CappedTemporaryFileUploadHandler


class NeverRead(io.RawIOBase):
    """A 20 MB upload that fails the test when anything reads it."""

    size = 20 * 1024 * 1024

    def readable(self):
        return True

    def read(self, *args):
        raise AssertionError("the file was read")

    readinto = read


def test_a_file_over_the_limit_is_refused_by_its_size_before_reading():
    with pytest.raises(ValidationError) as raised:
        imports.open_csv(NeverRead())
    (message,) = raised.value.messages
    assert message.replace("\xa0", " ") == (
        "Het bestand is 20,0 MB groot; de grens is 2,0 MB. Splits het in kleinere bestanden "
        "en importeer ze een voor een."
    )


def test_a_file_bigger_than_its_size_says_is_still_refused_after_the_limit():
    class Liar(io.BytesIO):
        size = 10

    with pytest.raises(ValidationError) as raised:
        imports.open_csv(Liar(b"a,b\n" * 1000), max_bytes=1024)
    assert "groot; de grens is 1,0\xa0KB" in raised.value.messages[0]


def test_rows_are_streamed_with_encoding_and_delimiter_detected():
    upload = SimpleUploadedFile("x.csv", "\n\nNaam;Plaats\r\nÉén;Zeist\r\n".encode("cp1252"))
    source = imports.open_csv(upload)
    assert source.encoding == "cp1252"
    number, header, rows = source.table()
    assert (number, header) == (3, ["Naam", "Plaats"])
    assert list(rows) == [(4, ["Één", "Zeist"])]
    assert not upload.file.closed  # the text wrapper let go of the upload
    assert source.table()[1] == ["Naam", "Plaats"]  # and it can be read again


def test_utf8_with_bom():
    source = imports.open_csv("\ufeffa,b\n1,2\n".encode())
    assert source.encoding == "utf-8-sig"
    assert source.table()[1] == ["a", "b"]


def test_row_limit_stops_reading():
    source = imports.open_csv(b"a\n" + b"1\n" * 50, max_rows=10)
    _n, _header, rows = source.table()
    with pytest.raises(ValidationError, match="meer dan 10 rijen"):
        list(rows)


def test_a_broken_csv_is_a_dutch_error():
    source = imports.open_csv(b'a,b\n"1' + b"x" * 200_000 + b'"\n')
    with pytest.raises(ValidationError, match="geen geldige CSV: field larger than field limit"):
        list(source.table()[2])


def test_report_keeps_the_first_problems_and_counts_the_rest():
    report = imports.ProblemReport(limit=3)
    for row in range(2, 12):
        report.add(imports.Problem(row, "kolom", "fout"))
        report.add(imports.Problem(row, "ander", "fout"))
    assert [(p.row, p.column) for p in report.shown] == [(2, "kolom"), (2, "ander"), (3, "kolom")]
    assert (report.total, report.more, report.rows, report.ok) == (20, 17, 10, False)


def test_problem_and_values_are_cut():
    problem = imports.Problem(2, "k" * 1000, "m" * 100_000)
    assert len(problem.column) == imports.COLUMN_CHARS + 1
    assert len(problem.message) == imports.MESSAGE_CHARS + 1
    assert imports.shorten("x" * 100) == "x" * 60 + "…"
    assert imports.shorten_repr("y" * 100) == repr("y" * 60) + "…"
    assert imports.shorten_repr(["lol"] * 10**6) == "(een lijst)"
    assert imports.shorten_repr({"a": 1}) == "(een verzameling velden)"
    assert imports.shorten_repr(10**400) == "(een heel groot getal)"
    assert imports.shorten_repr(12) == "12"


def test_count_uses_dutch_grouping():
    assert imports.count(4212) == "4.212"


@override_settings(FILE_UPLOAD_HARD_LIMIT=100)
def test_the_upload_handler_keeps_the_size_but_not_more_than_the_hard_limit():
    handler = CappedTemporaryFileUploadHandler()
    handler.new_file("file", "x.csv", "text/csv", 1000)
    for start in range(0, 1000, 64):
        handler.receive_data_chunk(b"a" * 64, start)
    file = handler.file_complete(1024)
    assert file.size == 1024
    file.seek(0)
    assert file.read() == b"a" * 100
    file.close()
