"""Snapshot query count, acknowledgements, settings, the command and the digest."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope

from wijknet.core.models import AuditEvent
from wijknet.health import monitor, services
from wijknet.health.models import HealthSettings, SignalAcknowledgement
from wijknet.health.snapshot import load_snapshot
from wijknet.health.tasks import send_health_digest
from wijknet.initiatives.models import Initiative

from . import factories as f

pytestmark = pytest.mark.django_db


def busy_network(network, meetings: int):
    """A network with data in every corner the snapshot reads."""
    today = timezone.localdate()
    partners = [
        f.partner(network, f"Partner {i}", commitment_operational="strong") for i in range(4)
    ]
    chair = f.member(network, "coordinator", organisation=partners[0].organisation).user
    f.member(network, "citizen")
    g = f.goal(network)
    for i in range(meetings):
        m = f.meeting(
            network,
            today - timedelta(days=3 * i),
            chair=chair,
            attended=partners[:2],
            absent=partners[2:],
            agenda="a\nb\nc",
        )
        f.decision(m, f"Besluit {i}")
        if i % 2:
            f.reflection(m)
        f.action(network, goal=g, owner=chair, meeting=m)
    f.success(network, today - timedelta(days=5))
    f.funding(network, "Subsidie", ends_on=today + timedelta(days=30))
    f.agreement(network, terms=partners[:2], endorsements=[(partners[0], "operational")])
    from wijknet.scans.models import ScanRound

    ScanRound.objects.create(network=network, label="T0", opens_on=today, closes_on=today)
    for i in range(meetings // 10):  # residents' ideas, unanswered past the term
        idea = Initiative.objects.create(
            network=network, title=f"Idee {i}", initiator_role="citizen"
        )
        Initiative._base_manager.filter(pk=idea.pk).update(
            created_at=timezone.now() - timedelta(weeks=8)
        )


@pytest.mark.parametrize("meetings", [10, 50])
def test_snapshot_query_count_does_not_grow(network, meetings, django_assert_num_queries):
    busy_network(network, meetings)
    # 24 + 3 for the residents' ideas (the response term, the counts, the unanswered ones)
    # + 1 for the wijkprofiel's areas + 1 for the next planned scan
    with django_assert_num_queries(29):
        snapshot = load_snapshot(network)
    assert len(snapshot.recent_meetings) == 6
    assert snapshot.meetings_last_year == meetings
    assert snapshot.uncommunicated_count == meetings
    assert snapshot.unanswered_ideas_count == len(snapshot.unanswered_ideas) == meetings // 10
    # the whole monitor: the snapshot, the network's settings and its acknowledgements
    with django_assert_num_queries(31):
        monitor.evaluate(network)


def test_evaluate_returns_signals_most_severe_first(network):
    busy_network(network, 3)
    signals = monitor.evaluate(network)
    order = ["high", "medium", "low"]
    assert [order.index(s.severity) for s in signals] == sorted(
        order.index(s.severity) for s in signals
    )
    assert "funding_ending" in [s.code for s in signals]
    top = monitor.top_signals(network, limit=3)
    assert top == [s for s in signals if not s.acknowledged][:3] and len(top) == 3


class TestAcknowledgement:
    def test_acknowledged_signal_is_hidden_and_returns_when_data_change(self, network, coordinator):
        f.partner(network, "Welzijn")
        [signal] = [
            s for s in monitor.top_signals(network, limit=20) if s.code == "gemeente_missing"
        ]
        with scope(network=network):
            services.signal_acknowledge(
                acting_user=coordinator, network=network, signal=signal, status="seen"
            )
        assert "no_kartrekker" not in [s.code for s in monitor.evaluate(network)]
        after = {s.code: s for s in monitor.evaluate(network)}
        assert after["gemeente_missing"].ack_status == "seen"
        assert "gemeente_missing" not in [s.code for s in monitor.new_signals(network)]
        # The data change: the funding signal's evidence changes → it comes back.
        funding = f.funding(network, "ZonMw", ends_on=timezone.localdate() + timedelta(days=30))
        [fund] = [s for s in monitor.new_signals(network) if s.code == "funding_ending"]
        with scope(network=network):
            services.signal_acknowledge(
                acting_user=coordinator,
                network=network,
                signal=fund,
                status="not_applicable",
                reason="Gemeente betaalt vanaf januari",
            )
        assert "funding_ending" not in [s.code for s in monitor.new_signals(network)]
        funding.ends_on = timezone.localdate() + timedelta(days=60)
        funding.save()
        assert "funding_ending" in [s.code for s in monitor.new_signals(network)]
        with scope(network=network):
            assert AuditEvent.objects.filter(action="health.signal_acknowledged").count() == 2

    def test_not_applicable_needs_a_reason(self, network, coordinator):
        signal = monitor.evaluate(network)[0]
        with scope(network=network), pytest.raises(ValidationError):
            services.signal_acknowledge(
                acting_user=coordinator, network=network, signal=signal, status="not_applicable"
            )
        with scope(network=network):
            assert not SignalAcknowledgement.objects.exists()

    def test_acknowledgements_are_per_network(self, network, other_network, coordinator):
        signal = next(s for s in monitor.evaluate(other_network) if s.code == "no_agreement")
        with scope(network=network):
            services.signal_acknowledge(
                acting_user=coordinator, network=network, signal=signal, status="seen"
            )
        assert not next(
            s for s in monitor.evaluate(other_network) if s.code == "no_agreement"
        ).acknowledged


class TestSettings:
    def test_overrides_change_the_thresholds(self, network, coordinator):
        f.meeting(network, timezone.localdate() - timedelta(days=100))
        network.start_date = timezone.localdate() - timedelta(days=400)
        network.save()
        assert "no_meetings" in [s.code for s in monitor.evaluate(network)]
        with scope(network=network):
            services.health_settings_update(
                acting_user=coordinator,
                network=network,
                overrides={"no_meeting_days": 120, "dominance_share": 0.6},
                expected_version=0,
            )
            assert HealthSettings.objects.get().overrides == {"no_meeting_days": 120}
        assert "no_meetings" not in [s.code for s in monitor.evaluate(network)]

    def test_unknown_keys_and_negative_values_are_refused(self, network, coordinator):
        with scope(network=network):
            for overrides in ({"nope": 1}, {"review_days": -1}, {"review_days": "x"}):
                with pytest.raises(ValidationError):
                    services.health_settings_update(
                        acting_user=coordinator,
                        network=network,
                        overrides=overrides,
                        expected_version=0,
                    )


def test_network_health_json(network):
    f.partner(network, "Welzijn")
    out = StringIO()
    call_command("network_health", network.slug, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data and set(data[0]) == {"code", "severity", "title", "evidence", "advice", "source"}
    assert data[0]["severity"] == "high"
    assert "no_kartrekker" in [item["code"] for item in data]


def test_network_health_text_and_unknown_slug(network):
    out = StringIO()
    call_command("network_health", network.slug, stdout=out)
    assert "[high]" in out.getvalue() and "bron:" in out.getvalue()
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("network_health", "bestaat-niet")


class TestDigest:
    def test_digest_goes_to_coordinators_with_new_signals(self, network, members, mailoutbox):
        count = send_health_digest.call(network_id=network.pk)
        assert count > 0
        [mail] = mailoutbox
        assert mail.to == ["coordinator@example.org"]
        assert "Er is geen samenwerkingsafspraak vastgelegd." in mail.body
        assert f"/n/{network.slug}/signalen/" in mail.body

    def test_acknowledged_signals_are_left_out(self, network, coordinator, mailoutbox):
        with scope(network=network):
            for signal in monitor.evaluate(network):
                services.signal_acknowledge(
                    acting_user=coordinator, network=network, signal=signal, status="seen"
                )
        assert send_health_digest.call(network_id=network.pk) == 0
        assert mailoutbox == []

    def test_weekly_command_queues_one_digest_per_active_network(
        self, network, other_network, members, outsider, mailoutbox
    ):
        out = StringIO()
        call_command("send_health_digests", stdout=out)
        assert "2 health digest(s) queued" in out.getvalue()
        assert sorted(m.to[0] for m in mailoutbox) == [
            "coordinator@example.org",
            "outsider@example.org",
        ]


@pytest.mark.parametrize("model", [HealthSettings, SignalAcknowledgement])
def test_health_models_cannot_be_read_outside_a_scope(model):
    from django_scopes import ScopeError

    with pytest.raises(ScopeError):
        list(model.objects.all())
