"""The collaboration graph stays readable with many partners (issue 14, item 4).

At 60 partners the labels are still at least 12 px on screen, the drawing grows to give them
room, and the focus mode shows one partner with its direct partners only.
"""

import random
from datetime import timedelta

from django.utils import timezone
from django_scopes import scope
from playwright.sync_api import expect

from e2e.conftest import SCREENSHOTS
from tests.factories import PartnerFactory

NETWORK = "/n/gezond-oost"


def _grow_to(count: int):
    """Add partners (and meetings between them) until the demo network has `count`."""
    from wijknet.core import analysis
    from wijknet.meetings.models import Attendance, Meeting
    from wijknet.networks.models import Network, Partner

    network = Network.objects.get(slug="gezond-oost")
    rng = random.Random(14)
    with scope(network=network):
        partners = list(Partner.objects.filter(network=network, left_on__isnull=True))
        while len(partners) < count:
            partners.append(
                PartnerFactory(network=network, organisation__name=f"Wijkpartner {len(partners)}")
            )
        for index in range(count // 2):
            meeting = Meeting.objects.create(
                network=network,
                kind="network",
                title=f"Overleg {index}",
                starts_at=timezone.now() - timedelta(days=3 + index),
            )
            for partner in rng.sample(partners, 3):
                Attendance.objects.create(
                    network=network, meeting=meeting, partner=partner, present=True
                )
    analysis.recompute(network)


def _shoot(page, name):
    """The drawing itself (the full page is long at 60 partners)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("#graph").screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _rendered_label_sizes(page):
    return page.evaluate(
        """() => {
          const cy = document.getElementById('graph')._cyreg.cy;
          return cy.nodes().map((n) => parseFloat(n.renderedStyle('font-size')));
        }"""
    )


def test_sixty_partners_readable_with_a_focus_mode(logged_in, browser_log):
    page = logged_in
    _grow_to(60)
    page.goto(f"{NETWORK}/samenwerking/")
    page.wait_for_function(
        "() => document.getElementById('graph')._cyreg"
        " && document.getElementById('graph')._cyreg.cy.nodes().length >= 60"
    )
    page.wait_for_timeout(300)
    sizes = _rendered_label_sizes(page)
    assert len(sizes) >= 60 and min(sizes) >= 12, sorted(sizes)[:5]
    box = page.locator("#graph").bounding_box()
    assert box["height"] >= 600, box
    _shoot(page, "graph-60-partners")

    picker = page.locator("#graph-focus")
    expect(picker).to_be_visible()
    # A partner with a few direct partners (the layout is deterministic, the data seeded).
    name, degree = page.evaluate(
        """() => {
          const cy = document.getElementById('graph')._cyreg.cy;
          const n = cy.nodes().filter((x) => x.degree(false) >= 2 && x.degree(false) <= 6)[0];
          return [n.data('label'), n.neighborhood('node').length];
        }"""
    )
    picker.get_by_label("Eén partner uitlichten").select_option(label=name)
    expect(page.locator("#graph-focus-status")).to_contain_text(f"{name} werkt direct samen met")
    page.wait_for_timeout(400)
    faded = page.evaluate("() => document.getElementById('graph')._cyreg.cy.nodes('.faded').length")
    assert faded == 60 - 1 - degree  # all but the partner and its direct partners fade
    assert min(_rendered_label_sizes(page)) >= 12
    _shoot(page, "graph-60-partners-focus")
    picker.get_by_role("button", name="Alles tonen").click()
    expect(page.locator("#graph-focus-status")).to_have_text("")


def test_nineteen_partners_at_phone_width(logged_in, browser_log):
    page = logged_in
    _grow_to(19)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{NETWORK}/samenwerking/")
    page.wait_for_function("() => document.getElementById('graph')._cyreg")
    page.wait_for_timeout(300)
    assert min(_rendered_label_sizes(page)) >= 12
    _shoot(page, "graph-19-partners-phone")


def test_partners_without_a_connection_are_named_not_drawn(logged_in, browser_log):
    """Loose dots under the drawing said nothing and their labels collided (issue 14)."""
    page = logged_in
    page.goto(f"{NETWORK}/samenwerking/")
    page.wait_for_function("() => document.getElementById('graph')._cyreg")
    loose = page.evaluate(
        """() => {
          const cy = document.getElementById('graph')._cyreg.cy;
          return cy.nodes().filter((n) => n.degree(false) === 0).map((n) => [
            n.data('label'), n.visible()]);
        }"""
    )
    assert loose, "the demo network has partners without a connection"
    assert not any(visible for _, visible in loose)
    line = page.locator("#graph-isolated")
    expect(line).to_be_visible()
    for name, _ in loose:
        expect(line).to_contain_text(name)
    name = loose[0][0]
    page.locator("#graph-focus").get_by_label("Eén partner uitlichten").select_option(label=name)
    expect(page.locator("#graph-focus-status")).to_have_text(f"{name} heeft nog geen verbindingen.")
