"""End-to-end: pages print cleanly on A4 (static/css/print.css), in a real headless Chromium
with print media emulated: no navigation, headings kept with what follows, charts not split,
nothing wider than the paper. And a report asked for on the reports page is listed with its PDF.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK_SLUG = "gezond-oost"
A4_WIDTH_PX = 718  # 210 mm minus 2 × 16 mm margins at 96 dpi


def test_pages_print_on_a4_without_navigation(logged_in, scan_content):
    page = logged_in
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    for path in ("signalen/", "scans/", "rapportages/"):
        page.goto(f"/n/{NETWORK_SLUG}/{path}")
        expect(page.locator(".site-header")).to_be_hidden()
        expect(page.locator(".network-nav")).to_be_hidden()
        styles = page.evaluate(
            """() => [...document.querySelectorAll('main h1, main h2, main h3')]
                .map(h => getComputedStyle(h).breakAfter)"""
        )
        assert styles and set(styles) == {"avoid"}, (path, styles)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= A4_WIDTH_PX, (path, wide)
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()


def test_a_report_is_made_and_listed_with_its_pdf(logged_in, scan_content):
    page = logged_in
    page.goto(f"/n/{NETWORK_SLUG}/rapportages/")
    page.get_by_label("Voor financiers (alleen totalen)").check()
    # Tasks run at once in the tests (in production the worker makes it and the row polls):
    # the answer to this POST waits for the whole report.
    page.get_by_role("button", name="Rapportage maken").click(timeout=120_000)
    link = page.get_by_role("link", name="PDF downloaden")
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        link.click()
    assert re.fullmatch(
        r"rapportage-gezond-oost-funder-\d{4}-\d\d-\d\d\.pdf", download.value.suggested_filename
    )
    page.get_by_role("link", name="Bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezond Oost")
    page.emulate_media(media="print")
    chart = page.locator("svg.chart").first
    expect(chart).to_be_visible()
    assert chart.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
