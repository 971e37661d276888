"""A signal card shows its first ten facts and counts the rest (a signal about hundreds of
actions or partners stays one card long)."""

from django.template.loader import render_to_string

from wijknet.health.rules import Signal


def make(facts: int) -> Signal:
    return Signal(
        code="test",
        severity="high",
        title_msg="Veel acties over de datum",
        evidence_msgs=tuple(f"Feit {n:02d}" for n in range(facts)),
        advice_key="bespreek",
        source="003",
    )


def card(facts: int) -> str:
    return render_to_string("health/_signal.html", {"signal": make(facts), "prefix": "t", "n": 1})


def test_ten_facts_then_a_count():
    html = card(12)
    assert html.count("<li>Feit") == 10 and "Feit 09" in html and "Feit 10" not in html
    assert "en nog 2 andere" in html


def test_ten_or_fewer_facts_all_shown_without_a_count():
    html = card(10)
    assert html.count("<li>Feit") == 10 and "en nog" not in html


def test_the_stored_fingerprint_is_the_computed_one():
    signal = make(12)
    stored = Signal.from_dict(signal.as_dict())
    assert stored.stored_fingerprint == signal.fingerprint == stored.fingerprint
    legacy = {k: v for k, v in signal.as_dict().items() if k != "fingerprint"}
    assert Signal.from_dict(legacy).fingerprint == signal.fingerprint
    assert stored == signal  # the stored fingerprint does not take part in equality
