"""End-to-end: content in the reader's language (issue 13, "Content as data, in two languages").

A coordinator switches to English in the footer and reads the step plan, a health signal with
its advice and a scan's questions (through a respondent's token link) in English; a professional
who switched to English sees the consent text in English. The texts come from content/*.yaml,
not from the gettext catalogue, so this holds whether or not django.mo is compiled.
Screenshots land in e2e/screenshots/english-*.png.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from .conftest import DEMO_PASSWORD  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK_SLUG = "gezond-oost"
NETWORK = f"/n/{NETWORK_SLUG}"
COORDINATOR_EMAIL = "coordinator@demo.wijknet.nl"
PROFESSIONAL = "partner@demo.wijknet.nl"  # Sanne Bakker, demo.data
RESPONDENT = "respondent.e2e@example.org"
SCAN_LINK = re.compile(r"https?://\S+?(/scan/[^/\s]+/)")


def switch_to_english(page):
    footer = page.locator("footer form.language-form")
    footer.locator("select#language").select_option("en")
    footer.locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_step_plan_health_signal_and_scan_questions_are_english(
    logged_in, scan_content, mailoutbox, screenshot
):
    from django.contrib.auth import get_user_model
    from django.utils import timezone, translation
    from django_scopes import scope

    from wijknet.health import monitor
    from wijknet.networks.models import Network
    from wijknet.scans import services
    from wijknet.scans.models import Instrument

    page = logged_in
    switch_to_english(page)

    # The step plan: phases and steps in English, the Dutch nowhere.
    page.goto(f"{NETWORK}/stappenplan/")
    main = page.locator("main")
    expect(main.get_by_role("heading", name=re.compile(r"Exploring the network"))).to_be_visible()
    expect(main.get_by_role("link", name="Start small with enthusiastic people")).to_be_visible()
    expect(main).not_to_contain_text("Begin klein met enthousiaste mensen")
    expect(main).not_to_contain_text("Netwerk verkennen")
    main.get_by_role("link", name="Start small with enthusiastic people").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Start small with enthusiastic people"
    )
    expect(page.locator("main")).to_contain_text("In the exploratory phase, bring together")
    screenshot("english-step")

    # A health signal with its advice: the stored analysis renders in the reader's language.
    network = Network.objects.get(slug=NETWORK_SLUG)
    with translation.override("en"):
        signal = monitor.evaluate(network)[0]
        title, evidence, advice = signal.title, signal.evidence[0], signal.advice
    with translation.override("nl"):
        dutch_title, dutch_advice = signal.title, signal.advice
    assert title != dutch_title and advice != dutch_advice
    page.goto(f"{NETWORK}/signalen/")
    main = page.locator("main")
    expect(main.get_by_role("heading", name=title).first).to_be_visible()
    expect(main).to_contain_text(evidence)
    expect(main).to_contain_text(advice)
    expect(main).not_to_contain_text(dutch_title)
    expect(main).not_to_contain_text(dutch_advice)
    screenshot("english-health")

    # A scan's questions, as a respondent opens them from the invitation (same browser: English).
    coordinator = get_user_model().objects.get(email=COORDINATOR_EMAIL)
    today = timezone.localdate()
    with scope(network=network):
        services.round_create(
            acting_user=coordinator,
            network=network,
            label="EN",
            instruments=[Instrument.objects.get(key="negen-tips")],
            opens_on=today,
            closes_on=today + timedelta(days=21),
            extra_emails=[RESPONDENT],
            own_items=[],
        )
    [mail] = [m for m in mailoutbox if RESPONDENT in m.to]
    page.goto(SCAN_LINK.search(mail.body).group(1) + "deel/1/")  # its one screen
    main = page.locator("main")
    expect(
        main.get_by_text("Our agenda is not too full, so that there is room to meet and exchange.")
    ).to_be_visible()
    expect(main).to_contain_text("Nine tips for a sustainable and productive network")
    expect(main).not_to_contain_text("Onze agenda staat niet te vol")
    screenshot("english-scan")


def _device(email):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijknet.accounts.models import User

    user = User.objects.get(email=email)
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)


def _code(device):
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_consent_text_is_english(page, demo, login_as, screenshot):
    device = _device(PROFESSIONAL)
    login_as(page, PROFESSIONAL, DEMO_PASSWORD)
    switch_to_english(page)
    page.goto(f"{NETWORK}/clienten/nieuw/")
    page.locator("input[name=code]").fill(_code(device))  # client data needs the second factor
    page.locator("main form button[type=submit]").click()
    form = page.locator("main form[method=post]")
    form.locator("input[name=name]").fill("Greet Voorbeeld (e2e)")
    form.locator("input[name=birth_year]").fill("1944")
    form.locator("button[type=submit]").click()

    # The consent form shows the versioned consent text, in English.
    expect(page).to_have_url(re.compile(r"/toestemming/nieuw/$"))
    main = page.locator("main")
    expect(main).to_contain_text(
        "I consent to the professionals of the organisations named below in the neighbourhood "
        "network sharing my data with each other for the stated purpose"
    )
    expect(main).not_to_contain_text("Ik geef toestemming")
    screenshot("english-consent")
