"""At 320 px a wide table scrolls inside its own box; the keyboard must reach that box (axe
"scrollable-region-focusable", WCAG 2.1.1). nav.js makes such a table focusable, and only then."""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.browser

TABLES = """() => [...document.querySelectorAll("main table")].map(t => ({
    scrolls: t.scrollWidth > t.clientWidth + 1, tabindex: t.getAttribute("tabindex")}))"""


def test_a_table_that_scrolls_sideways_can_be_reached_by_keyboard(logged_in):
    page = logged_in
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/n/gezond-oost/samenwerking/")  # the partner table: names only, no links
    page.wait_for_load_state("networkidle")
    tables = page.evaluate(TABLES)
    assert any(t["scrolls"] for t in tables)
    assert all(t["tabindex"] == "0" for t in tables if t["scrolls"])
    # Wide enough again: no extra tab stops left behind.
    page.set_viewport_size({"width": 1366, "height": 800})
    page.wait_for_function("() => !document.querySelector('main table[data-scroll-focus]')")
    assert all(t["tabindex"] is None for t in page.evaluate(TABLES) if not t["scrolls"])
