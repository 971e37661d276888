"""End-to-end: shared casework with consent (issue 6), in a real headless Chromium.

A professional of Gezond Oost (Sanne Bakker, partner) passes the second factor, records a
resident, records the resident's consent, adds a colleague to the care team, fills in the
Positive Health spider web, logs an MDO and finds its agreements in the plan; the resident's
access overview lists those views. Screenshots land in e2e/screenshots/casework-*.png.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
PROFESSIONAL = "partner@demo.wijknet.nl"  # Sanne Bakker, demo.data
COLLEAGUE = "kerngroep@demo.wijknet.nl"  # Jeroen de Vries
CLIENT_NAME = "Greet Voorbeeld (e2e)"
DIMENSIONS = [
    "lichaamsfuncties",
    "mentaal_welbevinden",
    "zingeving",
    "kwaliteit_van_leven",
    "meedoen",
    "dagelijks_functioneren",
]


def _device(email):
    """A confirmed authenticator for the demo user, as if they had set it up."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijknet.accounts.models import User

    user = User.objects.get(email=email)
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)


def _code(device):
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _memberships():
    from django_scopes import scopes_disabled

    from wijknet.networks.models import Membership

    with scopes_disabled():
        rows = Membership.objects.filter(
            network__slug="gezond-oost", user__email__in=[PROFESSIONAL, COLLEAGUE]
        ).select_related("user", "organisation")
        return {m.user.email: m for m in rows}


def test_consent_team_spider_web_mdo_and_access_overview(page, demo, login_as, screenshot):
    device = _device(PROFESSIONAL)
    memberships = _memberships()
    own_org = memberships[PROFESSIONAL].organisation.name
    colleague = memberships[COLLEAGUE]
    colleague_name = colleague.user.full_name

    login_as(page, PROFESSIONAL)
    page.goto(f"{NETWORK}/clienten/nieuw/")
    # Client data needs the second factor.
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invoeren")
    page.locator("input[name=code]").fill(_code(device))
    page.locator("main form button[type=submit]").click()

    # 1. Record the resident.
    expect(page.get_by_role("heading", level=1)).to_have_text("Cliënt vastleggen")
    form = page.locator("main form[method=post]")
    form.locator("input[name=name]").fill(CLIENT_NAME)
    form.locator("input[name=birth_year]").fill("1944")
    form.locator("input[name=wijk]").fill("Oosterpark")
    form.locator("input[name=mantelzorger_name]").fill("Piet Voorbeeld")
    form.locator("button[type=submit]").click()

    # 2. Record consent (the form shows the versioned consent text).
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming vastleggen")
    expect(page.get_by_text("Toestemmingstekst (versie 1)")).to_be_visible()
    form = page.locator("main form[method=post]")
    form.locator("select[name=purpose]").select_option("plan")
    form.locator("#id_organisations").get_by_label(own_org, exact=True).check()
    form.locator("#id_organisations").get_by_label(colleague.organisation.name, exact=True).check()
    form.locator("select[name=method]").select_option("mondeling")
    form.locator("input[name=read_aloud]").check()
    form.locator("button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CLIENT_NAME)
    expect(page.locator("main table").first).to_contain_text("geldig")
    client_url = re.sub(r"^https?://[^/]+", "", page.url)

    # 3. Add a colleague to the care team.
    page.get_by_role("link", name="Teamlid toevoegen").click()
    form = page.locator("main form[method=post]")
    form.locator("select[name=membership]").select_option(
        label=f"{colleague_name} — {colleague.organisation.name}"
    )
    form.locator("input[name=role]").fill("Praktijkondersteuner")
    form.locator("input[name=resident_agrees]").check()
    form.locator("button[type=submit]").click()
    expect(page.get_by_text("Het teamlid is toegevoegd.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("aanspreekpunt")
    screenshot("casework-client")

    # 4. Fill in the spider web.
    page.get_by_role("link", name="Positieve Gezondheid").click()
    page.get_by_role("link", name="Spinnenweb invullen").click()
    form = page.locator("main form[method=post]")
    form.get_by_label("Door de bewoner samen met een professional").check()
    for index, dimension in enumerate(DIMENSIONS):
        form.locator(f"input[name={dimension}_score]").fill(str(4 + index % 4))
    form.locator("textarea[name=meedoen_remark]").fill("Ik mis de koffieochtend")
    form.locator("input[name=meedoen_talk]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("main svg.radar")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Ik mis de koffieochtend")
    screenshot("casework-spider-web")

    # 5. Log an MDO; its agreements become plan actions.
    page.get_by_role("link", name="MDO", exact=True).click()
    page.get_by_role("link", name="MDO vastleggen").click()
    form = page.locator("main form[method=post]")
    form.locator("#id_participants").get_by_label(
        f"{colleague_name} (Praktijkondersteuner)", exact=True
    ).check()
    form.locator("input[name=resident_present]").check()
    form.locator("input[name=agreement_1_text]").fill("Samen naar de koffieochtend")
    form.locator("select[name=agreement_1_who]").select_option(
        label=f"{colleague_name} (Praktijkondersteuner)"
    )
    form.locator("input[name=fed_back_resident]").check()
    form.locator("input[name=feedback_how]").fill("Huisbezoek")
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Samen naar de koffieochtend")
    page.get_by_role("link", name="Bekijk de afspraken in het plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan van")
    row = page.locator("main table tr", has_text="Samen naar de koffieochtend")
    expect(row).to_contain_text(colleague_name)
    expect(row).to_contain_text("MDO")
    screenshot("casework-plan")

    # 6. The resident's access overview lists these views.
    page.goto(client_url + "inzage/")
    table = page.locator("main table")
    for category in ("Positieve Gezondheid", "MDO", "Plan", "Toestemming", "Team"):
        expect(table).to_contain_text(category)
    expect(table).to_contain_text("inzien")
    expect(table).to_contain_text("Sanne Bakker")
    screenshot("casework-access-overview")
