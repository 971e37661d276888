"""Every page in the network navigation works at 320 px wide: the page never scrolls sideways
(wide tables scroll inside their own box)."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"


def test_no_page_in_the_navigation_scrolls_sideways_at_320px(logged_in, screenshot):
    page = logged_in
    page.set_viewport_size({"width": 320, "height": 800})
    links = page.locator("nav.network-nav a")
    paths = [links.nth(i).get_attribute("href") for i in range(links.count())]
    paths = [p for p in paths if p and p.startswith(NETWORK)]
    assert len(paths) >= 10, paths  # the whole navigation, not an empty menu
    too_wide = {}
    for path in [*paths, "/netwerken/"]:
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    assert too_wide == {}, f"pages wider than 320 px: {too_wide}"
    page.goto(f"{NETWORK}/partners/")
    expect(page).to_have_url(re.compile(r"/partners/$"))
    screenshot("small-screen-partners-320")
