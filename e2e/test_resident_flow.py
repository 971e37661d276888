"""End-to-end: a resident in their own record (issue 15), in a real headless Chromium.

A professional of Gezond Oost (Jeroen de Vries, on Johanna Visser's care team through her
consent) passes the second factor, opens Johanna's case and invites her by e-mail (the demo's
own account for Johanna is ended first). Johanna — on a phone-sized screen, 390 px — opens the
link, chooses a password, logs in with the code from the e-mail, adds "ik wil …" in her own
words, fills in her own spider web, withdraws her consent and sees in "Wie keek in mijn
gegevens" that Jeroen viewed her record. Jeroen then no longer reaches the case (404).
Screenshots land in e2e/screenshots/resident-*.png.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
PROFESSIONAL = "kerngroep@demo.wijknet.nl"  # Jeroen de Vries, on Johanna's team
CLIENT = "Johanna Visser-de Groot"
RESIDENT_EMAIL = "johanna.visser@example.org"
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def _demo_code(email):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.twofactor import DEVICE_NAME, current_code

    return current_code(TOTPDevice.objects.get(user__email=email, name=DEVICE_NAME))


def _client_uuid(name):
    from django_scopes import scopes_disabled

    from wijknet.casework.models import Client

    with scopes_disabled():
        return Client.objects.get(network__slug="gezond-oost", name=name).uuid


def _end_demo_link():
    """The demo links Johanna to bewoner@demo.wijknet.nl; her recorder ends that link."""
    from django_scopes import scope, scopes_disabled

    from wijknet.networks.models import Membership
    from wijknet.residents import services
    from wijknet.residents.models import ResidentLink

    with scopes_disabled():
        link = ResidentLink.objects.select_related("client", "network").get(
            client__name=CLIENT, ended_at__isnull=True
        )
        recorder = Membership.objects.get(network=link.network, user=link.client.recorded_by)
    link.client.network = link.network
    with scope(network=link.network):
        services.link_end_by_team(acting_user=recorder.user, membership=recorder, other=link)


def _mail_matching(pattern):
    from django.core import mail

    for message in reversed(mail.outbox):
        found = re.search(pattern, message.body)
        if found:
            return found.group(1)
    raise AssertionError(f"no e-mail matching {pattern!r}")


def test_resident_invited_logs_in_writes_withdraws_and_sees_the_access_log(
    page, browser, live_server, demo, login_as, screenshot, browser_log
):
    from django.core import mail

    _end_demo_link()
    mail.outbox.clear()
    case_url = f"{NETWORK}/clienten/{_client_uuid(CLIENT)}/"

    # 1. The professional opens the case (a view the resident will see) and invites her.
    login_as(page, PROFESSIONAL)
    page.goto(case_url)
    page.locator("input[name=code]").fill(_demo_code(PROFESSIONAL))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CLIENT)
    page.get_by_role("link", name="Bewoner en vragen").click()
    page.get_by_role("link", name="Bewoner of mantelzorger uitnodigen").click()
    form = page.locator("main form[method=post]")
    form.locator("select[name=kind]").select_option("resident")
    form.locator("input[name=email]").fill(RESIDENT_EMAIL)
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("De uitnodiging is verstuurd")
    invitation = _mail_matching(r"(https?://\S+/mijn/uitnodiging/\S+/)")

    # 2. Johanna, on a phone: opens the link, chooses a password, types the e-mailed code.
    phone = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    phone.set_default_timeout(10_000)
    resident = phone.new_page()
    resident.on("pageerror", browser_log.on_page_error)
    resident.goto(invitation.split(live_server.url, 1)[-1])
    expect(resident.get_by_role("heading", level=1)).to_have_text("Welkom")
    resident.locator("input[name=full_name]").fill(CLIENT)
    resident.locator("input[name=password1]").fill("mijn-eigen-wachtwoord-2026")
    resident.locator("input[name=password2]").fill("mijn-eigen-wachtwoord-2026")
    resident.locator("main form button[type=submit]").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Inlogcode")
    code = _mail_matching(r"inlogcode is: (\d{6})")
    resident.locator("input[name=code]").fill(code)
    resident.locator("main form button[type=submit]").first.click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Mijn plan")
    assert resident.evaluate(FITS), "Mijn plan scrolls sideways at 390 px"
    screenshot_page(resident, "resident-01-mijn-plan-390")

    # 3. "Ik wil …" in her own words, kept apart from the team's text.
    resident.get_by_role("link", name="Schrijf in mijn eigen woorden").click()
    resident.locator("textarea[name=wil]").fill("Weer elke week naar de kerk lopen.")
    resident.locator("main form button[type=submit]").click()
    expect(resident.locator(".messages")).to_contain_text("Uw woorden staan in het plan")
    expect(resident.locator("main")).to_contain_text("Weer elke week naar de kerk lopen.")
    expect(resident.locator("main")).to_contain_text("In mijn eigen woorden:")

    # 3b. She fills in her own spider web ("Mijn Positieve Gezondheid").
    resident.get_by_role("link", name="Mijn Positieve Gezondheid").click()
    resident.get_by_role("link", name="Spinnenweb invullen").click()
    marks = resident.locator("main form input.mark")
    # count() does not wait for the page the click opens; to_have_count does.
    expect(marks).to_have_count(18)
    for index in range(18):
        marks.nth(index).fill(str(5 + index % 4))
    resident.locator("input[name=meedoen_talk]").check()
    assert resident.evaluate(FITS), "the spider web form scrolls sideways at 390 px"
    resident.locator("main form button[type=submit]").click()
    expect(resident.locator(".messages")).to_contain_text("Uw spinnenweb is opgeslagen")
    expect(resident.locator("main svg").first).to_be_visible()
    expect(resident.locator("main")).to_contain_text("door de bewoner alleen")
    assert resident.evaluate(FITS), "Mijn Positieve Gezondheid scrolls sideways at 390 px"
    screenshot_page(resident, "resident-01b-positieve-gezondheid-390")

    # 4. She withdraws her consent.
    resident.get_by_role("link", name="Toestemming").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Mijn toestemming")
    assert resident.evaluate(FITS), "Toestemming scrolls sideways at 390 px"
    resident.get_by_role("link", name="Intrekken").first.click()
    resident.get_by_role("button", name="Ja, intrekken").click()
    expect(resident.locator(".messages")).to_contain_text("De toestemming is ingetrokken")
    expect(resident.locator("main")).to_contain_text("Ingetrokken op")
    screenshot_page(resident, "resident-02-toestemming-390")

    # 5. The access log lists the professional's earlier view.
    resident.get_by_role("link", name="Wie keek in mijn gegevens").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Wie keek in mijn gegevens")
    table = resident.locator("main .cards")
    expect(table).to_contain_text("Jeroen de Vries")
    expect(table).to_contain_text("inzien")
    expect(table).to_contain_text("bewoner zelf")
    assert resident.evaluate(FITS), "Wie keek in mijn gegevens scrolls sideways at 390 px"
    screenshot_page(resident, "resident-03-inzage-390")
    phone.close()

    # 6. The professional has lost access at once.
    response = page.goto(case_url)
    assert response.status == 404
    browser_log.assert_clean()


def screenshot_page(page, name):
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
