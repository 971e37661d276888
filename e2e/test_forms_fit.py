"""A form at phone (390 px) and desktop (1366 px) width (issue 14): no sideways scrolling, not
with its error messages either, and it can be filled in and sent."""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", [390, 1366])
def test_new_action_form_fits_and_can_be_sent(logged_in, screenshot, width):
    page = logged_in
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{NETWORK}/acties/nieuw/")
    form = page.locator("main form").filter(has=page.locator("input[name=title]"))
    expect(form).to_be_visible()
    assert page.evaluate(FITS)
    # Sent empty: the browser's own check stops it, so turn that off to see the server's errors.
    form.evaluate("f => f.noValidate = true")
    form.locator("button[type=submit]").click()
    expect(page.locator("main .errorlist, main [role=alert]").first).to_be_visible()
    assert page.evaluate(FITS)
    screenshot(f"action-form-errors-{width}")
    form = page.locator("main form").filter(has=page.locator("input[name=title]"))
    form.locator("input[name=title]").fill(f"Flyers rondbrengen ({width} px)")
    form.locator("select[name=owner]").select_option(index=1)
    form.locator("input[name=due_on]").fill("2026-12-31")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{NETWORK}/doelen/$"))
    expect(page.locator(".message.success")).to_contain_text(f"Flyers rondbrengen ({width} px)")
    expect(
        page.get_by_role("cell", name=f"Flyers rondbrengen ({width} px)", exact=True)
    ).to_be_visible()
    assert page.evaluate(FITS)
