"""Notation in Dutch and English: numbers, money, hours and the one date style."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from wijknet.core import formatting


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("nl", 25000, "25.000"),
        ("en", 25000, "25,000"),
        ("nl", 1.5, "1,5"),
        ("en", 1.5, "1.5"),
        ("nl", Decimal("1250.50"), "1.250,5"),
        ("nl", 1234567, "1.234.567"),
        ("nl", 0, "0"),
        ("nl", None, "—"),
    ],
)
def test_number(language, value, expected):
    with translation.override(language):
        assert formatting.number(value) == expected


def test_number_with_fixed_decimals():
    with translation.override("nl"):
        assert formatting.number(2.456, 1) == "2,5"
    with translation.override("en"):
        assert formatting.number(12345.5, 2) == "12,345.50"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("nl", 25000, "€\u00a025.000"),
        ("en", 25000, "€25,000"),
        ("nl", Decimal("1250.50"), "€\u00a01.250,50"),
        ("en", Decimal("1250.50"), "€1,250.50"),
        ("nl", Decimal("25000.00"), "€\u00a025.000"),
    ],
)
def test_money(language, value, expected):
    with translation.override(language):
        assert formatting.money(value) == expected


def test_hours_have_a_decimal_comma_in_dutch():
    with translation.override("nl"):
        assert formatting.hours(1.5) == "1,5 uur"
        assert formatting.hours(Decimal("2.00")) == "2 uur"


def test_one_date_style():
    day = datetime.date(2026, 12, 3)
    moment = datetime.datetime(2026, 12, 3, 13, 5, tzinfo=datetime.UTC)
    with translation.override("nl"):
        assert formatting.day(day) == "3 december 2026"
        assert formatting.moment(moment) == "3 december 2026, 14:05"  # Europe/Amsterdam
        # Django's own |date without a format follows the same style.
        assert Template("{{ d|date }}").render(Context({"d": day})) == "3 december 2026"
    with translation.override("en"):
        assert formatting.day(day) == "3 December 2026"


def test_template_filters():
    template = Template(
        "{% load wijknet %}{{ a|money }}|{{ n|number }}|{{ h|hours }}|{{ d|day }}|{{ x|number:1 }}"
    )
    context = Context({"a": 25000, "n": 1200, "h": 1.5, "d": datetime.date(2026, 1, 9), "x": 3})
    with translation.override("nl"):
        assert template.render(context) == "€\u00a025.000|1.200|1,5 uur|9 januari 2026|3,0"
