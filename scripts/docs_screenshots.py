"""Take the README's screenshots (docs/screenshots/) from a running wijknet with the demo data.

    PORT=8137 bash scripts/run.sh &          # a development server with the demo
    .venv/bin/python scripts/docs_screenshots.py http://127.0.0.1:8137

Logs in as the demo coordinator and saves "Mijn werk", the first part of the open scan and the
collaboration graph at 1366 and 320 px wide (what the screen shows, not the whole page). Needs
Chromium at /usr/bin/chromium. Fails when a page scrolls sideways.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
NETWORK = "/n/gezond-oost"
WIDTHS = {1366: 900, 320: 1100}


def main(base_url: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(base_url=base_url, locale="nl-NL")
        page.goto("/account/inloggen/")
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=username]").fill("coordinator@demo.wijknet.nl")
        form.locator("input[name=password]").fill("wijknet-demo")
        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"/mijn-werk/$"))
        scan = page.locator("main a[href*='/invullen/']").first.get_attribute("href")
        pages = {
            "mijn-werk": f"{NETWORK}/mijn-werk/",
            "scan-invullen": f"{scan}deel/1/",
            "samenwerking": f"{NETWORK}/samenwerking/",
        }
        for width, height in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            for name, url in pages.items():
                page.goto(url)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)  # the graph settles
                scroll = page.evaluate("() => document.documentElement.scrollWidth")
                if scroll > width:
                    raise SystemExit(f"{url} scrolls sideways at {width} px ({scroll} px)")
                page.screenshot(path=str(OUT / f"{name}-{width}.png"))
                print(OUT / f"{name}-{width}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
