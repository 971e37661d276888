"""CSV cells a spreadsheet will not run as a formula (CSV/formula injection).

Text that starts with =, +, -, @, a tab or a carriage return is read by Excel and LibreOffice
as a formula; such a cell gets a leading single quote, so it shows as the text it is. Use it
for every cell of an export that can hold user-entered text. Numbers written as Python numbers
(int, float, Decimal) stay numbers: -3 is a number, not a formula.
"""

from collections.abc import Iterable
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value for a csv.writer cell: None → "", numbers unchanged, text made safe."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_row(values: Iterable) -> list:
    """Every cell of a row through safe_cell."""
    return [safe_cell(value) for value in values]
