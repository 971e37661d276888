"""The navigation at phone (390 px, 320 px) and desktop (1366 px) width: no sideways scrolling on
the start page and a list page, the menu button opens and closes the menu, the account menu holds
the account items."""

import re
import shutil
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
START = f"{NETWORK}/mijn-werk/"  # the start page ("Mijn werk")
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


def assert_no_sideways_scroll(page, width):
    assert page.evaluate(SCROLL_WIDTH) <= page.evaluate("() => window.innerWidth") == width


@pytest.mark.parametrize("width", [390, 1366])
def test_start_page_and_list_page_fit_and_the_menu_works(logged_in, screenshot, width):
    page = logged_in
    page.set_viewport_size({"width": width, "height": 900})
    menu_button = page.get_by_role("button", name="Menu")
    menu = page.locator("nav#site-nav")  # role queries skip it while it is hidden
    expect(menu).to_have_attribute("aria-label", "Netwerk")
    for path in (START, f"{NETWORK}/partners/"):
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        assert_no_sideways_scroll(page, width)
        if width < 960:
            expect(menu_button).to_be_visible()
            expect(menu_button).to_have_attribute("aria-expanded", "false")
            expect(menu).to_be_hidden()
            menu_button.click()
            expect(menu_button).to_have_attribute("aria-expanded", "true")
            expect(menu.get_by_role("link", name="Partners")).to_be_visible()
            assert_no_sideways_scroll(page, width)
            page.keyboard.press("Escape")
            expect(menu).to_be_hidden()
            expect(menu_button).to_be_focused()
        else:
            expect(menu_button).to_be_hidden()
            expect(menu.get_by_role("link", name="Partners")).to_be_visible()
    # The current page is marked in the menu.
    expect(menu.locator('a[aria-current="page"]')).to_have_text("Partners")
    # Account items live in the account menu.
    account = page.get_by_role("navigation", name="Account")
    expect(account.get_by_role("button", name="Uitloggen")).to_be_hidden()
    account.locator("summary").click()
    expect(account.get_by_role("link", name="Voorkeuren")).to_be_visible()
    expect(account.get_by_role("link", name="Tweestapsverificatie")).to_be_visible()
    expect(account.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_no_sideways_scroll(page, width)
    page.mouse.click(5, 600)  # a click elsewhere closes it
    expect(account.get_by_role("button", name="Uitloggen")).to_be_hidden()


def test_menu_without_javascript_stays_reachable(browser, live_server, demo):
    """Without JavaScript the menu button is not shown and the menu is simply open."""
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    page.goto("/account/inloggen/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill("coordinator@demo.wijknet.nl")
    form.locator("input[name=password]").fill("wijknet-demo")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/account/inloggen/)"))
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    menu = page.get_by_role("navigation", name="Netwerk")
    expect(menu.get_by_role("link", name="Partners")).to_be_visible()
    assert page.evaluate(SCROLL_WIDTH) <= 390
    context.close()


def test_screenshots_for_the_docs(logged_in, screenshot):
    """docs/screenshots/: the start page at 320 px (menu open) and 1366 px, a list at 320 px."""
    page = logged_in
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = []
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(START)
    page.wait_for_load_state("networkidle")
    screenshot("navigation-1366")
    shots.append("navigation-1366")
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{NETWORK}/partners/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(SCROLL_WIDTH) <= 320
    screenshot("partners-320")
    shots.append("partners-320")
    page.get_by_role("button", name="Menu").click()
    screenshot("navigation-menu-open-320")
    shots.append("navigation-menu-open-320")
    source = Path(__file__).resolve().parent / "screenshots"
    for name in shots:
        shutil.copy(source / f"{name}.png", DOCS_SCREENSHOTS / f"{name}.png")
