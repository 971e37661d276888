"""CBS area codes: gemeente GM + 4 digits, wijk WK + 6, buurt BU + 8 (the first four digits are
the gemeente's number), and the Netherlands as a whole NL00."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class AreaLevel(models.TextChoices):
    LAND = "land", gettext_lazy("Nederland")
    GEMEENTE = "gemeente", gettext_lazy("Gemeente")
    WIJK = "wijk", gettext_lazy("Wijk")
    BUURT = "buurt", gettext_lazy("Buurt")


NETHERLANDS = "NL00"
_PATTERNS = {
    AreaLevel.GEMEENTE: re.compile(r"GM\d{4}"),
    AreaLevel.WIJK: re.compile(r"WK\d{6}"),
    AreaLevel.BUURT: re.compile(r"BU\d{8}"),
    AreaLevel.LAND: re.compile(r"NL\d{2}"),
}


def normalise(code: str) -> str:
    """Upper case, without spaces (CBS pads codes with spaces in some downloads)."""
    return "".join(str(code).split()).upper()


def level_of(code: str) -> str | None:
    """The level of a normalised code, or None when it is not a CBS area code."""
    for level, pattern in _PATTERNS.items():
        if pattern.fullmatch(code):
            return level
    return None


def municipality_of(code: str) -> str | None:
    """The gemeente code of a wijk or buurt code (WK036301 → GM0363); a gemeente's own code."""
    level = level_of(code)
    if level in (AreaLevel.WIJK, AreaLevel.BUURT, AreaLevel.GEMEENTE):
        return "GM" + code[2:6]
    return None


def clean_link_code(raw: str) -> str:
    """A code a network may link to: a gemeente, wijk or buurt. Raises a Dutch ValidationError."""
    code = normalise(raw)
    if not code:
        raise ValidationError(_("Vul een CBS-code in, bijvoorbeeld WK036301."), code="empty")
    level = level_of(code)
    if level is None or level == AreaLevel.LAND:
        raise ValidationError(
            _(
                "'%(code)s' is geen CBS-gebiedscode. Een gemeente is GM met 4 cijfers "
                "(GM0363), een wijk WK met 6 cijfers (WK036301), een buurt BU met 8 cijfers "
                "(BU03630101)."
            )
            % {"code": code[:20]},
            code="format",
        )
    return code
