"""Hostile and broken network files: refused quickly, with a message naming line and field,
a non-zero exit and no traceback; never a whole value in a message."""

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from wijknet.networkfile import loader
from wijknet.networkfile.importer import import_network
from wijknet.networkfile.validate import validate
from wijknet.networks.models import Network

SMALL = Path(__file__).with_name("small.yaml")

BILLION_LAUGHS = """\
format: wijknet-network/1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
network:
  slug: bom
  phase: *i
"""

DUPLICATE = """\
format: wijknet-network/1
network:
  slug: dubbel
  name: Eerste naam
  name: Tweede naam
"""


def _refused(path: Path) -> tuple[str, float]:
    """(message, seconds) of an import_network that must fail."""
    start = time.monotonic()
    with pytest.raises(CommandError) as raised:
        call_command("import_network", str(path))
    seconds = time.monotonic() - start
    assert raised.value.returncode == 1
    return str(raised.value), seconds


def _small_with(old: str, new: str) -> tuple[str, int]:
    """small.yaml with one line changed; (text, number of that line)."""
    text = SMALL.read_text(encoding="utf-8")
    lines = text.splitlines()
    number = lines.index(old) + 1
    lines[number - 1] = new
    return "\n".join(lines) + "\n", number


@pytest.mark.django_db
def test_an_alias_bomb_is_refused_in_under_a_second(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    message, seconds = _refused(path)
    assert seconds < 1, seconds
    assert message == (
        f"{path}: regel 2: Verwijzingen (&anker en *alias) zijn niet toegestaan in een "
        "netwerkbestand; schrijf elke waarde voluit."
    )
    assert Network.objects.count() == 0


@pytest.mark.django_db
def test_a_duplicate_key_is_refused_in_under_a_second(tmp_path):
    path = tmp_path / "dubbel.yaml"
    path.write_text(DUPLICATE, encoding="utf-8")
    message, seconds = _refused(path)
    assert seconds < 1, seconds
    assert message == (
        f"{path}: regel 5: Het veld 'name' staat twee keer in dezelfde verzameling (ook op "
        "regel 4); YAML zou stil de laatste waarde houden."
    )


@pytest.mark.parametrize(("name", "text"), [("bom", BILLION_LAUGHS), ("dubbel", DUPLICATE)])
def test_the_command_exits_non_zero_without_a_traceback(tmp_path, name, text):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "import_network", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
        # Django's checks open a connection: an empty SQLite file does (no data is read).
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}"},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"CommandError: {path}: regel ")


@pytest.mark.django_db
def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "groot.yaml"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB by its size
    tracemalloc.start()
    try:
        message, _seconds = _refused(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message.replace("\xa0", " ") == (
        f"{path}: Het bestand is 50,0 MB groot; een netwerkbestand mag hoogstens 5,0 MB zijn."
    )
    assert peak < 2 * 1024 * 1024, peak


def test_a_file_that_grows_past_its_size_is_not_read_beyond_the_limit(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("format: x\n" * 200, encoding="utf-8")
    with pytest.raises(loader.NetworkFileError, match="mag hoogstens"):
        loader.load_path(path, max_bytes=100)


@pytest.mark.django_db
def test_an_impossible_date_names_the_line_and_the_field(roadmap):
    text, line = _small_with("    joined_on: 2025-01-15", "    joined_on: 2025-02-30")
    report = import_network(loader.load_text(text))
    assert [str(p) for p in report.problems] == [
        f"regel {line}, partners[0].joined_on: Onmogelijke datum '2025-02-30': die dag bestaat "
        "niet."
    ]
    assert Network.objects.count() == 0


@pytest.mark.django_db
def test_the_command_reports_an_impossible_date_with_line_and_field(roadmap, tmp_path, capsys):
    text, line = _small_with("    joined_on: 2025-01-15", "    joined_on: 2025-02-30")
    path = tmp_path / "datum.yaml"
    path.write_text(text, encoding="utf-8")
    message, _seconds = _refused(path)
    assert message == f"{path}: niets geïmporteerd (1 problemen)."
    err = capsys.readouterr().err
    assert f"  regel {line}, partners[0].joined_on: Onmogelijke datum '2025-02-30'" in err


@pytest.mark.django_db
def test_unknown_keys_and_huge_numbers_name_their_line(roadmap):
    text, colour = _small_with("    hours_per_month: 12", "    kleur: blauw")
    text, hours = _small_with("    hours_per_month: 2", "    hours_per_month: " + "9" * 5000)
    text = text.replace("    hours_per_month: 12", "    kleur: blauw")
    problems = [str(p) for p in validate(loader.load_text(text)).problems]
    assert problems == [
        f"regel {colour}, partners[0].kleur: Onbekend veld.",
        f"regel {hours}, partners[1].hours_per_month: Verwacht een geheel getal.",
    ]


def test_a_huge_value_is_never_formatted_whole():
    data = {"format": "x" * 1_000_000, "network": {"phase": ["lol"] * 1_000_000}}
    problems = {p.path: p.message for p in validate(data, check_slug=False).problems}
    assert problems["format"] == (
        f"Verwacht format: wijknet-network/2 of wijknet-network/1 (gevonden: {'x' * 60!r}…)."
    )
    assert problems["network.phase"].startswith("Onbekende waarde (een lijst); kies uit: ")
    assert max(len(m) for m in problems.values()) < 600


def test_deep_nesting_and_broken_yaml_are_messages_not_tracebacks():
    with pytest.raises(loader.NetworkFileError, match="Te diep genest"):
        loader.load_text("a: " + "[" * 5000 + "]" * 5000)
    with pytest.raises(loader.NetworkFileError) as raised:
        loader.load_text("format: [unclosed\nnetwork: {}\n")
    assert str(raised.value).startswith("regel 2: Dit is geen geldige YAML: expected ',' or ']'")


def test_lines_are_kept_for_every_mapping_and_list():
    data = loader.load_text("a:\n  - x: 1\n    y: [1,\n      2]\n")
    assert loader.line_of(data, "a[0].y[1]") == 4
    assert loader.line_of(data, "a[0].zz") == 2  # unknown: the nearest known line
    assert loader.line_of({"a": 1}, "a") is None  # plain data (yaml.safe_load): no lines
