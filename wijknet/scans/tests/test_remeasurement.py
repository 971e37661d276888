"""Scheduled re-measurement: a baseline round that ends plans T1 (12 months) and T2 (24); the
kartrekker moves the date, is reminded a month before, and opens the round in one click with
the same scans and invitation list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from tests.support.concurrency import one_edit_lands
from wijknet.core.locking import ConcurrentEditError
from wijknet.networks.roles import Role
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification
from wijknet.scans import jobs, services
from wijknet.scans.models import PlannedRound, ScanInvitation, ScanRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def baseline(network, coordinator, mini, members):
    """T0 inviting every member by role plus one outside address, with an own statement."""
    today = timezone.localdate()
    with scope(network=network):
        return services.round_create(
            acting_user=coordinator,
            network=network,
            label="T0",
            instruments=[mini],
            opens_on=today - timedelta(days=20),
            closes_on=today + timedelta(days=1),
            roles=[Role.CORE, Role.PARTNER],
            extra_emails=["wethouder@example.org"],
            own_items=["We delen onze successen"],
            notify=False,
        )


def close(network, user, round_):
    with scope(network=network):
        return services.round_close(acting_user=user, round_=round_)


def plans(network):
    with scope(network=network):
        return list(PlannedRound.objects.filter(network=network).values_list("label", "due_on"))


def test_closing_a_baseline_plans_t1_at_12_and_t2_at_24_months(network, coordinator, baseline):
    close(network, coordinator, baseline)
    today = timezone.localdate()
    assert plans(network) == [
        ("T1", services.add_months(today, 12)),
        ("T2", services.add_months(today, 24)),
    ]
    # closing again, or closing the round opened from the plan, plans nothing more
    close(network, coordinator, baseline)
    assert len(plans(network)) == 2


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert services.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert services.add_months(date(2026, 3, 15), 12) == date(2027, 3, 15)
    assert services.add_months(date(2024, 2, 29), 24) == date(2026, 2, 28)


def test_a_round_opened_from_the_plan_plans_nothing_when_it_closes(
    network, coordinator, baseline, mailoutbox, django_capture_on_commit_callbacks
):
    close(network, coordinator, baseline)
    with scope(network=network):
        t1 = PlannedRound.objects.get(label="T1")
        with django_capture_on_commit_callbacks(execute=True):
            opened = services.planned_round_open(acting_user=coordinator, planned=t1)
        services.round_close(acting_user=coordinator, round_=opened)
        assert sorted(PlannedRound.objects.values_list("label", flat=True)) == ["T1", "T2"]


def test_open_in_one_click_uses_the_same_invitation_list_and_scans(
    network, coordinator, baseline, members, mailoutbox, django_capture_on_commit_callbacks
):
    close(network, coordinator, baseline)
    with scope(network=network):
        # the partner left the network since T0: not invited again
        from wijknet.networks.models import Membership

        Membership.objects.filter(user=members[Role.PARTNER]).update(ended_at=timezone.now())
        before = set(
            ScanInvitation.objects.filter(round=baseline).values_list("email", "role", "sector")
        )
        t1 = PlannedRound.objects.get(label="T1")
        with django_capture_on_commit_callbacks(execute=True):
            round_ = services.planned_round_open(acting_user=coordinator, planned=t1)
        after = set(
            ScanInvitation.objects.filter(round=round_).values_list("email", "role", "sector")
        )
        assert after == before - {("partner@example.org", Role.PARTNER, "")}
        assert round_.label == "T1"
        assert list(round_.instruments.all()) == list(baseline.instruments.all())
        assert [i.text for i in round_.own_items.all()] == ["We delen onze successen"]
        assert round_.opens_on == timezone.localdate()
        assert PlannedRound.objects.get(pk=t1.pk).opened_round == round_
        assert sorted(m.to[0] for m in mailoutbox) == sorted(e for e, _r, _s in after)
        # a second click opens nothing
        with pytest.raises(Exception, match="al geopend"):
            services.planned_round_open(acting_user=coordinator, planned=t1)
        assert ScanRound.objects.filter(label="T1").count() == 1


def test_moving_the_date_is_versioned(network, coordinator, baseline):
    close(network, coordinator, baseline)
    with scope(network=network):
        t1 = PlannedRound.objects.get(label="T1")
        new_day = t1.due_on + timedelta(days=30)
        services.planned_round_update(
            acting_user=coordinator, planned=t1, due_on=new_day, expected_version=1
        )
        stale = PlannedRound.objects.get(pk=t1.pk)
        with pytest.raises(ConcurrentEditError):
            services.planned_round_update(
                acting_user=coordinator,
                planned=stale,
                due_on=new_day + timedelta(days=1),
                expected_version=1,
            )
        assert PlannedRound.objects.get(pk=t1.pk).due_on == new_day

    def update(copy, day):
        services.planned_round_update(
            acting_user=coordinator, planned=copy, due_on=day, expected_version=copy.version
        )

    one_edit_lands(
        network,
        PlannedRound,
        t1.pk,
        update,
        field="due_on",
        value=lambda n: new_day + timedelta(days=n + 1),
        select_related=("source_round",),
    )


def test_kartrekker_is_reminded_a_month_before_once(network, coordinator, baseline, members):
    close(network, coordinator, baseline)
    due = plans(network)[0][1]
    far = timezone.make_aware(
        timezone.datetime.combine(due - timedelta(days=40), timezone.datetime.min.time())
    )
    near = far + timedelta(days=10)
    assert jobs.remeasurement_reminders(far) == 0
    assert jobs.remeasurement_reminders(near) == 1  # the kartrekker only, not the core group
    assert jobs.remeasurement_reminders(near) == 0  # claimed for the day
    assert jobs.remeasurement_reminders(near + timedelta(days=1)) == 0  # once per plan
    with scope(network=network):
        [note] = Notification.objects.filter(kind=kinds.SCAN_REMEASUREMENT_DUE)
        assert note.recipient == coordinator
        assert note.title.startswith("Scan T1 gepland op")
        assert note.url == reverse("scans:list", args=[network.slug])


def test_a_round_that_ran_out_is_planned_by_the_daily_job(network, coordinator, mini):
    today = timezone.localdate()
    with scope(network=network):
        services.round_create(
            acting_user=coordinator,
            network=network,
            label="T0",
            instruments=[mini],
            opens_on=today - timedelta(days=30),
            closes_on=today - timedelta(days=2),
            extra_emails=["a@example.org"],
            notify=False,
        )
    jobs.remeasurement_reminders(timezone.now())
    assert [label for label, _day in plans(network)] == ["T1", "T2"]
    assert plans(network)[0][1] == services.add_months(today - timedelta(days=2), 12)


class TestPages:
    def test_list_shows_the_plan_and_opens_it_in_one_click(
        self, client, network, coordinator, baseline
    ):
        close(network, coordinator, baseline)
        client.force_login(coordinator)
        page = client.get(reverse("scans:list", args=[network.slug])).content.decode()
        assert "Geplande herhaalmetingen" in page
        with scope(network=network):
            t1 = PlannedRound.objects.get(label="T1")
        response = client.post(reverse("scans:planned_open", args=[network.slug, t1.uuid]))
        with scope(network=network):
            opened = PlannedRound.objects.get(pk=t1.pk).opened_round
        assert response.status_code == 302
        assert response.url == reverse("scans:results", args=[network.slug, opened.uuid])

    def test_edit_page_moves_the_date(self, client, network, coordinator, baseline):
        close(network, coordinator, baseline)
        with scope(network=network):
            t1 = PlannedRound.objects.get(label="T1")
        client.force_login(coordinator)
        url = reverse("scans:planned_edit", args=[network.slug, t1.uuid])
        new_day = t1.due_on + timedelta(days=14)
        response = client.post(url, {"due_on": new_day.isoformat(), "version": 1})
        assert response.status_code == 302
        with scope(network=network):
            assert PlannedRound.objects.get(pk=t1.pk).due_on == new_day
        too_early = client.post(url, {"due_on": baseline.opens_on.isoformat(), "version": 2})
        assert "na het einde van de vorige ronde" in too_early.content.decode()

    def test_a_partner_sees_the_plan_but_no_buttons(
        self, client, network, coordinator, baseline, members
    ):
        close(network, coordinator, baseline)
        client.force_login(members[Role.PARTNER])
        page = client.get(reverse("scans:list", args=[network.slug])).content.decode()
        assert "Geplande herhaalmetingen" in page
        assert "nu openen" not in page


def test_a_round_started_by_hand_fulfils_the_due_plan(network, coordinator, baseline, mini):
    close(network, coordinator, baseline)
    with scope(network=network):
        t1 = PlannedRound.objects.get(label="T1")
        early = services.round_create(
            acting_user=coordinator,
            network=network,
            label="Tussenmeting",
            instruments=[mini],
            opens_on=t1.due_on - timedelta(days=200),
            closes_on=t1.due_on - timedelta(days=180),
            extra_emails=["a@example.org"],
            notify=False,
        )
        assert PlannedRound.objects.get(pk=t1.pk).opened_round is None  # too early to count
        by_hand = services.round_create(
            acting_user=coordinator,
            network=network,
            label="T1",
            instruments=[mini],
            opens_on=t1.due_on - timedelta(days=30),
            closes_on=t1.due_on,
            extra_emails=["a@example.org"],
            notify=False,
        )
        assert PlannedRound.objects.get(pk=t1.pk).opened_round == by_hand
        assert PlannedRound.objects.get(label="T2").opened_round is None
        # closing either plans nothing new: T2 is still waiting
        services.round_close(acting_user=coordinator, round_=early)
        services.round_close(acting_user=coordinator, round_=by_hand)
        assert PlannedRound.objects.count() == 2
