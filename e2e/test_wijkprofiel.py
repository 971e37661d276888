"""The wijkprofiel in the browser: the demo network's example figures as SVG bars beside the
municipality and the Netherlands, labelled as examples, and the goal's start and latest figure."""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser


def test_wijkprofiel_page_and_goal_figures(logged_in, screenshot):
    page = logged_in
    page.goto("/n/gezond-oost/")
    page.get_by_role("link", name="Wijkprofiel").first.click()
    expect(page.get_by_role("heading", name="Wijkprofiel", level=1)).to_be_visible()
    chart = page.locator("svg.chart").first
    expect(chart).to_be_visible()
    expect(chart.locator("text.chart-value").first).to_have_text("38%")
    expect(page.get_by_text("voorbeeldcijfers, geen echte cijfers").first).to_be_visible()
    expect(
        page.get_by_text(
            "Wij werken aan Meer ouderen bewegen wekelijks: 38% voldoet aan de beweegrichtlijn "
            "in Oosterstad-Oost, landelijk 47%."
        )
    ).to_be_visible()
    screenshot("wijkprofiel")
    page.goto("/n/gezond-oost/doelen/")
    figures = page.locator(".goal-figures").first
    expect(figures).to_contain_text("bij de start 35,1% (2020)")
    expect(figures).to_contain_text("laatste import 38% (2022)")
