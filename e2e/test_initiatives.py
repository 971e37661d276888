"""A resident (citizen member) brings in an idea, the kartrekker sees it in "Mijn werk"; the
public network page works anonymously at 320 px without sideways scrolling."""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser


def _fits(page, width=320):
    return page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_public_page_at_320px_without_login(page, demo, screenshot):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/wijk/gezond-oost/")
    expect(page.locator("h1")).to_have_text("Gezond Oost")
    expect(page.get_by_text("Repair café")).to_be_visible()
    expect(page.get_by_role("link", name="Inloggen en een idee inbrengen")).to_be_visible()
    assert _fits(page)
    screenshot("public-page-320")


def test_a_citizen_brings_in_an_idea_and_the_kartrekker_sees_it(page, demo, login_as):
    page.set_viewport_size({"width": 320, "height": 800})
    login_as(page, "burger@demo.wijknet.nl")
    page.goto("/n/gezond-oost/initiatieven/")
    assert _fits(page)
    page.get_by_role("link", name="Idee inbrengen").click()
    page.get_by_label("Wat is het idee?").fill("Schaakclub in de bibliotheek")
    page.get_by_label("Voor wie?").fill("Iedereen die wil leren schaken")
    page.get_by_role("button", name="Idee inbrengen").click()
    expect(page.locator("h1")).to_have_text("Schaakclub in de bibliotheek")
    expect(page.get_by_text("Nog geen reactie")).to_be_visible()
    assert _fits(page)
    page.context.clear_cookies()
    login_as(page, "coordinator@demo.wijknet.nl")
    page.goto("/n/gezond-oost/mijn-werk/")
    section = page.locator("section", has_text="Ideeën die op een reactie wachten")
    expect(section.get_by_role("link", name="Schaakclub in de bibliotheek")).to_be_visible()
    expect(section.get_by_text("reactie te laat")).to_have_count(1)  # the demo's late idea
    assert _fits(page)
