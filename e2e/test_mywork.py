"""'Mijn werk', the start page: login lands on it, its links lead where the work is done, the
dashboard is one click away, and its content fits a 320 px wide screen."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"


def test_login_lands_on_mijn_werk_which_links_to_the_work(page, demo, login_as, screenshot):
    login_as(page, "partner@demo.wijknet.nl")  # Sanne Bakker, physiotherapist
    expect(page).to_have_url(re.compile(rf"{NETWORK}/mijn-werk/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    incoming = page.locator("#mw-referrals-h").locator("xpath=..")
    expect(
        incoming.get_by_role("heading", name="Binnengekomen bij mijn organisatie")
    ).to_be_visible()
    screenshot("mywork-01-partner")
    # The main column reflows at 320 px (the header is the navigation's concern).
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate(
        "() => { const m = document.querySelector('main'); return m.scrollWidth - m.clientWidth; }"
    )
    assert overflow <= 0, overflow
    screenshot("mywork-02-partner-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Naar het netwerkdashboard").click()
    expect(page).to_have_url(re.compile(rf"{NETWORK}/$"))
    page.go_back()
    page.locator("#mw-actions-h").locator("xpath=..").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"{NETWORK}/acties/[0-9a-f-]+/voortgang/$"))
