"""End-to-end: a help request in a village, matched to a volunteer, in a real headless Chromium.

In Dorpsnetwerk Zuiderveen (seed 002, Wedde dat 't lukt) a villager who is a citizen member and
also a volunteer asks for help with shopping on behalf of her neighbour. The dorpsondersteuner
opens the matching screen, sees the volunteers ranked with their reasons and proposes the one
on top; the volunteer sees the proposal in her notifications and under Mijn inzet and says
yes; the dorpsondersteuner marks the help as started; the volunteer logs two hours, and the
hours report shows them. Screenshots land in e2e/screenshots/volunteering-*.png.

The pages with the help-seeker's data need a second factor (issue 11, docs/privacy.md): both
have an authenticator and enter its code when such a page first sends them to the code page.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/zuiderveen"
COORDINATOR_EMAIL = "dorpsondersteuner@demo.wijknet.nl"  # Anke Hoekstra, coordinator
CITIZEN_EMAIL = "wilma.hofstee@e2e.wijknet.nl"
CITIZEN_NAME = "Wilma Hofstee"
NEIGHBOUR = "Mevrouw R. Veenstra (e2e)"
NEIGHBOUR_CONTACT = "Kerkstraat 4, 0599-419999"
REQUEST_URL = re.compile(rf"{NETWORK}/inzet/hulpvragen/[0-9a-f-]+/$")
MATCH_URL = re.compile(rf"{NETWORK}/inzet/koppelingen/[0-9a-f-]+/$")


@pytest.fixture
def citizen(demo):
    """A villager with the citizen role who registered as a volunteer for shopping on Tuesday
    mornings in Zuiderveen (the demo volunteers are people without an account)."""
    from django_scopes import scopes_disabled

    from demo.data import PASSWORD
    from wijknet.accounts.models import User
    from wijknet.networks.models import Membership, Network
    from wijknet.volunteering import services

    with scopes_disabled():
        network = Network.objects.get(slug="zuiderveen")
        user = User.objects.create_user(
            email=CITIZEN_EMAIL, password=PASSWORD, full_name=CITIZEN_NAME
        )
        membership = Membership.objects.create(network=network, user=user, role="citizen")
        services.volunteer_create(
            acting_user=user,
            membership=membership,
            network=network,
            user=user,
            kinds=["boodschappen"],
            place="Zuiderveen",
            availability=["di-ochtend"],
            frequency="wekelijks",
            max_matches=2,
        )
    return user


def _device(email):
    """A confirmed authenticator for the user, as if they had set it up."""
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
    """On the code page (a help-seeker's page sent us there): enter the code, go back."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invoeren")
    page.locator("input[name=code]").fill(_code(device))
    page.locator("main form button[type=submit]").click()


def _logout(page):
    page.locator("nav.user-nav summary").click()  # the account menu
    page.locator("nav.user-nav").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/account/inloggen/"))


def _success(page):
    return page.locator(".messages .message.success")


def test_help_request_matched_accepted_started_and_hours_reported(
    page, citizen, login_as, screenshot
):
    citizen_device, coordinator_device = _device(CITIZEN_EMAIL), _device(COORDINATOR_EMAIL)
    # The citizen asks for help on behalf of her neighbour (the form needs no second factor).
    login_as(page, CITIZEN_EMAIL)
    page.goto(f"{NETWORK}/inzet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn inzet")
    page.get_by_role("link", name="Hulp vragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp vragen")
    form = page.locator("main form[method=post]")
    form.get_by_label("Naam hulpvrager").fill(NEIGHBOUR)
    form.get_by_label("Telefoon of adres hulpvrager").fill(NEIGHBOUR_CONTACT)
    form.get_by_label("Namens wie").fill("Namens mijn buurvrouw")
    form.get_by_label("Soort hulp").select_option(label="Boodschappen")
    form.get_by_label("Wat is er nodig").fill("Wekelijks boodschappen doen bij de supermarkt.")
    form.get_by_label("Dorp of wijk").fill("Zuiderveen")
    form.get_by_label("Wanneer").fill("Elke dinsdagochtend")
    form.get_by_label("dinsdagochtend", exact=True).check()
    screenshot("volunteering-01-request")
    form.get_by_role("button", name="Hulpvraag indienen").click()

    # The request's page shows the neighbour's data: the second factor first.
    _second_factor(page, citizen_device)
    expect(page).to_have_url(REQUEST_URL)
    request_url = page.url
    expect(page.locator("main")).to_contain_text(NEIGHBOUR)
    _logout(page)

    # The dorpsondersteuner opens the matching screen and sees the ranking with its reasons.
    login_as(page, COORDINATOR_EMAIL)
    page.goto(request_url)
    _second_factor(page, coordinator_device)
    expect(page).to_have_url(request_url)
    expect(page.locator("main")).to_contain_text(NEIGHBOUR)
    page.goto(request_url + "koppelen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilliger zoeken: Boodschappen")
    rows = page.locator("main table tbody tr")
    top = rows.first
    expect(top.locator("td").first).to_have_text("1")
    expect(top).to_contain_text(CITIZEN_NAME)
    for reason in (
        "doet graag boodschappen",
        "woont in hetzelfde dorp of dezelfde wijk (Zuiderveen)",
        "beschikbaar op dinsdagochtend",
        "heeft nu geen actieve koppelingen",
    ):
        expect(top.get_by_role("listitem").filter(has_text=reason)).to_have_count(1)
    expect(top.locator("td").nth(2)).to_have_text("80")  # 40 + 25 + 15
    # Grietje Bos also shops on Tuesday mornings, but already has an active match.
    grietje = rows.filter(has_text="Grietje Bos")
    expect(grietje).to_contain_text("heeft al 1 actieve koppeling")
    screenshot("volunteering-02-matching")
    top.get_by_role("button", name=f"{CITIZEN_NAME} voorstellen").click()

    expect(page).to_have_url(MATCH_URL)
    match_url = page.url
    expect(_success(page)).to_contain_text(f"{CITIZEN_NAME} is voorgesteld")
    expect(page.locator("h1 .badge")).to_have_text("Voorgesteld")
    expect(page.locator("dl.facts")).to_contain_text("doet graag boodschappen")
    _logout(page)

    # The volunteer finds the proposal in her notifications and under Mijn inzet, and says yes.
    login_as(page, CITIZEN_EMAIL)
    page.goto(f"{NETWORK}/meldingen/")
    expect(page.locator("main")).to_contain_text("Wil je helpen met boodschappen in Zuiderveen?")
    page.goto(f"{NETWORK}/inzet/")
    mine = page.get_by_role("table", name="Mijn koppelingen")
    row = mine.locator("tbody tr").filter(has_text="Boodschappen (Zuiderveen)")
    expect(row).to_have_count(1)
    expect(row.locator(".badge")).to_have_text("Voorgesteld")
    row.get_by_role("link").click()
    _second_factor(page, citizen_device)
    expect(page).to_have_url(match_url)
    expect(page.locator("main")).to_contain_text("De coördinator stelt jou voor")
    # The reasons are the coordinator's working notes, not shown to the volunteer.
    expect(page.locator("dl.facts")).not_to_contain_text("doet graag boodschappen")
    screenshot("volunteering-03-proposal")
    page.get_by_role("button", name="Ja, ik help").click()
    expect(_success(page)).to_contain_text("De koppeling staat nu op akkoord.")
    expect(page.locator("h1 .badge")).to_have_text("Akkoord")
    expect(page.get_by_role("button", name="De hulp is begonnen")).to_have_count(0)
    _logout(page)

    # The dorpsondersteuner marks the help as started: the follow-ups are planned.
    login_as(page, COORDINATOR_EMAIL)
    page.goto(match_url)
    _second_factor(page, coordinator_device)
    expect(page).to_have_url(match_url)
    page.get_by_role("button", name="De hulp is begonnen").click()
    expect(_success(page)).to_contain_text("De koppeling staat nu op lopend.")
    expect(page.locator("h1 .badge")).to_have_text("Lopend")
    followups = page.get_by_role("table", name="Opvolgvragen").locator("tbody tr")
    expect(followups).to_have_count(2)
    expect(followups.filter(has_text="Vrijwilliger")).to_contain_text("6 weken")
    expect(followups.filter(has_text="Hulpvrager")).to_contain_text("8 weken")
    screenshot("volunteering-04-running")
    _logout(page)

    # The volunteer logs two hours for this match.
    login_as(page, CITIZEN_EMAIL)
    page.goto(f"{NETWORK}/inzet/uren/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn uren")
    form = page.locator("main form[method=post]")
    form.get_by_label("Uren").fill("2")
    form.get_by_label("Voor welke hulpvraag").select_option(label="Boodschappen (Zuiderveen)")
    form.get_by_label("Notitie").fill("Boodschappen gedaan bij de Spar")
    form.get_by_role("button", name="Uren schrijven").click()
    expect(_success(page)).to_contain_text("Je uren zijn geschreven.")
    entries = page.get_by_role("table", name=re.compile(r"Totaal: 2([.,]00)? uur"))
    expect(entries.locator("tbody tr")).to_have_count(1)
    expect(entries).to_contain_text("Boodschappen gedaan bij de Spar")
    screenshot("volunteering-05-hours")
    _logout(page)

    # The dorpsondersteuner's hours report shows them.
    login_as(page, COORDINATOR_EMAIL)
    page.goto(f"{NETWORK}/inzet/uren/overzicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Urenoverzicht vrijwilligers")
    per_volunteer = page.get_by_role("table", name="Per vrijwilliger")
    row = per_volunteer.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name=CITIZEN_NAME)
    )
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_have_text(re.compile(r"^2([.,]00)?$"))
    expect(row.locator("td").nth(1)).to_have_text("1")
    screenshot("volunteering-06-report")
