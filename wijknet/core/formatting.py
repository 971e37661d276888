"""Numbers, money, hours and dates as people read them: the one place that decides notation.

Dutch: 25.000 · € 25.000 · € 1.250,50 · 1,5 uur · 3 december 2026.
English: 25,000 · €25,000 · €1,250.50 · 1.5 hours · 3 December 2026.

Templates use the filters of the `wijknet` tag library (`number`, `money`, `hours`, `day`,
`moment`), charts call these functions directly. The date style itself lives in the format
modules (`wijknet/formats/<language>/formats.py`: DATE_FORMAT, DATETIME_FORMAT), so Django's
own `|date` without an argument and forms agree with it.

Thousands are always grouped here (also without USE_THOUSAND_SEPARATOR, which would group
years and ids in every template too).
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext

NBSP = "\u00a0"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _rounded(amount: Decimal, decimals: int) -> Decimal:
    # Django's number_format cuts decimals off; people expect 2,456 to read as 2,5.
    return amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value, decimals: int | None = None) -> str:
    """A number in the active language, thousands grouped: 25.000 / 25,000; 1,5 / 1.5.

    With `decimals` None, whole numbers show without decimals and others with at most two
    (trailing zeros dropped): 1,5 not 1,50. A missing value is a dash.
    """
    amount = _decimal(value)
    if amount is None:
        return "—"
    if decimals is None:
        if amount == amount.to_integral_value():
            decimals = 0
        else:
            decimals = 2
            amount = _rounded(amount, 2)
            text = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
            sep = formats.get_format("DECIMAL_SEPARATOR")
            return text.rstrip("0").rstrip(sep) if sep in text else text
    return formats.number_format(
        _rounded(amount, decimals), decimals, use_l10n=True, force_grouping=True
    )


def money(value) -> str:
    """An amount in euros: € 25.000 and € 1.250,50 in Dutch, €25,000 and €1,250.50 in English.

    Whole amounts have no cents; others always two decimals.
    """
    amount = _decimal(value)
    if amount is None:
        return "—"
    decimals = 0 if amount == amount.to_integral_value() else 2
    text = formats.number_format(
        _rounded(amount, decimals), decimals, use_l10n=True, force_grouping=True
    )
    if (get_language() or "nl").startswith("nl"):
        return f"€{NBSP}{text}"
    return f"€{text}"


def hours(value) -> str:
    """Hours with their unit: 1,5 uur / 1.5 hours; 1 uur / 1 hour."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    count = 1 if amount == 1 else 2
    return ngettext("%(hours)s uur", "%(hours)s uur", count) % {"hours": number(amount)}


def day(value) -> str:
    """A date in the one date style of the app (DATE_FORMAT): 3 december 2026."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not isinstance(value, date):
        return str(value)
    return formats.date_format(value, "DATE_FORMAT")


def moment(value) -> str:
    """A date with time in the app's style (DATETIME_FORMAT): 3 december 2026, 14:05."""
    if not value:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    return day(value)
