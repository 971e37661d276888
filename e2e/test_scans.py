"""End-to-end: a collaboration scan from invitation to advice, in a real headless Chromium.

A partner answers through the e-mailed token link, one perspective per screen (going back once,
saving and closing the browser halfway), two more respondents answer through the service layer,
and the coordinator reads the results: radar chart and advice with its sources. A phone-sized
run (390 px) answers with the keyboard and checks that no screen scrolls sideways. Screenshots
land in e2e/screenshots/scans-*.png.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

COORDINATOR_EMAIL = "coordinator@demo.wijknet.nl"
NETWORK_SLUG = "gezond-oost"

PARTNER_EMAIL = "wijkverpleging.e2e@example.org"
OTHER_EMAILS = ["fysio.e2e@example.org", "bewoner.e2e@example.org"]
OWN_ITEM = "We weten elkaar te vinden als een bewoner meer nodig heeft dan één organisatie."
WEAK_INDICATOR = "mate-van-gedeeldheid"  # everyone disagrees with its statements → advice
DONT_KNOW_ITEM = "ks-03"
SCAN_LINK = re.compile(r"https?://\S+?(/scan/[^/\s]+/)")
SCALE_LABELS = {
    1: "1 helemaal oneens",
    2: "2 oneens",
    3: "3 neutraal",
    4: "4 eens",
    5: "5 helemaal eens",
    None: "weet niet / n.v.t.",
}


@pytest.fixture
def scan_round(scan_content, mailoutbox):
    """An open samenwerkingsscan round (40 statements + 1 own) for three extra addresses."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from django_scopes import scope

    from wijknet.networks.models import Network
    from wijknet.scans import services
    from wijknet.scans.models import Instrument

    network = Network.objects.get(slug=NETWORK_SLUG)
    coordinator = get_user_model().objects.get(email=COORDINATOR_EMAIL)
    today = timezone.localdate()
    with scope(network=network):
        return services.round_create(
            acting_user=coordinator,
            network=network,
            label="T2",
            instruments=[Instrument.objects.get(key="samenwerkingsscan")],
            opens_on=today,
            closes_on=today + timedelta(days=21),
            extra_emails=[PARTNER_EMAIL, *OTHER_EMAILS],
            own_items=[OWN_ITEM],
        )


def _planned_answers(round_, low: int, high: int) -> dict:
    """Item → value: `low` on the weak indicator's statements, "weet niet" on one, else `high`."""
    from django_scopes import scope

    from wijknet.scans import services

    with scope(network=round_.network):
        items = list(services.round_items(round_).select_related("indicator"))
    answers = {}
    for item in items:
        if item.indicator and item.indicator.key == WEAK_INDICATOR:
            answers[item] = low
        elif item.key == DONT_KNOW_ITEM:
            answers[item] = None
        else:
            answers[item] = high
    return answers


def _answer_through_services(round_, email, answers):
    from django_scopes import scope

    from wijknet.scans import services
    from wijknet.scans.models import ScanInvitation

    with scope(network=round_.network):
        invitation = ScanInvitation.objects.get(round=round_, email=email)
        services.answers_save(
            invitation=invitation,
            answers={item.pk: value for item, value in answers.items()},
            submit=True,
        )


def _fieldset(page, item):
    return page.locator("fieldset.item").filter(
        has=page.locator("legend", has_text=re.compile(rf"^\s*{re.escape(item.text)}\s*$"))
    )


def _choose(page, answers):
    for item, value in answers.items():
        radio = _fieldset(page, item).get_by_label(SCALE_LABELS[value], exact=True)
        radio.check()


def _screens(answers) -> list[dict]:
    """The planned answers split as the scan shows them: one perspective per screen, own
    statements last (answers are in the round's order)."""
    screens, key = [], object()
    for item, value in answers.items():
        this = item.indicator.group_id if item.indicator else None
        if not screens or this != key:
            screens.append({})
            key = this
        screens[-1][item] = value
    return screens


def _no_sideways_scroll(page, width):
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def test_partner_answers_and_coordinator_reads_advice(
    page, scan_round, mailoutbox, login_as, screenshot
):
    # The invitation mail was sent on commit; its link is the partner's only credential.
    mail = next(m for m in mailoutbox if m.to == [PARTNER_EMAIL])
    assert "Gezond Oost" in mail.subject
    assert "Invullen duurt ongeveer 7 minuten (41 stellingen)." in mail.body
    link = SCAN_LINK.search(mail.body).group(1)
    answers = _planned_answers(scan_round, low=2, high=4)
    assert len(answers) == 41
    screens = _screens(answers)
    assert [len(s) for s in screens] == [8, 8, 8, 8, 8, 1]

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Scan T2 van Gezond Oost")
    expect(page.locator("main")).to_contain_text("Invullen duurt ongeveer 7 minuten.")
    expect(page.locator("main")).to_contain_text("41 stellingen in 6 delen")
    page.get_by_role("link", name="Beginnen").click()

    # Part 1, then part 2 half; "Vorige deel" keeps both.
    expect(page.locator(".scan-progress-label")).to_have_text("Deel 1 van 6")
    expect(page.locator("fieldset.item")).to_have_count(8)
    _choose(page, screens[0])
    page.get_by_role("button", name="Volgende deel").click()
    expect(page.locator(".scan-progress-label")).to_have_text("Deel 2 van 6")
    half = dict(list(screens[1].items())[:4])
    _choose(page, half)
    page.get_by_role("button", name="Vorige deel").click()
    expect(page.locator(".scan-progress-label")).to_have_text("Deel 1 van 6")
    expect(page.locator("fieldset.item input[type=radio]:checked")).to_have_count(8)
    page.get_by_role("button", name="Volgende deel").click()
    expect(page.locator("fieldset.item input[type=radio]:checked")).to_have_count(4)
    for item, value in half.items():
        expect(_fieldset(page, item).get_by_label(SCALE_LABELS[value], exact=True)).to_be_checked()
    page.get_by_role("button", name="Opslaan en later verder").click()
    expect(page.locator(".messages .message.success")).to_contain_text("Opgeslagen")

    # The browser is closed (its cookies gone): the same link goes on where the partner was.
    page.context.clear_cookies()
    page.goto("about:blank")
    page.goto(link)
    expect(page.locator("main")).to_contain_text("Je hebt 12 van de 41 stellingen al beantwoord.")
    page.get_by_role("link", name="Verder gaan").click()
    expect(page.locator(".scan-progress-label")).to_have_text("Deel 2 van 6")
    _choose(page, screens[1])
    page.get_by_role("button", name="Volgende deel").click()
    for number, screen in enumerate(screens[2:], start=3):
        expect(page.locator(".scan-progress-label")).to_have_text(f"Deel {number} van 6")
        _choose(page, screen)
        if number == 6:
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Eigen stellingen van het netwerk"
            )
            screenshot("scans-01-answer")
            page.get_by_role("button", name="Naar controleren en indienen").click()
        else:
            page.get_by_role("button", name="Volgende deel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleren en indienen")
    expect(page.locator("main")).to_contain_text("41 van 41 stellingen beantwoord")
    page.get_by_role("button", name="Indienen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor het invullen")
    expect(page.locator(".messages .message.success")).to_contain_text("ingediend")
    own = page.locator("table").filter(has=page.locator("caption", has_text="Jouw antwoorden"))
    expect(own.locator("tbody tr")).to_have_count(41)
    for item, value in answers.items():
        row = own.locator("tbody tr").filter(
            has=page.get_by_role("cell", name=item.text, exact=True)
        )
        shown = SCALE_LABELS[value]
        expect(row.locator("td").nth(1)).to_have_text(shown)
    screenshot("scans-02-answered")

    # The link is spent: it shows the answers again, never the form.
    page.goto(f"{link}deel/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor het invullen")
    expect(page.locator("form fieldset.item")).to_have_count(0)

    # Two more respondents: results need three (anonymity) and show disagreement and weakness.
    _answer_through_services(scan_round, OTHER_EMAILS[0], _planned_answers(scan_round, 1, 5))
    _answer_through_services(scan_round, OTHER_EMAILS[1], _planned_answers(scan_round, 2, 3))

    login_as(page, COORDINATOR_EMAIL)
    page.goto(f"/n/{NETWORK_SLUG}/scans/")
    page.get_by_role("link", name="T2", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/n/{NETWORK_SLUG}/scans/{scan_round.uuid}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scanronde T2")
    expect(page.locator("main")).to_contain_text("3 van 3 uitgenodigden (100%)")

    radar = page.locator("svg.radar")
    expect(radar).to_have_count(1)
    expect(radar).to_be_visible()
    expect(radar.locator("polygon.radar-area")).to_have_count(1)
    expect(radar.locator("text.chart-label")).to_have_count(5)  # the five perspectives

    attention = page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name="Aandachtspunten en advies")
    )
    expect(attention).to_be_visible()
    weak = attention.locator(".advice").filter(
        has=page.get_by_role("heading", name=re.compile(r"^Mate van gedeeldheid"))
    )
    expect(weak.locator(".flag", has_text="zwak")).to_be_visible()
    sourced = weak.locator("p").filter(has_text=re.compile(r"\(bron: [^)]+\)"))
    expect(sourced.first).to_be_visible()
    assert sourced.count() >= 1
    expect(weak.locator("p .source").first).to_have_text(re.compile(r"^\(bron: \d{3} .+\)$"))

    screenshot("scans-03-results")

    # The detail is one link away: every indicator, own statements, the breakdown.
    page.get_by_role(
        "link", name="Alle uitkomsten per indicator, eigen stellingen en uitsplitsing"
    ).click()
    expect(page).to_have_url(re.compile(r"\?weergave=details"))
    own_items = page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name="Eigen stellingen")
    )
    expect(own_items.get_by_role("cell", name=OWN_ITEM)).to_be_visible()
    screenshot("scans-03b-results-detail")

    # Breakdown per role: the three respondents came in through loose addresses (no role).
    page.get_by_role("link", name="per rol").click()
    expect(page).to_have_url(re.compile(r"\?per=role"))
    expect(page.get_by_role("heading", level=2, name="Uitsplitsen")).to_be_visible()
    screenshot("scans-04-results-per-role")


def test_answering_on_a_phone_by_keyboard_never_scrolls_sideways(page, scan_round, screenshot):
    """390 px wide: every screen of the scan, the marked open statements and the overview fit;
    a radio group is answered with the arrow keys, a button pressed with Enter."""
    from django_scopes import scope

    from wijknet.scans import services
    from wijknet.scans.models import ScanInvitation

    width = 390
    page.set_viewport_size({"width": width, "height": 844})
    with scope(network=scan_round.network):  # a fresh link (only hashes are stored)
        invitation = ScanInvitation.objects.get(round=scan_round, email=OTHER_EMAILS[0])
        token = "telefoon-e2e-token"
        invitation.token_hash = services.hash_token(token)
        invitation.save(update_fields=["token_hash"])
    link = f"/scan/{token}/"
    screens = _screens(_planned_answers(scan_round, low=2, high=4))

    page.goto(link)
    _no_sideways_scroll(page, width)
    page.get_by_role("link", name="Beginnen").click()
    expect(page.locator(".scan-progress-label")).to_have_text("Deel 1 van 6")
    _no_sideways_scroll(page, width)

    # Going on with nothing answered: each statement is marked where it is, nothing is lost.
    page.get_by_role("button", name="Volgende deel").click()
    expect(page.locator(".scan-error-summary")).to_contain_text("Nog 8 stellingen zonder antwoord")
    expect(page.locator("fieldset.item.has-error")).to_have_count(8)
    expect(page.locator("fieldset.item.has-error .field-error").first).to_be_visible()
    _no_sideways_scroll(page, width)
    screenshot("scans-390-open-marked")

    # Keyboard: the first group gets focus, an arrow key moves to and checks "2 oneens".
    first = page.locator("fieldset.item").first
    first.get_by_label(SCALE_LABELS[1], exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(first.get_by_label(SCALE_LABELS[2], exact=True)).to_be_checked()
    _choose(page, dict(list(screens[0].items())[1:]))
    page.get_by_role("button", name="Volgende deel").focus()
    page.keyboard.press("Enter")
    for number, screen in enumerate(screens[1:], start=2):
        expect(page.locator(".scan-progress-label")).to_have_text(f"Deel {number} van 6")
        _no_sideways_scroll(page, width)
        if number == 2:
            screenshot("scans-390-part")
        _choose(page, screen)
        name = "Naar controleren en indienen" if number == 6 else "Volgende deel"
        page.get_by_role("button", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleren en indienen")
    _no_sideways_scroll(page, width)
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor het invullen")
    _no_sideways_scroll(page, width)
    with scope(network=scan_round.network):
        invitation.refresh_from_db()
        assert invitation.submitted_at is not None
