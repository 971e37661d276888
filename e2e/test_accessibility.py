"""axe-core (WCAG 2.1 A and AA) finds no serious or critical violation on any page of the
network navigation, the account pages and the network list — at 320 px and at desktop width.

axe-core comes with the `axe-playwright-python` dev dependency (its bundled axe.min.js), so the
suite needs no npm.
"""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

import axe_playwright_python  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EXTRA = [
    "/netwerken/",
    "/account/meldingen/",
    "/account/tweestapsverificatie/",
    "/account/api-sleutels/",
]


def _serious(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: tags, resultTypes: ['violations']})",
        RULESETS,
    )
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
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
        violations = _serious(page)
        if violations:
            found[path] = violations
    assert found == {}, f"serious or critical axe violations at {width} px: {found}"
