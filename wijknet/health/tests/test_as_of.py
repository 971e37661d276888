"""The monitor as of an earlier date gives what running on that date gave (time-machine), the
signal history records when each signal was raised and went away (in a fixed number of
queries), and the page shows both (issue 16)."""

import io
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scope

from tests.factories import MembershipFactory, NetworkFactory
from wijknet.actions.models import Action, Goal
from wijknet.health import monitor, services
from wijknet.health.models import (
    AsOfEvaluation,
    DeclinedPartner,
    SignalEpisode,
    WorkingGroup,
    WorkingGroupMember,
)
from wijknet.meetings.models import Decision
from wijknet.networks.models import Membership, Partner

from . import factories as f

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def on(y, m, d):
    return time_machine.travel(datetime(y, m, d, 12, tzinfo=AMSTERDAM), tick=False)


def health_json(slug, *args) -> list[dict]:
    out = io.StringIO()
    call_command("network_health", slug, "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def build_history():
    """A network recorded on the platform from 10 January 2025 on."""
    with on(2025, 1, 10):
        network = NetworkFactory(slug="verleden", start_date=date(2023, 1, 1))
        gemeente = f.partner(network, "Gemeente", "gemeente", joined_on=date(2024, 1, 1))
        f.partner(network, "Welzijn", joined_on=date(2024, 1, 1))
        kartrekker = MembershipFactory(network=network, role="coordinator")
        m = f.meeting(network, date(2024, 12, 1), attended=[gemeente])
        decision = f.decision(m, "We starten een wandelgroep.")
        g = f.goal(network, "Meer bewegen")
        action = f.action(network, goal=g, owner=kartrekker.user, due_on=date(2025, 3, 31))
        f.funding(network, "Subsidie", starts_on=date(2024, 1, 1), ends_on=date(2025, 3, 31))
        with scope(network=network):
            DeclinedPartner.objects.create(
                network=network,
                organisation="Sociaal wijkteam",
                sector="sociaal_wijkteam",
                declined_on=date(2024, 11, 1),
                reason="Geen tijd.",
            )
            group = WorkingGroup.objects.create(
                network=network, name="Werkgroep", started_on=date(2024, 1, 1)
            )
            for name, joined, left in [
                ("A", date(2024, 1, 1), date(2024, 6, 1)),
                ("B", date(2024, 6, 1), date(2024, 12, 1)),
                ("C", date(2024, 12, 1), None),
            ]:
                WorkingGroupMember.objects.create(
                    network=network, group=group, name=name, joined_on=joined, left_on=left
                )
    return network, gemeente, kartrekker, decision, action, group


def change_everything(network, gemeente, kartrekker, decision, action, group):
    """What happened after 1 March 2025, recorded on 1 September 2025."""
    with scope(network=network):
        Decision.objects.filter(pk=decision.pk).update(
            communicated=True, communicated_how="nieuwsbrief", communicated_on=date(2025, 3, 10)
        )
        Action.objects.filter(pk=action.pk).update(status="done", completed_on=date(2025, 4, 1))
        Partner.objects.filter(pk=gemeente.pk).update(left_on=date(2025, 5, 1))
        Membership.objects.filter(pk=kartrekker.pk).update(
            ended_at=datetime(2025, 6, 1, 12, tzinfo=AMSTERDAM)
        )
        MembershipFactory(network=network, role="coordinator")
        MembershipFactory(network=network, role="citizen")
        f.agreement(network, terms=[gemeente])
        Goal.objects.create(
            network=network, title="Concreet", measure="50 deelnemers", target_date=date(2026, 1, 1)
        )
        m = f.meeting(network, date(2025, 5, 1), roles_discussed=True)
        f.reflection(m)
        f.success(network, date(2025, 5, 2), shared=date(2025, 5, 3))
        WorkingGroupMember.objects.create(
            network=network, group=group, name="D", joined_on=date(2025, 5, 1)
        )
        DeclinedPartner.objects.create(
            network=network,
            organisation="Huisartsen",
            sector="huisartsenzorg",
            declined_on=date(2025, 7, 1),
        )


def test_as_of_gives_what_running_on_that_day_gave():
    built = build_history()
    network = built[0]
    with on(2025, 3, 1):
        f.meeting(network, date(2025, 2, 20))
        then = health_json("verleden")
    codes = {s["code"] for s in then}
    # The history this test undoes: each of these depends on something that changed later.
    assert {
        "decisions_not_communicated",
        "key_partner_declined",
        "working_group_churn",
        "roles_not_discussed",
        "no_agreement",
        "goals_not_concrete",
        "no_citizens",
        "funding_ending",
    } <= codes
    assert "no_kartrekker" not in codes
    with on(2025, 9, 1):
        change_everything(*built)
        now = health_json("verleden")
        assert health_json("verleden", "--as-of", "2025-03-01") == then
    assert now != then
    now_codes = {s["code"] for s in now}
    assert "decisions_not_communicated" not in now_codes and "no_agreement" not in now_codes
    assert "gemeente_missing" in now_codes  # left on 1 May


def test_as_of_refuses_a_future_or_malformed_date(network):
    with pytest.raises(CommandError, match="future"):
        health_json(network.slug, "--as-of", "2999-01-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        health_json(network.slug, "--as-of", "1-3-2025")


def test_an_imported_history_counts_from_its_first_day_on_the_platform():
    """Members, goals and agreements an import brought carry no date of their own: evaluated
    before the import they still count (else a past date would look empty)."""
    with on(2025, 1, 10):
        network = NetworkFactory(slug="import", start_date=date(2023, 1, 1))
        MembershipFactory(network=network, role="coordinator")
    with on(2025, 9, 1):
        signals = health_json("import", "--as-of", "2024-06-01")
    assert "no_kartrekker" not in {s["code"] for s in signals}


def test_history_records_raised_and_cleared_without_per_signal_queries(
    network, django_assert_num_queries
):
    day1 = date(2025, 3, 1)
    f.partner(network, "Welzijn")
    signals = monitor.evaluate(network, day1)
    assert len(signals) >= 5
    with scope(network=network), django_assert_num_queries(4):  # savepoint, read, insert, release
        services.signal_history_record(network=network, signals=signals, today=day1)
    later = [s for s in signals if s.code != "no_agreement"]
    # One update for all cleared signals, no insert (nothing new).
    with scope(network=network), django_assert_num_queries(4):
        services.signal_history_record(network=network, signals=later, today=day1 + timedelta(1))
    with scope(network=network):
        services.signal_history_record(network=network, signals=signals, today=date(2025, 3, 5))
        rows = list(
            SignalEpisode.objects.filter(code="no_agreement")
            .order_by("raised_on")
            .values_list("raised_on", "cleared_on")
        )
        assert rows == [(day1, date(2025, 3, 2)), (date(2025, 3, 5), None)]
        assert SignalEpisode.objects.filter(cleared_on__isnull=True).count() == len(signals)
    history = monitor.history(network)
    assert history[0]["raised_on"] == date(2025, 3, 5)
    assert "Er zijn geen afspraken over rollen, tijd en geld" in {row["title"] for row in history}


def test_the_stored_evaluation_writes_the_history(network):
    monitor.compute(network)
    with scope(network=network):
        assert SignalEpisode.objects.filter(code="no_agreement", cleared_on=None).exists()
    f.agreement(network)
    monitor.compute(network)
    with scope(network=network):
        assert SignalEpisode.objects.get(code="no_agreement").cleared_on is not None


def test_page_shows_an_earlier_date_and_the_history(client, network, coordinator):
    client.force_login(coordinator)
    url = reverse("health:index", args=[network.slug])
    html = client.get(url).content.decode()  # computes (ImmediateBackend), so history starts
    assert "Geschiedenis van de signalen" in html
    assert "nog actief" in html
    yesterday = date.today() - timedelta(days=1)
    html = client.get(url, {"op": yesterday.isoformat()}).content.decode()
    assert "Signalen op" in html
    assert "Er zijn geen afspraken over rollen, tijd en geld" in html
    assert reverse("health:acknowledge", args=[network.slug]) not in html  # no marking
    with scope(network=network):
        assert AsOfEvaluation.objects.get(as_of=yesterday).data
    for wrong in ("morgen", (date.today() + timedelta(days=2)).isoformat()):
        html = client.get(url, {"op": wrong}).content.decode()
        assert 'role="alert"' in html and "Signalen op" not in html


def test_an_as_of_result_is_recomputed_after_a_change(client, network, coordinator):
    client.force_login(coordinator)
    url = reverse("health:index", args=[network.slug])
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    client.get(url, {"op": yesterday})
    with scope(network=network):
        first = AsOfEvaluation.objects.get().generation
    services.declined_partner_create(
        acting_user=coordinator,
        network=network,
        organisation="Huisartsen",
        sector="huisartsenzorg",
        declined_on=date.today() - timedelta(days=3),
    )
    html = client.get(url, {"op": yesterday}).content.decode()
    assert "Huisartsenzorg is gevraagd en heeft afgezegd" in html
    with scope(network=network):
        assert AsOfEvaluation.objects.get().generation > first
