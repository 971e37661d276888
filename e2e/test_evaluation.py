"""The evaluation page of the demo network: its figures, 320 px without sideways scrolling,
and printed without navigation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

URL = "/n/gezond-oost/evaluatie/"


def test_evaluation_page_fits_and_prints_without_navigation(page, demo, login_as, screenshot):
    login_as(page, "coordinator@demo.wijknet.nl")
    page.goto(URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Evaluatie: wat levert het netwerk op?"
    )
    # The demo has four residents measured twice: the averages are shown, per dimension.
    expect(page.locator('[data-dimension="meedoen"] td').first).to_have_text("4")
    screenshot("evaluation-01")
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate(
        "() => { const m = document.querySelector('main'); return m.scrollWidth - m.clientWidth; }"
    )
    assert overflow <= 0, overflow
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    for selector in (".network-nav", ".site-footer", "form.filters"):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("#ev-health-h")).to_be_visible()
    # One column: the content uses the page's width, not the hidden menu's column.
    width = page.evaluate("() => document.querySelector('main').getBoundingClientRect().width")
    assert width > 900, width
    screenshot("evaluation-02-print")
