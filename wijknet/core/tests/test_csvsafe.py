import csv
import io
import uuid
from decimal import Decimal

import pytest

from wijknet.core.csvsafe import safe_cell, safe_row


@pytest.mark.parametrize(
    "value",
    ["=HYPERLINK(1)", "+1", "-1+2", "@SUM(A1)", "\tTAB", "\rCR", "=", "-"],
)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    ["", "gewone tekst", "Jan = Piet", "a-b", "'=al veilig", " =spatie", "\n=nieuwe regel"],
)
def test_other_text_is_unchanged(value):
    assert safe_cell(value) == value


def test_none_is_an_empty_cell():
    assert safe_cell(None) == ""


@pytest.mark.parametrize("value", [-3, 0, 7, -1.5, 2.25, Decimal("-4.50")])
def test_numbers_stay_numbers(value):
    result = safe_cell(value)
    assert result == value
    assert type(result) is type(value)


def test_booleans_and_other_objects_become_text():
    assert safe_cell(True) == "True"
    some = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert safe_cell(some) == str(some)


def test_lazy_and_str_subclasses_are_made_safe():
    class Name(str):
        pass

    assert safe_cell(Name("=1+1")) == "'=1+1"


def test_safe_row_and_the_written_csv():
    row = safe_row(["=HYPERLINK(1)", -3, None, "Piet", Decimal("-1.25")])
    assert row == ["'=HYPERLINK(1)", -3, "", "Piet", Decimal("-1.25")]
    out = io.StringIO()
    csv.writer(out).writerow(row)
    assert out.getvalue() == "'=HYPERLINK(1),-3,,Piet,-1.25\r\n"


def test_safe_row_takes_any_iterable():
    assert safe_row(value for value in ("+31", 5)) == ["'+31", 5]
