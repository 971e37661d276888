import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from wijknet.networks.models import Membership, Network, Partner, Sector
from wijknet.roadmap.models import StepProgress


@pytest.mark.django_db
def test_demo_data_is_realistic_and_loads_only_once(capsys, settings):
    call_command("load_demo")
    call_command("load_demo")
    output = capsys.readouterr().out
    assert "Demo data already present; nothing changed." in output
    assert "coordinator@demo.wijknet.nl" in output and "wijknet-demo" in output
    assert Network.objects.count() == 2
    with scopes_disabled():
        oost = Network.objects.get(slug="gezond-oost")
        partners = Partner.objects.filter(network=oost)
        assert 15 <= partners.count() <= 25
        assert set(partners.values_list("organisation__sector", flat=True)) == set(Sector.values)
        members = Membership.objects.filter(network=oost)
        assert 20 <= members.count() <= 30
        assert set(members.values_list("role", flat=True)) == {
            "coordinator",
            "core",
            "partner",
            "citizen",
            "viewer",
        }
        phases = set(
            StepProgress.objects.filter(network=oost, status="done").values_list(
                "step__phase__key", flat=True
            )
        )
        assert phases == {"verkennen", "vormgeven"}
        from wijknet.scans import queries as scan_queries
        from wijknet.scans.models import ScanRound

        t0, t1 = ScanRound.objects.filter(network=oost).order_by("opens_on")
        assert (t0.label, t0.state, t1.label, t1.state) == ("T0", "closed", "T1", "open")
    with scope(network=oost):
        results = scan_queries.round_results(t1)
    assert results.submitted == 11 and results.invited > 11
    assert results.attention, "the demo should show advice"
    assert any(i.trend for i in results.all_indicators), "the demo should show a trend"

    # Every demo login has a two-factor device whose current code demo_code prints.
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management.base import CommandError
    from django_otp.plugins.otp_totp.models import TOTPDevice

    out = StringIO()
    settings.DEBUG = True  # pytest-django runs tests with DEBUG off
    call_command("demo_code", "partner@demo.wijknet.nl", stdout=out)
    user = get_user_model().objects.get(email="partner@demo.wijknet.nl")
    assert TOTPDevice.objects.get(user=user, name="demo").verify_token(out.getvalue().strip())
    with pytest.raises(CommandError):
        call_command("demo_code", "nobody@example.org")
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development"):
        call_command("demo_code", "partner@demo.wijknet.nl")


@pytest.mark.django_db
def test_language_switch_to_english(client, coordinator, roadmap):
    client.force_login(coordinator)
    client.post("/taal/", {"language": "en", "next": "/n/gezond-oost/"})
    html = client.get("/n/gezond-oost/").content.decode()
    assert '<html lang="en">' in html
    assert "Progress per phase" in html and "Voortgang per fase" not in html


MAKEMESSAGES = [
    "makemessages",
    "-l",
    "en",
    "--no-obsolete",
    "--ignore=.venv",
    "--ignore=e2e",
    "--ignore=var",
    "--ignore=node_modules",
    "--ignore=demo",
    "--ignore=content",
    "--ignore=bench",
]


def test_english_catalogue_is_complete_and_up_to_date(tmp_path):
    """Every Dutch string in the code has an English translation, none fuzzy.

    makemessages runs on a copy of the source tree (it writes to the `locale` folder it finds
    next to the code, so a copy of only the catalogue would not be updated): a string added
    without running `make messages` and translating it fails here.
    """
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "static", "*.mo")
    shutil.copytree(root / "wijknet", copy / "wijknet", ignore=skip)
    shutil.copytree(root / "demo", copy / "demo", ignore=skip)
    shutil.copytree(root / "content", copy / "content", ignore=skip)  # models read it on import
    shutil.copy(root / "manage.py", copy / "manage.py")
    po = copy / "wijknet" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    # A planted new string proves that makemessages updates this copy (so the test can fail).
    sentinel = "Nieuwe tekst zonder vertaling (test)"
    with open(copy / "wijknet" / "templates" / "base.html", "a", encoding="utf-8") as template:
        template.write(f'{{% translate "{sentinel}" %}}\n')
    env = {**os.environ, "LOCALE_DIR": str(po.parents[2])}
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    assert not list(copy.glob("wijknet/*/locale")), "keep one catalogue: wijknet/locale"
    for flag in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(
            ["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True
        )
        entries = [line for line in result.stdout.splitlines() if line.startswith("msgid ")]
        # msgattrib always prints the header entry (msgid "") when it prints anything.
        expected = [f'msgid "{sentinel}"'] if flag == "--untranslated" else []
        assert [e for e in entries if e != 'msgid ""'] == expected, (
            f"{flag}: run `make messages` and translate: {entries}"
        )


@pytest.mark.django_db
def test_dutch_is_the_default_even_for_an_english_browser(client):
    html = client.get("/account/inloggen/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="nl">' in html.content.decode()
    assert "Inloggen bij wijknet" in html.content.decode()
