import pytest
from django.template.loader import render_to_string
from django.utils import translation

from wijknet.core.charts import horizontal_bars, percent


def test_bars_scale_to_the_largest_value_and_keep_order():
    chart = horizontal_bars(
        [("Gemeente", 2), ("Sport", 4), ("Politie", 0)], title="T", width=560, label_width=220
    )
    widths = [bar.width for bar in chart["bars"]]
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.2) and widths[2] == 0.0
    # The longest bar leaves room right of it for its value.
    assert 220 + widths[1] < 560 - 12
    assert [bar.label for bar in chart["bars"]] == ["Gemeente", "Sport", "Politie"]


def test_svg_escapes_labels_and_does_not_localise_numbers():
    chart = horizontal_bars([("<script>", 1), ("B", 3)], title="Titel", width=560, label_width=220)
    with translation.override("nl"):
        svg = render_to_string("core/charts/bars.svg", {"chart": chart, "chart_id": "c"})
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    # A Dutch decimal comma would break the SVG: every geometry attribute is a plain number.
    import re

    for attr in re.findall(r' (?:x|y|width|height)="([^"%]+)"', svg):
        float(attr)
    assert '<title id="c-title">Titel</title>' in svg


def test_percent():
    assert (percent(1, 3), percent(0, 0), percent(2, 2)) == (33, 0, 100)


def test_label_column_fits_the_longest_label():
    long_label = "Paramedisch (fysio, diëtist, ergo)"
    chart = horizontal_bars([(long_label, 1), ("GGZ", 2)], title="T", width=640)
    from wijknet.core.charts import text_width

    assert chart["label_width"] >= text_width(long_label)
    assert chart["label_width"] <= 320


def _render(chart, name="bars"):
    return render_to_string(f"core/charts/{name}.svg", {"chart": chart, "chart_id": "c"})


def test_funding_chart_writes_euros_with_a_thousands_separator_and_room_for_them():
    from wijknet.core import formatting
    from wijknet.core.charts import text_width

    chart = horizontal_bars(
        [("Subsidie", 25000), ("Eigen bijdrage", 1250)],
        title="T",
        value_format=formatting.money,
    )
    with translation.override("nl"):
        chart = horizontal_bars(
            [("Subsidie", 25000), ("Eigen bijdrage", 1250)],
            title="T",
            value_format=formatting.money,
        )
        svg = _render(chart)
    assert "€\u00a025.000" in svg and ">2500<" not in svg
    widest = chart["bars"][0]
    # The value text right of the longest bar ends inside the viewBox.
    assert widest.text_x + text_width(widest.value_text) <= chart["width"]


def test_long_bar_labels_wrap_inside_the_label_column():
    from wijknet.core.charts import text_width

    label = "Welzijn, maatschappelijke dienstverlening en mantelzorgondersteuning in de wijk"
    chart = horizontal_bars([(label, 3), ("GGZ", 1)], title="T", width=640)
    bar = chart["bars"][0]
    assert len(bar.lines) == 2
    assert all(text_width(line) <= chart["label_x"] for line in bar.lines)
    svg = _render(chart)
    assert f"<title>{label}</title>" in svg


def test_text_width_is_generous_for_wide_characters():
    from wijknet.core.charts import text_width

    assert text_width("MMMM") > text_width("iiii") * 2
    assert text_width("25.000") >= 6 * 13 * 0.45


def test_radar_gives_labels_room_on_both_sides_and_a_legend_for_an_overlay():
    from wijknet.core.charts import LINE_HEIGHT, radar, text_width

    axes = [
        "Gedeelde ambitie en visie op de wijk, gedragen door alle partners",
        "Kartrekker",
        "Rollen, taken en verantwoordelijkheden helder voor iedereen",
        "Financiering",
    ]
    chart = radar(
        axes, [("Nu", [3, 4, 2, 5], "current"), ("Vorig jaar", [2, 3, 3, 4], "previous")], title="T"
    )
    for label in chart["labels"]:
        widest = max(text_width(line) for line in label["lines"])
        if label["anchor"] == "start":
            assert label["x"] + widest <= chart["width"]
        elif label["anchor"] == "end":
            assert label["x"] - widest >= 0
        # Wrapped labels above the web stay below the top of the viewBox (13 px ascent).
        assert label["y"] - 13 >= chart["top"]
        assert (
            label["y"] + LINE_HEIGHT * (len(label["lines"]) - 1) <= chart["top"] + chart["height"]
        )
    svg = _render(chart, "radar")
    assert "chart-legend" in svg and "Vorig jaar" in svg
    single = radar(axes, [("Nu", [3, 4, 2, 5], "current")], title="T")
    assert single["legend"] == []


def test_line_chart_legend_fits_the_longest_name():
    from wijknet.core.charts import lines, text_width

    chart = lines(
        ["Nulmeting 2024", "Na een jaar"], [("Samenwerking en vertrouwen", [3, 4])], title="T"
    )
    entry = chart["series"][0]
    assert chart["right_x"] + 22 + text_width(entry["label"]) <= chart["width"]
    assert chart["x_ticks"][0]["anchor"] == "start"
