"""A signal card shows its first ten facts and counts the rest (a signal about hundreds of
actions or partners stays one card long)."""

from types import SimpleNamespace

from django.template.loader import render_to_string


def card(facts: int) -> str:
    signal = SimpleNamespace(
        severity="high",
        title="Veel acties over de datum",
        evidence=[f"Feit {n:02d}" for n in range(facts)],
        advice="Bespreek het.",
        source="003",
        acknowledged=False,
    )
    return render_to_string("health/_signal.html", {"signal": signal, "prefix": "t", "n": 1})


def test_ten_facts_then_a_count():
    html = card(12)
    assert html.count("<li>Feit") == 10 and "Feit 09" in html and "Feit 10" not in html
    assert "en nog 2 andere" in html


def test_ten_or_fewer_facts_all_shown_without_a_count():
    html = card(10)
    assert html.count("<li>Feit") == 10 and "en nog" not in html
