"""End-to-end: the life of a network after its start, in a real headless Chromium.

The coordinator of the demo network Gezond Oost records a meeting (attendance, a decision, a
reflection), sees a health signal explain itself with the fact she just created, marks a signal
as not applicable, and looks at the collaboration graph. Screenshots land in
e2e/screenshots/life-*.png.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

pytestmark = pytest.mark.browser

NETWORK = "/n/gezond-oost"
COORDINATOR_NAME = "Fatima El Amrani"  # demo.data: coordinator@demo.wijknet.nl
MEETING_URL = re.compile(rf"{NETWORK}/bijeenkomsten/[0-9a-f-]+/$")
DECISIONS_TITLE = "Besluiten zijn niet aan alle leden gecommuniceerd"


def _local_day(days_ago: int):
    from django.utils import timezone

    return timezone.localdate() - timedelta(days=days_ago)


def _plan_meeting(page, *, title, day, time, kind, agenda, invite, location="Buurthuis De Schakel"):
    """Fill in and submit the 'Bijeenkomst plannen' form; lands on the meeting's detail page."""
    page.goto(f"{NETWORK}/bijeenkomsten/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijeenkomst plannen")
    form = page.locator("main form[method=post]")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=title]").fill(title)
    form.locator("input[name=starts_at]").fill(f"{day:%Y-%m-%d}T{time}")
    form.locator("input[name=duration_minutes]").fill("75")
    form.locator("input[name=location]").fill(location)
    form.locator("select[name=chair]").select_option(label=COORDINATOR_NAME)
    form.locator("textarea[name=agenda]").fill("\n".join(agenda))
    partners = form.locator("#id_invited_partners")
    for name in invite:
        partners.get_by_label(name, exact=True).check()
    return form


def _signal_card(page, title, scope="main"):
    return page.locator(f"{scope} article.signal").filter(has=page.locator("h3", has_text=title))


def test_record_meeting_attendance_decision_and_reflection(logged_in, screenshot):
    page = logged_in
    title = "Werkbezoek gezondheidscentrum Oost (e2e)"
    day = _local_day(2)
    agenda = ["Rondleiding", "Verwijzen naar beweegaanbod", "Afspraken voor het najaar"]
    invited = ["Buurtzorg Oost", "Gemeente Oosterstad", "Welzijn Oost"]
    present = ["Buurtzorg Oost", "Welzijn Oost"]

    form = _plan_meeting(
        page, title=title, day=day, time="14:30", kind="visit", agenda=agenda, invite=invited
    )
    screenshot("life-01-meeting-form")
    form.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(MEETING_URL)
    expect(page.locator(".messages .message.success")).to_contain_text(
        f"Bijeenkomst {title} is gepland."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Werkbezoek")
    expect(facts.locator("time")).to_have_attribute(
        "datetime", re.compile(rf"^{day:%Y-%m-%d}T14:30")
    )
    expect(facts).to_contain_text("75 minuten")
    expect(facts).to_contain_text("Buurthuis De Schakel")
    expect(facts).to_contain_text(COORDINATOR_NAME)
    agenda_list = page.locator("section[aria-labelledby=agenda-heading] ol li")
    expect(agenda_list).to_have_text(agenda)
    attendance = page.locator("section[aria-labelledby=attendance-heading] tbody tr")
    expect(attendance).to_have_count(len(invited))
    expect(attendance.filter(has_text="niet vastgelegd")).to_have_count(len(invited))
    detail_url = page.url

    # Attendance: two of the three invited partners were there.
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Aanwezigheid bij {title}")
    attendance_form = page.locator("main form[method=post]")
    boxes = attendance_form.locator("input[name=present]")
    expect(boxes).to_have_count(len(invited))
    for name in present:
        attendance_form.get_by_label(name, exact=True).check()
    screenshot("life-02-attendance-form")
    attendance_form.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(detail_url)
    expect(page.locator(".messages .message.success")).to_contain_text("Aanwezigheid opgeslagen.")
    for name in invited:
        row = attendance.filter(has=page.get_by_role("cell", name=name, exact=True))
        expected = "aanwezig" if name in present else "afwezig"
        expect(row.locator("td").nth(1)).to_have_text(expected)

    # A decision, straight from the form on the detail page.
    decision = "De huisartsen verwijzen ouderen voortaan naar de beweegcoach (e2e)."
    decisions = page.locator("section[aria-labelledby=decisions-heading]")
    decisions.get_by_label("Nieuw besluit").fill(decision)
    decisions.get_by_role("button", name="Besluit toevoegen").click()

    expect(page).to_have_url(detail_url)
    expect(page.locator(".messages .message.success")).to_contain_text("Besluit vastgelegd.")
    decision_row = decisions.locator("tbody tr").filter(has_text=decision)
    expect(decision_row).to_have_count(1)
    expect(decision_row.locator(".badge")).to_have_text("nog niet")

    # The reflection: three 1–5 scales and a remark.
    page.get_by_role("link", name="Reflectie vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Reflectie op {title}")
    reflection_form = page.locator("main form[method=post]")
    scores = {
        "Hoe gaat de samenwerking?": "4",
        "Hoe is de betrokkenheid?": "3",
        "Werken we richting ons doel?": "5",
    }
    for question, score in scores.items():
        group = reflection_form.locator("fieldset").filter(has_text=question)
        group.get_by_label(score, exact=True).check()
    remark = "Goed gesprek; de gemeente was er niet bij, volgende keer apart bijpraten."
    reflection_form.get_by_label("Opmerking").fill(remark)
    screenshot("life-03-reflection-form")
    reflection_form.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(detail_url)
    expect(page.locator(".messages .message.success")).to_contain_text("Reflectie opgeslagen.")
    reflection = page.locator("section[aria-labelledby=reflection-heading]")
    for question, score in scores.items():
        row = reflection.locator("tbody tr").filter(has_text=question)
        expect(row.locator("td")).to_have_text(score)
    expect(reflection).to_contain_text(remark)
    expect(reflection.get_by_role("link", name="Reflectie wijzigen")).to_be_visible()
    screenshot("life-04-meeting-detail")

    # The meeting is listed among the past meetings.
    page.goto(f"{NETWORK}/bijeenkomsten/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    screenshot("life-05-meeting-list")


def test_signal_explains_itself_and_can_be_marked_not_applicable(logged_in, screenshot):
    page = logged_in
    title = "Kerngroep: wijkagenda (e2e)"
    day = _local_day(20)  # past the 14 days' grace for communicating decisions
    decision = "De wijkagenda wordt maandelijks gedeeld via de bibliotheek (e2e)."
    evidence = f"'{decision}' ({title}, {day.day} {MONTHS[day.month - 1]} {day.year})"

    # Before: the fact is not (yet) evidence of any signal.
    page.goto(f"{NETWORK}/signalen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen")
    expect(page.locator("main")).not_to_contain_text(decision)

    form = _plan_meeting(
        page,
        title=title,
        day=day,
        time="10:00",
        kind="core",
        agenda=["Wijkagenda", "Communicatie"],
        invite=["Welzijn Oost", "Gemeente Oosterstad"],
    )
    form.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(MEETING_URL)
    page.locator("section[aria-labelledby=decisions-heading]").get_by_label("Nieuw besluit").fill(
        decision
    )
    page.get_by_role("button", name="Besluit toevoegen").click()
    expect(page.locator(".messages .message.success")).to_contain_text("Besluit vastgelegd.")

    # The signal lists the decision as evidence, with its advice and source.
    page.goto(f"{NETWORK}/signalen/")
    card = _signal_card(page, DECISIONS_TITLE)
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", name="Waarom dit signaal?")).to_be_visible()
    expect(card.locator("ul.evidence li").filter(has_text=decision)).to_have_text(evidence)
    expect(card.locator(".advice")).to_contain_text(
        "Communiceer vanuit de kerncoalitie naar alle netwerkleden"
    )
    expect(card.locator(".source")).to_have_text(
        "Bron: 002 §4.1 Leiden; 003 tip 4; 002 Aanbeveling 1"
    )
    expect(card.locator(".badge")).to_have_text(re.compile(r"^(hoog|middel)$"))
    card.scroll_into_view_if_needed()
    screenshot("life-06-signals")

    # The dashboard has a Signalen card with the most severe new signals and a link here.
    page.goto(f"{NETWORK}/")
    signals_card = page.locator("section.signals-card")
    expect(signals_card.get_by_role("heading", level=2)).to_have_text("Signalen")
    expect(signals_card.locator("li").first).to_be_visible()
    expect(
        signals_card.get_by_role("link", name="Alle signalen met uitleg en advies")
    ).to_be_visible()
    screenshot("life-07-dashboard-signals")
    signals_card.get_by_role("link", name="Alle signalen met uitleg en advies").click()
    expect(page).to_have_url(re.compile(rf"{NETWORK}/signalen/$"))

    # 'Niet van toepassing' needs a reason.
    card = _signal_card(page, DECISIONS_TITLE)
    card.get_by_label("Niet van toepassing").check()
    card.get_by_role("button", name="Markeren").click()
    expect(page.locator(".messages .message.error")).to_contain_text(
        "Geef een reden waarom dit signaal niet van toepassing is."
    )
    expect(_signal_card(page, DECISIONS_TITLE)).to_have_count(1)
    expect(page.locator("main details")).to_have_count(0)

    reason = "Besluiten staan in het verslag dat alle leden per mail krijgen (e2e)."
    card = _signal_card(page, DECISIONS_TITLE)
    card.get_by_label("Niet van toepassing").check()
    card.get_by_label("Reden").fill(reason)
    card.get_by_role("button", name="Markeren").click()

    expect(page).to_have_url(re.compile(rf"{NETWORK}/signalen/$"))
    expect(page.locator(".messages .message.success")).to_contain_text(
        f"Signaal gemarkeerd: {DECISIONS_TITLE}"
    )
    # It moved to the folded 'gemarkeerd' section, with who marked it and why.
    folded = page.locator("main details")
    expect(folded.locator("summary")).to_have_text("1 gemarkeerd signaal")
    expect(_signal_card(page, DECISIONS_TITLE)).to_have_count(1)
    expect(_signal_card(page, DECISIONS_TITLE, scope="main details")).to_have_count(1)
    folded.locator("summary").click()
    acked = _signal_card(page, DECISIONS_TITLE, scope="main details")
    expect(acked).to_be_visible()
    expect(acked.locator("form")).to_have_count(0)
    expect(acked.locator("p.muted")).to_contain_text(f"Niet van toepassing · {COORDINATOR_NAME}")
    expect(acked.locator("p.muted")).to_contain_text(reason)
    expect(acked.locator("ul.evidence")).to_contain_text(decision)
    screenshot("life-08-signals-acknowledged")

    # Marked signals no longer show on the dashboard.
    page.goto(f"{NETWORK}/")
    expect(page.locator("section.signals-card")).not_to_contain_text(DECISIONS_TITLE)


def test_collaboration_graph_draws_and_lists_partners(logged_in, browser_log, screenshot):
    page = logged_in
    with page.expect_response(lambda r: r.url.endswith("/samenwerking/graaf.json")) as data:
        page.goto(f"{NETWORK}/samenwerking/")
    assert data.value.ok, data.value.status
    assert "json" in data.value.headers["content-type"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie werkt met wie?")

    # Cytoscape drew into #graph: its canvases appear and have a size.
    canvas = page.locator("#graph canvas").first
    expect(canvas).to_be_attached()
    page.wait_for_function(
        "() => window.cytoscape !== undefined"
        " && [...document.querySelectorAll('#graph canvas')].some((c) => c.width > 0)"
    )
    box = page.locator("#graph").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200, box

    table = page.locator("table").filter(
        has=page.locator("caption", has_text="Partners en hun verbindingen")
    )
    names = table.locator("tbody tr td:first-child")
    assert names.count() >= 5, names.all_inner_texts()
    for partner in ["Buurtzorg Oost", "Gemeente Oosterstad", "Huisartsenpraktijk Oosterpark"]:
        expect(names.filter(has_text=partner)).to_have_count(1)
    expect(table.locator("tbody .badge", has_text="kartrekker").first).to_be_visible()
    page.wait_for_timeout(300)  # let the layout settle for the screenshot
    screenshot("life-09-graph")
    assert not browser_log.console_errors, browser_log.console_errors


def test_only_the_current_section_is_marked_in_the_navigation(logged_in):
    page = logged_in
    nav = page.get_by_role("navigation", name=re.compile("Netwerk|Network"))
    for path, label in [("signalen/", "Signalen"), ("samenwerking/", "Samenwerking")]:
        page.goto(f"{NETWORK}/{path}")
        current = nav.locator("a[aria-current=page]")
        expect(current).to_have_text([label], timeout=2_000)
