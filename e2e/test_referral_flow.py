"""End-to-end: a closed-loop referral in a real headless Chromium.

Referral pages with personal data need the second factor (issue 6): each professional passes it
with a real TOTP code from their authenticator; the funnel does not need it. A GP-practice
member of Gezond Oost refers a resident to the sports club's offer (with the
resident's consent), the sports club moves the referral to 'gestart', the GP sees the feedback,
and the funnel (doorstroom) counts one more referral and one more start. Screenshots land in
e2e/screenshots/referral-*.png.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
GP_EMAIL = "petra.de.boer@demo.wijknet.nl"  # Huisartsenpraktijk Oosterpark (partner)
SPORT_EMAIL = "wim.hendriks@demo.wijknet.nl"  # Sportvereniging OVV (partner)
COORDINATOR_EMAIL = "coordinator@demo.wijknet.nl"  # kartrekker (Welzijn Oost)
OFFER = "Wandelvoetbal 60+"
RESIDENT = "Meneer Z. (e2e)"
DETAIL_URL = re.compile(rf"{NETWORK}/verwijzingen/[0-9a-f-]+/$")


@pytest.fixture
def referral_demo(demo):
    """The demo referrals, so the funnel has numbers above the privacy threshold (load_demo
    may already have loaded them)."""
    from wijknet.networks.models import Network
    from wijknet.referrals.demo import load_demo_referrals

    load_demo_referrals(Network.objects.get(slug="gezond-oost"))


def _device(email):
    """A confirmed authenticator for the demo user, as if they had set it up."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijknet.accounts.models import User

    user = User.objects.get(email=email)
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)


def _code(device):
    """The authenticator's code; a code works once, so a second login within the same 30
    seconds uses the next step's code (django-otp accepts one step of drift)."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.drift += max(0, device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def _second_factor(page, device):
    """On the code page (a personal-data page sent us there): enter the code, go back."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invoeren")
    page.locator("input[name=code]").fill(_code(device))
    page.locator("main form button[type=submit]").click()


def _funnel_counts(page) -> dict[str, str]:
    page.goto(f"{NETWORK}/verwijzingen/doorstroom/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Doorstroom van verwijzingen")
    cells = page.locator("td[data-stage]")
    return {
        cells.nth(i).get_attribute("data-stage"): cells.nth(i).inner_text()
        for i in range(cells.count())
    }


def _logout(page):
    page.locator("nav.user-nav summary").click()  # the account menu
    page.locator("nav.user-nav").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/account/inloggen/"))


def test_gp_refers_sports_club_starts_funnel_counts(page, referral_demo, login_as, screenshot):
    gp_device, sport_device, coordinator_device = (
        _device(email) for email in (GP_EMAIL, SPORT_EMAIL, COORDINATOR_EMAIL)
    )
    login_as(page, GP_EMAIL)
    # The funnel shows aggregated numbers only: no second factor needed.
    before = _funnel_counts(page)
    assert int(before["verwezen"]) >= 3 and int(before["gestart"]) >= 3

    # The referral list holds personal data: the GP passes the second factor first.
    page.goto(f"{NETWORK}/verwijzingen/")
    _second_factor(page, gp_device)
    expect(page).to_have_url(re.compile(rf"{NETWORK}/verwijzingen/$"))

    # The GP searches the social map inside the referral form and refers with consent.
    page.get_by_role("link", name="Nieuwe verwijzing").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe verwijzing")
    page.get_by_role("search").get_by_label("Zoek in de sociale kaart").fill("wandelvoetbal")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    form = page.locator("main form[method=post]")
    offer = form.get_by_label("Aanbod uit de sociale kaart")
    expect(offer.locator("option")).to_have_count(2)  # the empty choice and the one offer
    offer.select_option(label=f"{OFFER} — Sportvereniging OVV (Oosterstad-Oost)")
    form.get_by_label("Naam of roepnaam van de bewoner").fill(RESIDENT)
    form.get_by_label("Contactgegevens").fill("06-55 55 55 55")
    form.get_by_label("Geboortejaar").fill("1957")
    form.get_by_label("Reden van verwijzing").fill("Prediabetes; beweegt weinig.")
    form.get_by_label("Doelen van de bewoner").fill("Twee keer per week bewegen")

    # Without consent the referral is refused.
    form.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.locator("main")).to_contain_text("Zonder toestemming van de bewoner")
    form = page.locator("main form[method=post]")
    form.get_by_label(re.compile("De bewoner geeft toestemming")).check()
    screenshot("referral-01-form")
    form.get_by_role("button", name="Verwijzing versturen").click()

    expect(page).to_have_url(DETAIL_URL)
    detail_url = page.url
    expect(page.locator(".messages .message.success")).to_contain_text("verstuurd")
    expect(page.get_by_role("heading", level=1)).to_contain_text(RESIDENT)
    expect(page.locator("dl.facts")).to_contain_text(OFFER)
    expect(page.locator("h1 .badge")).to_have_text("Verwezen")
    _logout(page)

    # The sports club finds it under incoming referrals and moves it to 'gestart'.
    login_as(page, SPORT_EMAIL)
    page.goto(f"{NETWORK}/verwijzingen/")
    _second_factor(page, sport_device)
    page.get_by_role("link", name="Binnengekomen").click()
    row = page.locator("tbody tr").filter(has_text=RESIDENT)
    expect(row).to_have_count(1)
    screenshot("referral-02-incoming")
    row.get_by_role("link").first.click()
    expect(page).to_have_url(detail_url)
    status_form = page.locator("form").filter(has=page.get_by_label("Nieuwe status"))
    status_form.get_by_label("Nieuwe status").select_option(label="Gestart")
    status_form.get_by_label("Toelichting voor de verwijzer").fill("Doet mee op dinsdag.")
    screenshot("referral-03-status")
    status_form.get_by_role("button", name="Status bijwerken").click()
    expect(page.locator(".messages .message.success")).to_contain_text("De status is nu: Gestart.")
    expect(page.locator("ol.timeline li")).to_have_count(2)
    _logout(page)

    # The GP got feedback and sees what happened.
    login_as(page, GP_EMAIL)
    page.goto(f"{NETWORK}/meldingen/")
    expect(page.locator("main")).to_contain_text("Terugkoppeling: Gestart")
    page.goto(detail_url)
    _second_factor(page, gp_device)  # a new login needs a new code
    expect(page).to_have_url(detail_url)
    expect(page.locator("h1 .badge")).to_have_text("Gestart")
    expect(page.locator("ol.timeline")).to_contain_text("Doet mee op dinsdag.")

    # The funnel counts it.
    after = _funnel_counts(page)
    assert int(after["verwezen"]) == int(before["verwezen"]) + 1
    assert int(after["contact"]) == int(before["contact"]) + 1  # skipped, but passed
    assert int(after["gestart"]) == int(before["gestart"]) + 1
    expect(page.locator("svg.chart")).to_be_visible()
    screenshot("referral-04-funnel")
    _logout(page)

    # The kartrekker follows the referral without its personal details.
    login_as(page, COORDINATOR_EMAIL)
    page.goto(detail_url)
    _second_factor(page, coordinator_device)
    expect(page).to_have_url(detail_url)
    main = page.locator("main")
    expect(main).to_contain_text("Persoonsgegevens afgeschermd")
    expect(main).to_contain_text("Gestart")
    for secret in (RESIDENT, "06-55 55 55 55", "Prediabetes", "Doet mee op dinsdag."):
        expect(main).not_to_contain_text(secret)
    screenshot("referral-05-coordinator")
