"""Fixtures for the end-to-end tests: a live Django server, demo data and headless Chromium.

The project's own fixtures (wijknet/conftest.py) are not visible here, so the settings they set
(immediate tasks, a fast password hasher, plain static files storage) are repeated below.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in this thread; Django's ORM would then
# refuse to run (SynchronousOnlyOperation) in fixtures and assertions. Set before Django is used.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

COORDINATOR_EMAIL = "coordinator@demo.wijknet.nl"
DEMO_PASSWORD = "wijknet-demo"  # demo.data.PASSWORD
NETWORK_SLUG = "gezond-oost"


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """On SQLite the test database lives in memory and the live server's request threads share
    the test's one connection (Django's connections_override): two requests at once (a page's
    htmx badge and its graph data, say) interleave on it and one of them reads nothing (a 404
    seen in CI). A single-threaded server answers them one after the other; on PostgreSQL
    every thread has its own connection and the server stays threaded."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class SingleThreadedServer(WSGIServer):
        # The live server thread has the overridden connections already.
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = SingleThreadedServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session", autouse=True)
def _access_log_test_flush():
    """`live_server` flushes the test database after every test; our `flush` command refuses to
    empty the access log unless this is on (and the database is a test database). Test runs
    only; see wijknet/conftest.py and wijknet/accesslog/db.py."""
    from django.conf import settings

    settings.ACCESS_LOG_ALLOW_TEST_FLUSH = True
    yield
    settings.ACCESS_LOG_ALLOW_TEST_FLUSH = False


@pytest.fixture(autouse=True)
def _e2e_settings(settings):
    """The live server thread shares this process's settings, so these apply to it too."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def demo(_e2e_settings, live_server):
    """Step plan content plus the demo networks. `live_server` implies `transactional_db`, so
    the database is flushed after every test and the demo data is loaded again for each one."""
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserLog:
    """Console errors, uncaught page errors and CSP violations seen by one browser context."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.csp_violations: list[str] = []

    def on_console(self, message):
        if message.type == "error":
            text = f"{message.text} ({message.location.get('url', '')})"
            self.console_errors.append(text)
            if "Content Security Policy" in message.text:
                self.csp_violations.append(text)

    def on_page_error(self, error):
        self.page_errors.append(str(error))

    def on_csp_violation(self, source, description):
        self.csp_violations.append(f"securitypolicyviolation: {description}")

    def assert_clean(self):
        assert not self.csp_violations, "CSP violations:\n" + "\n".join(self.csp_violations)
        assert not self.page_errors, "JavaScript errors:\n" + "\n".join(self.page_errors)


E2E_DIR = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test under e2e/ is a browser test, marked or not: `-m "not browser"` (CI's
    PostgreSQL pass) must leave them all out. test_graph_readable.py lacked the marker and ran
    its live server on PostgreSQL, whose request threads could still hold a connection when the
    test database was dropped ("is being accessed by other users"). tryfirst: before the mark
    plugin deselects."""
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a passing test body, fail the test on CSP violations or uncaught JS errors."""
    result = yield
    log = item.funcargs.get("browser_log")
    if log is not None:
        # Other console errors (e.g. the expected 404s) are only reported: see `pytest -rA`.
        if log.console_errors:
            item.add_report_section("call", "browser console", "\n".join(log.console_errors))
        log.assert_clean()
    return result


# Registered before any page script runs; reports violations that do not reach the console.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__wijknetCsp(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                     + `at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
});
"""


@pytest.fixture
def browser_log():
    return BrowserLog()


@pytest.fixture
def page(browser, live_server, browser_log):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    context.expose_binding("__wijknetCsp", browser_log.on_csp_violation)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", browser_log.on_console)
    page.on("pageerror", browser_log.on_page_error)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """`screenshot("name")` saves a full-page PNG of the current page in e2e/screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str):
        safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower())
        page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)

    return take


@pytest.fixture
def logged_in(page, demo):
    """A page logged in as the demo coordinator, on the network dashboard (login lands on
    "Mijn werk"; the dashboard is one click away)."""
    from playwright.sync_api import expect

    page.goto("/account/inloggen/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(COORDINATOR_EMAIL)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/n/{NETWORK_SLUG}/mijn-werk/$"))
    page.get_by_role("link", name="Naar het netwerkdashboard").click()
    expect(page).to_have_url(re.compile(rf"/n/{NETWORK_SLUG}/$"))
    return page


@pytest.fixture
def scan_content(demo):
    """The scan instruments and their advice: `load_demo` loads only the step plan."""
    from django.core.management import call_command

    call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def login_as():
    """`login_as(page, email)` logs a (demo) user in through the login form on that page."""

    def login(page, email, password=DEMO_PASSWORD):
        from playwright.sync_api import expect

        page.goto("/account/inloggen/")
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=username]").fill(email)
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"^(?!.*/account/inloggen/)"))
        # Logged in, and the landing page done (its htmx requests included) before the test
        # navigates on: a navigation that overtakes them makes the next step depend on timing.
        expect(page.locator("nav.user-nav")).to_be_visible()
        page.wait_for_load_state("networkidle")
        return page

    return login
