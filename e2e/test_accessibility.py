"""axe-core (WCAG 2.1 A and AA) finds no violation on any page of the network navigation, the
account pages, the network list and the client pages (with a second factor) — at 320 px and
at desktop width.

axe-core comes with the `axe-playwright-python` dev dependency (its bundled axe.min.js), so the
suite needs no npm.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

import axe_playwright_python  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
IMPACTS = ("minor", "moderate", "serious", "critical")
RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Exports (AVG JSON/HTML, FHIR) download a file instead of showing a page.
DOWNLOAD = re.compile(r"export|avg|fhir|\.[a-z]+$")
EXTRA = [
    "/netwerken/",
    "/account/meldingen/",
    "/account/tweestapsverificatie/",
    "/account/api-sleutels/",
]


def _violations(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: tags, resultTypes: ['violations']})",
        RULESETS,
    )
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in IMPACTS
    ]


def _paths(page) -> list[str]:
    links = page.locator("nav.network-nav a")
    paths = [links.nth(i).get_attribute("href") for i in range(links.count())]
    paths = [p for p in paths if p and p.startswith(NETWORK)]
    assert len(paths) >= 10, paths  # the whole navigation, not an empty menu
    return [*paths, *EXTRA]


@pytest.mark.parametrize("width", [320, 1280])
def test_no_serious_accessibility_violations(logged_in, width):
    page = logged_in
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for path in _paths(page):
        response = page.goto(path)
        assert response.ok, (path, response.status)
        expect(page.locator("main")).to_be_visible()
        page.wait_for_load_state("networkidle")
        violations = _violations(page)
        if violations:
            found[path] = violations
    assert found == {}, f"axe violations at {width} px: {found}"


def _verified(page, email):
    """Pass the second factor with a fresh authenticator for the demo user."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijknet.accounts.models import User

    user = User.objects.get(email=email)
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
    page.goto(f"{NETWORK}/clienten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invoeren")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.locator("input[name=code]").fill(f"{code:06d}")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Code invoeren")


@pytest.mark.parametrize("width", [320, 1280])
def test_client_pages_behind_the_second_factor(page, demo, login_as, width):
    """The demo coordinator is in a care team: the client list, a client and every page linked
    from it (plan, spider web, MDO, consent, access overview), with a verified second factor."""
    login_as(page, "coordinator@demo.wijknet.nl")
    _verified(page, "coordinator@demo.wijknet.nl")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{NETWORK}/clienten/")
    first = page.locator("main table a[href*='/clienten/']").first
    client = first.get_attribute("href")
    page.goto(client)
    hrefs = page.locator("main a[href^='/n/']").evaluate_all("(as) => as.map((a) => a.pathname)")
    # Pages only: exports download a file.
    paths = sorted({h for h in hrefs if h.startswith(client) and not DOWNLOAD.search(h)})
    assert len(paths) >= 3, paths
    found = {}
    for path in [f"{NETWORK}/clienten/", client, *paths]:
        response = page.goto(path)
        assert response.ok, (path, response.status)
        page.wait_for_load_state("networkidle")
        violations = _violations(page)
        if violations:
            found[path] = violations
    assert found == {}, f"axe violations on client pages at {width} px: {found}"
