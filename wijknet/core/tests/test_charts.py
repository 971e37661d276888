from django.template.loader import render_to_string
from django.utils import translation

from wijknet.core.charts import horizontal_bars, percent


def test_bars_scale_to_the_largest_value_and_keep_order():
    chart = horizontal_bars(
        [("Gemeente", 2), ("Sport", 4), ("Politie", 0)], title="T", width=560, label_width=220
    )
    widths = [bar.width for bar in chart["bars"]]
    assert widths == [150.0, 300.0, 0.0]
    assert [bar.label for bar in chart["bars"]] == ["Gemeente", "Sport", "Politie"]


def test_svg_escapes_labels_and_does_not_localise_numbers():
    chart = horizontal_bars([("<script>", 1), ("B", 3)], title="Titel", width=560, label_width=220)
    with translation.override("nl"):
        svg = render_to_string("core/charts/bars.svg", {"chart": chart, "chart_id": "c"})
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'width="100.0"' in svg  # a Dutch decimal comma would break the SVG
    assert '<title id="c-title">Titel</title>' in svg


def test_percent():
    assert (percent(1, 3), percent(0, 0), percent(2, 2)) == (33, 0, 100)


def test_label_column_fits_the_longest_label():
    long_label = "Paramedisch (fysio, diëtist, ergo)"
    chart = horizontal_bars([(long_label, 1), ("GGZ", 2)], title="T", width=640)
    assert chart["label_width"] >= 7 * len(long_label)
    assert chart["label_width"] <= 320
