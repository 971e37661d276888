"""End-to-end: the main journeys of a coordinator, in a real headless Chromium.

Run with `.venv/bin/python -m pytest e2e -q`; screenshots land in e2e/screenshots/.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"


def test_login_lands_on_dashboard_with_static_files(logged_in, screenshot):
    page = logged_in
    expect(page.locator("header .network-name")).to_have_text("Gezond Oost")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezond Oost")
    expect(page.get_by_role("heading", name="Voortgang per fase")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # The stylesheet and htmx came from the live server's static handler and were applied.
    stylesheet = page.request.get("/static/css/wijknet.css")
    assert stylesheet.ok, stylesheet.status
    assert "text/css" in stylesheet.headers["content-type"]
    assert page.request.get("/static/vendor/htmx.min.js").ok
    assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 0
    page.wait_for_function("() => window.htmx !== undefined")
    screenshot("01-dashboard")


def test_add_partner_then_filter_the_list(logged_in, screenshot):
    page = logged_in
    page.goto(f"{NETWORK}/partners/nieuw/")
    expect(page.get_by_role("heading", name="Partner toevoegen")).to_be_visible()
    form = page.locator("main form[method=post]")
    form.get_by_label("Naam nieuwe organisatie").fill("Fietsmaatjes Oost")
    form.locator("select[name=sector]").select_option("welzijn")
    form.locator("select[name=role]").select_option("partner")
    form.locator("input[name=contributions][value=vrijwilligers]").check()
    screenshot("02-partner-form")
    form.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(re.compile(rf"{NETWORK}/partners/[0-9a-f-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fietsmaatjes Oost")
    expect(page.locator(".messages .message.success")).to_contain_text(
        "Fietsmaatjes Oost is toegevoegd als partner."
    )
    screenshot("03-partner-detail")

    page.goto(f"{NETWORK}/partners/")
    results = page.locator("#partner-results")
    expect(results.get_by_role("link", name="Fietsmaatjes Oost")).to_be_visible()
    rows_before = results.locator("tbody tr").count()
    sectors_before = set(results.locator("tbody tr td:nth-child(2)").all_inner_texts())
    assert len(sectors_before) > 1, sectors_before

    # Live filter: htmx swaps #partner-results and pushes the filter into the URL.
    page.evaluate("() => { window.__notReloaded = true; }")
    with page.expect_response(
        lambda r: "sector=welzijn" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.locator("form.filters select[name=sector]").select_option("welzijn")
    expect(page).to_have_url(re.compile(r"[?&]sector=welzijn(&|$)"))
    sector_cells = page.locator("#partner-results tbody tr td:nth-child(2)")
    expect(sector_cells.first).to_have_text("Welzijn")
    # Wait until the swap is complete: every remaining row is a welzijn partner.
    page.wait_for_function(
        """() => {
          const cells = [...document.querySelectorAll('#partner-results tbody tr td:nth-child(2)')];
          return cells.length > 0 && cells.every((td) => td.textContent.trim() === 'Welzijn');
        }"""
    )
    expect(
        page.locator("#partner-results").get_by_role("link", name="Fietsmaatjes Oost")
    ).to_be_visible()
    assert set(sector_cells.all_inner_texts()) == {"Welzijn"}
    assert sector_cells.count() < rows_before
    # The page itself was not reloaded: htmx swapped only the results.
    assert page.evaluate("() => window.__notReloaded === true")
    screenshot("04-partner-list-filtered")


def test_mark_step_done(logged_in, screenshot):
    page = logged_in
    page.goto(f"{NETWORK}/stappenplan/")
    phase = page.locator("#fase-vormgeven")
    expect(phase.get_by_role("heading", level=2)).to_contain_text("Netwerk vormgeven")
    open_step = phase.locator("ul.steps li").filter(has_not=page.locator(".badge.done")).first
    title = open_step.locator("a").inner_text()
    expect(open_step.locator(".badge")).not_to_have_text("Gereed")
    screenshot("05-roadmap-before")
    open_step.locator("a").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.locator("input[name=status][value=done]").check()
    page.locator("textarea[name=note]").fill("Afgerond in het kernteamoverleg (e2e-test).")
    screenshot("06-step-form")
    page.locator("main form[method=post]").get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(re.compile(rf"{NETWORK}/stappenplan/$"))
    expect(page.locator(".messages .message.success")).to_contain_text(f"Stap bijgewerkt: {title}.")
    step_item = page.locator("#fase-vormgeven ul.steps li").filter(
        has=page.get_by_role("link", name=title, exact=True)
    )
    expect(step_item.locator(".badge")).to_have_text("Gereed")
    expect(step_item.locator(".badge")).to_have_class(re.compile(r"\bdone\b"))
    screenshot("07-roadmap-after")


def _english_catalogue_translates(msgid: str) -> bool:
    from django.utils import translation

    with translation.override("en"):
        return translation.gettext(msgid) != msgid


def test_switch_language_to_english(logged_in, screenshot):
    page = logged_in
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    footer = page.locator("footer form.language-form")
    footer.locator("select#language").select_option("en")
    footer.get_by_role("button", name="Wijzig taal").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"{NETWORK}/$"))
    # Same word in Dutch and English, so this holds whether or not the catalogue is compiled.
    nav = page.get_by_role("navigation", name=re.compile("Netwerk|Network"))
    expect(nav.get_by_role("link", name="Partners")).to_be_visible()
    expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
    # Only once the English catalogue (wijknet/locale/en/LC_MESSAGES/django.mo) is compiled.
    if _english_catalogue_translates("Voortgang per fase"):
        expect(page.get_by_role("heading", name="Progress per phase")).to_be_visible()
    screenshot("08-dashboard-english")

    # The choice sticks (language cookie) on the next page.
    page.goto(f"{NETWORK}/partners/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_other_network_is_not_found(logged_in, screenshot):
    page = logged_in
    response = page.goto("/n/zuiderveen/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Deze pagina bestaat niet")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Zuiderveen")
    screenshot("09-other-network-404")
