"""Content in two languages: every Dutch text in content/ has its English counterpart."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from wijknet.core.content import localize, untranslated

CONTENT = Path(settings.BASE_DIR) / "content"
FILES = sorted(CONTENT.rglob("*.yaml"))


def test_the_content_files_are_found():
    names = {str(p.relative_to(CONTENT)) for p in FILES}
    assert {
        "roadmap.yaml",
        "advice.yaml",
        "health.yaml",
        "consent.yaml",
        "instruments/samenwerkingsscan.yaml",
        "instruments/negen-tips.yaml",
    } <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_every_dutch_content_text_has_an_english_counterpart(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert untranslated(data) == []


def test_the_check_finds_what_is_missing():
    data = {
        "version": 2,
        "phases": [
            {
                "key": "verkennen",
                "source": "002 §4.4",
                "name": "Netwerk verkennen",
                "summary": {"nl": "Samenvatting", "en": ""},
                "steps": [
                    {"key": "a", "title": {"nl": "Titel"}, "guidance": {"nl": "G", "en": "G"}}
                ],
            }
        ],
        "signals": {"x": {"nl": "{name} stopte op {day}.", "en": "{name} left."}},
    }
    assert untranslated(data) == [
        "phases[0].name: Dutch only (write it as {nl: ..., en: ...})",
        "phases[0].summary: no 'en' text",
        "phases[0].steps[0].title: no 'en' text",
        "signals.x: the placeholders differ between 'nl' and 'en'",
    ]


def test_localize_picks_the_language_and_falls_back_to_dutch():
    text = {"nl": "Hallo", "en": "Hello"}
    assert localize(text, "en") == "Hello"
    assert localize(text, "nl") == "Hallo"
    assert localize(text, "de") == "Hallo"
    assert localize({"nl": "Alleen Nederlands"}, "en") == "Alleen Nederlands"
    assert localize("platte tekst", "en") == "platte tekst"
