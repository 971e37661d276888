"""The indicators wijknet reads from the CBS and GGD files, and how it recognises their columns.

CBS publishes its tables on StatLine / the open-data portal with column names that carry a
number suffix (`AantalInwoners_5`, `VoldoetAanBeweegrichtlijn_5`); the number is the column's
position in that year's table and changes between years. A column is recognised by its name
without that suffix, compared case-insensitively (`column_key`), against the names in
`columns` below. docs/wijkprofiel.md lists them.

An indicator is defined here, in code, not in the database: its label, unit and the phrase of
the sentence "wij werken aan …: 38% voldoet aan de beweegrichtlijn in deze wijk" are texts for
the page; its `key` is what figures, choices and goal links store.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CBS, GGD = "cbs", "ggd"
SOURCES = {
    CBS: _("CBS, Kerncijfers wijken en buurten"),
    GGD: _("GGD'en, CBS en RIVM, Gezondheidsmonitor Volwassenen en Ouderen"),
}

PERCENT, COUNT, NUMBER, THOUSAND_EURO = "percent", "count", "number", "thousand_euro"


@dataclass(frozen=True)
class Indicator:
    key: str
    source: str
    label: object  # lazy text
    unit: str
    columns: tuple[str, ...]  # lower-case column names without the numeric suffix
    phrase: object = ""  # "voldoet aan de beweegrichtlijn" (percent indicators)


INDICATORS: tuple[Indicator, ...] = (
    # CBS Kerncijfers wijken en buurten
    Indicator("inwoners", CBS, _("Inwoners"), COUNT, ("aantalinwoners",)),
    Indicator(
        "aandeel_65_plus",
        CBS,
        _("Inwoners van 65 jaar of ouder"),
        PERCENT,
        ("k_65jaarofouder",),
        _("is 65 jaar of ouder"),
    ),
    Indicator(
        "eenpersoonshuishoudens",
        CBS,
        _("Eenpersoonshuishoudens"),
        PERCENT,
        ("eenpersoonshuishoudens",),
        _("van de huishoudens is een eenpersoonshuishouden"),
    ),
    Indicator(
        "huishoudensgrootte",
        CBS,
        _("Gemiddelde huishoudensgrootte"),
        NUMBER,
        ("gemiddeldehuishoudensgrootte",),
    ),
    Indicator(
        "inkomen_per_inwoner",
        CBS,
        _("Gemiddeld inkomen per inwoner (× 1.000 euro)"),
        THOUSAND_EURO,
        ("gemiddeldinkomenperinwoner",),
    ),
    Indicator(
        "laag_inkomen",
        CBS,
        _("Huishoudens met een laag inkomen"),
        PERCENT,
        ("huishoudensmeteenlaaginkomen",),
        _("van de huishoudens heeft een laag inkomen"),
    ),
    Indicator(
        "bevolkingsdichtheid",
        CBS,
        _("Inwoners per km²"),
        COUNT,
        ("bevolkingsdichtheid",),
    ),
    # GGD/RIVM Gezondheidsmonitor (adults, 18 years or older)
    Indicator(
        "ervaren_gezondheid",
        GGD,
        _("Ervaart de eigen gezondheid als goed of zeer goed"),
        PERCENT,
        ("ervarengezondheidgoedzeergoed", "goedzeergoedervarengezondheid"),
        _("ervaart de eigen gezondheid als goed of zeer goed"),
    ),
    Indicator(
        "beweegrichtlijn",
        GGD,
        _("Voldoet aan de beweegrichtlijn"),
        PERCENT,
        ("voldoetaanbeweegrichtlijn",),
        _("voldoet aan de beweegrichtlijn"),
    ),
    Indicator(
        "wekelijks_sporten",
        GGD,
        _("Sport wekelijks"),
        PERCENT,
        ("wekelijksesporters",),
        _("sport wekelijks"),
    ),
    Indicator(
        "overgewicht",
        GGD,
        _("Overgewicht"),
        PERCENT,
        ("overgewicht",),
        _("heeft overgewicht"),
    ),
    Indicator(
        "ernstig_overgewicht",
        GGD,
        _("Ernstig overgewicht"),
        PERCENT,
        ("ernstigovergewicht",),
        _("heeft ernstig overgewicht"),
    ),
    Indicator("roken", GGD, _("Rookt"), PERCENT, ("roker",), _("rookt")),
    Indicator("eenzaam", GGD, _("Eenzaam"), PERCENT, ("eenzaam",), _("voelt zich eenzaam")),
    Indicator(
        "ernstig_eenzaam",
        GGD,
        _("Ernstig of zeer ernstig eenzaam"),
        PERCENT,
        ("ernstigzeerernstigeenzaam",),
        _("voelt zich ernstig of zeer ernstig eenzaam"),
    ),
    Indicator(
        "angst_depressie",
        GGD,
        _("Hoog risico op angststoornis of depressie"),
        PERCENT,
        ("hoogrisicoopangstofdepressie",),
        _("heeft een hoog risico op een angststoornis of depressie"),
    ),
    Indicator(
        "langdurige_aandoening",
        GGD,
        _("Eén of meer langdurige aandoeningen"),
        PERCENT,
        ("eenofmeerlangdurigeaandoeningen",),
        _("heeft één of meer langdurige aandoeningen"),
    ),
    Indicator(
        "beperkt_gezondheid",
        GGD,
        _("Beperkt vanwege gezondheid"),
        PERCENT,
        ("beperktvanwegegezondheid",),
        _("is beperkt vanwege de eigen gezondheid"),
    ),
    Indicator(
        "mantelzorger",
        GGD,
        _("Geeft mantelzorg"),
        PERCENT,
        ("mantelzorger",),
        _("geeft mantelzorg"),
    ),
)

BY_KEY: dict[str, Indicator] = {indicator.key: indicator for indicator in INDICATORS}
BY_COLUMN: dict[str, Indicator] = {
    column: indicator for indicator in INDICATORS for column in indicator.columns
}
CHOICES = [(indicator.key, indicator.label) for indicator in INDICATORS]

# Columns that say which row this is, or which part of a table; not figures.
CODE_COLUMNS = ("codering", "wijkenenbuurten", "regios", "regiocode")
NAME_COLUMNS = ("regioaanduiding", "wijkenenbuurten", "regios")
MUNICIPALITY_NAME = "gemeentenaam"
KIND_COLUMN = "soortregio"
PERIOD_COLUMN = "perioden"
MARGIN_COLUMN = "marges"
AGE_COLUMN = "leeftijd"
# Read but not stored: row numbers, and CBS's own remarks on the area.
IGNORED_COLUMNS = frozenset({"id", "indelingswijzigingwijkenenbuurten"})
# The CBS age groups of the Kerncijfers: together they are all inhabitants. Before 2020 CBS
# published them as percentages, since then as numbers of people (docs/wijkprofiel.md).
AGE_GROUPS = ("k_0tot15jaar", "k_15tot25jaar", "k_25tot45jaar", "k_45tot65jaar", "k_65jaarofouder")
HOUSEHOLD_TOTAL = "huishoudenstotaal"
HOUSEHOLD_KINDS = (
    "eenpersoonshuishoudens",
    "huishoudenszonderkinderen",
    "huishoudensmetkinderen",
)
# The Gezondheidsmonitor publishes a value and its margins; wijknet reads the value (MW00000).
MARGIN_VALUE = "mw00000"
# ... for adults (18 years or older: CBS code 80200); other age groups are skipped.
AGE_ADULTS = ("80200", "18 jaar of ouder")
HELPER_COLUMNS = frozenset(AGE_GROUPS + (HOUSEHOLD_TOTAL,) + HOUSEHOLD_KINDS)

_SUFFIX = re.compile(r"_\d+$")


def column_key(name: str) -> str:
    """A column's name as wijknet compares it: without the numeric suffix, lower case, no
    surrounding spaces or quotes (`AantalInwoners_5` → `aantalinwoners`)."""
    return _SUFFIX.sub("", name.strip().strip('"').strip()).lower()


def get(key: str) -> Indicator | None:
    return BY_KEY.get(key)
