from datetime import timedelta

import pytest
import yaml
from django.utils import timezone
from django_scopes import scope

from wijknet.scans import services
from wijknet.scans.content import load_advice, load_instrument
from wijknet.scans.models import Instrument, Item

MINI = {
    "key": "mini",
    "version": 1,
    "name": "Mini-scan",
    "groups": [
        {
            "key": f"g{g}",
            "name": f"Onderdeel {g}",
            "indicators": [
                {
                    "key": f"i{g}",
                    "name": f"Indicator {g}",
                    "definition": "Definitie",
                    "items": [
                        {"key": f"m{g}a", "text": f"Stelling {g}a"},
                        {"key": f"m{g}b", "text": f"Stelling {g}b"},
                    ],
                }
            ],
        }
        for g in (1, 2, 3)
    ],
}


@pytest.fixture
def mini(tmp_path, roadmap):
    """A three-part instrument with two items per indicator, plus advice for indicator 1."""
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(MINI, allow_unicode=True), encoding="utf-8")
    load_instrument(path)
    advice = tmp_path / "advice.yaml"
    advice.write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "advice": [
                    {
                        "instrument": "mini",
                        "indicator": "i1",
                        "text": "Plan lummeltijd in.",
                        "source": "003 tip 1",
                        "steps": ["verkennen-klein-beginnen"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    load_advice(advice)
    return Instrument.objects.get(key="mini")


def items_of(instrument):
    return {i.key: i for i in Item.objects.filter(instrument=instrument).order_by("pk")}


@pytest.fixture
def make_round(network, coordinator, mini):
    def make(label="T0", opens_on=None, emails=("a@example.org",), roles=()):
        opens_on = opens_on or timezone.localdate() - timedelta(days=1)
        with scope(network=network):
            return services.round_create(
                acting_user=coordinator,
                network=network,
                label=label,
                instruments=[mini],
                opens_on=opens_on,
                closes_on=max(opens_on, timezone.localdate()) + timedelta(7),
                extra_emails=emails,
                roles=roles,
            )

    return make


@pytest.fixture
def respond(network, mini):
    """Submit one response: `values` maps item key → 1–5 or None (weet niet)."""
    from wijknet.scans.models import ScanInvitation

    def answer(round_, values, *, role="partner", email=None):
        items = items_of(mini)
        with scope(network=network):
            invitation = ScanInvitation.objects.create(
                network=network,
                round=round_,
                email=email or f"r{ScanInvitation.objects.count()}@example.org",
                role=role,
                token_hash=f"{round_.pk}-{ScanInvitation.objects.count()}",
            )
            answers = {items[k].pk: v for k, v in values.items()}
            full = {i.pk: 3 for i in items.values()} | answers
            services.answers_save(invitation=invitation, answers=full, submit=True)
        return invitation

    return answer


def token_of(mail):
    return mail.body.split("/scan/")[1].split("/")[0]


@pytest.fixture
def invited_round(network, coordinator, mini, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), scope(network=network):
        round_ = services.round_create(
            acting_user=coordinator,
            network=network,
            label="T0",
            instruments=[mini],
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate() + timedelta(days=14),
            extra_emails=["staf@example.org", "ander@example.org"],
        )
    tokens = {m.to[0]: token_of(m) for m in mailoutbox}
    return round_, tokens


def full_answers(mini, value="4"):
    return {f"item_{item.pk}": value for item in items_of(mini).values()}


def answer_screens(client, base, mini, value="4"):
    """Answer every screen of the mini scan (three parts) at `base` ("/scan/<token>/") with
    "Volgende deel"; nothing is submitted yet. Returns the last response."""
    response = None
    for part in (1, 2, 3):
        response = client.post(
            f"{base}deel/{part}/", full_answers(mini, value) | {"action": "next"}
        )
    return response


def submit_all(client, base, mini, value="4", **kwargs):
    """Answer every screen, then submit on the overview; returns the submission's response."""
    answer_screens(client, base, mini, value)
    return client.post(f"{base}indienen/", {"action": "submit"}, **kwargs)
