import pytest
from django.db import transaction
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, UserFactory
from wijknet.core.scheduling import run_due_jobs
from wijknet.networks.roles import Role
from wijknet.notifications import kinds, queries, services
from wijknet.notifications.models import Notification

pytestmark = pytest.mark.django_db


def send(user, network, kind=kinds.REFERRAL_INCOMING, **extra):
    with transaction.atomic():
        return services.notify(
            recipient=user, network=network, kind=kind, title="Nieuwe verwijzing", **extra
        )


def test_notify_creates_an_in_app_message_and_mails_by_default(
    network, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(coordinator, network, url="/n/x/", body="Er is een verwijzing.")
    assert notification.emailed
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [coordinator.email]
    assert "Nieuwe verwijzing" in mailoutbox[0].subject
    assert "http://" in mailoutbox[0].body and "/n/x/" in mailoutbox[0].body


def test_the_preference_turns_mail_off_but_keeps_the_message(
    network, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    services.email_preferences_save(
        acting_user=coordinator, choices={kinds.REFERRAL_INCOMING: False}
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(coordinator, network)
    assert not notification.emailed
    assert mailoutbox == []
    with scope(network=network):
        assert queries.unread_count(network, coordinator) == 1


def test_a_rolled_back_action_sends_no_mail(network, coordinator, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        send(coordinator, network)
        raise RuntimeError("the action failed")
    assert mailoutbox == []
    with scopes_disabled():
        assert not Notification.objects.exists()


def test_former_members_and_strangers_are_not_notified(network, other_network):
    stranger = UserFactory()
    assert send(stranger, network) is None
    former = MembershipFactory(network=network, role=Role.PARTNER)
    from django.utils import timezone

    former.ended_at = timezone.now()
    former.save()
    assert send(former.user, network) is None


def test_unknown_kind_is_a_programming_error(network, coordinator):
    with pytest.raises(ValueError):
        send(coordinator, network, kind="nonsense")


def test_notify_many_sends_each_person_once(network, members):
    coordinator = members[Role.COORDINATOR]
    with transaction.atomic():
        sent = services.notify_many(
            recipients=[coordinator, coordinator, members[Role.CORE], None],
            network=network,
            kind=kinds.FOLLOWUP_SIGNAL,
            title="Signaal",
        )
    assert len(sent) == 2


class TestPages:
    def test_inbox_lists_only_my_messages_and_opening_marks_read(self, client, network, members):
        me, other = members[Role.PARTNER], members[Role.CORE]
        mine = send(me, network, url=reverse("dashboard:index", args=[network.slug]))
        send(other, network)
        client.force_login(me)
        page = client.get(reverse("notifications:list", args=[network.slug]))
        assert page.status_code == 200
        assert list(page.context["notifications"]) == [mine]
        badge = client.get(reverse("notifications:badge", args=[network.slug]))
        assert '>1<span class="narrow-hide"> nieuw</span>' in badge.content.decode()

        opened = client.post(reverse("notifications:open", args=[network.slug, mine.uuid]))
        assert opened.status_code == 302
        assert opened["Location"] == reverse("dashboard:index", args=[network.slug])
        with scope(network=network):
            assert queries.unread_count(network, me) == 0
        badge = client.get(reverse("notifications:badge", args=[network.slug]))
        assert "nieuw" not in badge.content.decode()

    def test_someone_elses_message_is_not_found(self, client, network, members):
        theirs = send(members[Role.CORE], network)
        client.force_login(members[Role.PARTNER])
        response = client.post(reverse("notifications:open", args=[network.slug, theirs.uuid]))
        assert response.status_code == 404
        with scope(network=network):
            assert Notification.objects.get(pk=theirs.pk).read_at is None

    def test_an_external_link_is_not_followed(self, client, network, coordinator):
        notification = send(coordinator, network, url="https://evil.example/")
        client.force_login(coordinator)
        response = client.post(
            reverse("notifications:open", args=[network.slug, notification.uuid])
        )
        assert response["Location"] == reverse("notifications:list", args=[network.slug])

    def test_mark_all_read(self, client, network, coordinator):
        send(coordinator, network)
        send(coordinator, network)
        client.force_login(coordinator)
        client.post(reverse("notifications:mark_all_read", args=[network.slug]))
        with scope(network=network):
            assert queries.unread_count(network, coordinator) == 0

    def test_empty_inbox_says_so(self, client, network, coordinator):
        client.force_login(coordinator)
        page = client.get(reverse("notifications:list", args=[network.slug]))
        assert "nog geen meldingen" in page.content.decode()

    def test_preferences_are_saved(self, client, coordinator):
        client.force_login(coordinator)
        url = reverse("notifications:preferences")
        assert client.get(url).status_code == 200
        response = client.post(url, {kinds.HELP_REQUEST_NEARBY: "on"})
        assert response.status_code == 302
        choices = queries.email_choices(coordinator)
        assert choices[kinds.HELP_REQUEST_NEARBY] is True
        assert choices[kinds.REFERRAL_INCOMING] is False  # unticked means: no mail

    @pytest.mark.parametrize("count", [1, 3])
    def test_inbox_query_count_does_not_grow(
        self, client, network, coordinator, count, django_assert_num_queries
    ):
        for _ in range(count):
            send(coordinator, network)
        client.force_login(coordinator)
        with django_assert_num_queries(6):
            client.get(reverse("notifications:list", args=[network.slug]))


class TestScheduler:
    def test_runs_every_job_and_survives_a_failing_one(self, settings):
        calls = []

        def ok(now):
            calls.append(now)
            return 2

        settings.SCHEDULED_JOBS = [
            "wijknet.notifications.tests.test_notifications.failing_job",
            "wijknet.notifications.tests.test_notifications.counting_job",
        ]
        results = run_due_jobs()
        assert results == {
            "wijknet.notifications.tests.test_notifications.failing_job": None,
            "wijknet.notifications.tests.test_notifications.counting_job": 3,
        }

    def test_the_scheduler_command_once_runs_the_jobs(self, settings):
        from django.core.management import call_command

        counting_job.calls = 0
        settings.SCHEDULED_JOBS = ["wijknet.notifications.tests.test_notifications.counting_job"]
        call_command("run_scheduler", "--once")
        assert counting_job.calls == 1

    def test_every_configured_job_imports(self):
        from django.conf import settings as real
        from django.utils.module_loading import import_string

        for path in real.SCHEDULED_JOBS:
            assert callable(import_string(path))


def failing_job(now):
    raise RuntimeError("boom")


def counting_job(now):
    counting_job.calls = getattr(counting_job, "calls", 0) + 1
    return 3


def test_the_cached_list_follows_new_and_read_notifications(network, coordinator, settings):
    """The notifications page is kept by the page cache under the member's own notifications'
    version (they are written without audit events)."""
    from django.core.cache import caches
    from django.test import Client

    from wijknet.core import pagecache

    settings.PAGE_CACHE = True
    caches[pagecache.ALIAS].clear()
    client = Client()
    client.force_login(coordinator)
    page = reverse("notifications:list", kwargs={"network_slug": network.slug})
    client.get(page)  # sets the CSRF cookie
    client.get(page)
    assert "Nieuwe verwijzing" not in client.get(page).content.decode()
    first = send(coordinator, network)
    html = client.get(page).content.decode()
    assert "Nieuwe verwijzing" in html
    assert client.get(page).content.decode() == html  # kept
    with transaction.atomic():
        services.notification_open(acting_user=coordinator, notification=first)
    assert client.get(page).content.decode() != html
    caches[pagecache.ALIAS].clear()


def test_version_moves_with_the_members_own_notifications_only(network, members, coordinator):
    start = queries.version(network, coordinator)
    first = send(coordinator, network)
    arrived = queries.version(network, coordinator)
    assert arrived != start
    send(members[Role.PARTNER], network)  # someone else's
    assert queries.version(network, coordinator) == arrived
    with transaction.atomic():
        services.notification_open(acting_user=coordinator, notification=first)
    read = queries.version(network, coordinator)
    assert read != arrived
    with scopes_disabled():
        Notification.objects.filter(pk=first.pk).delete()
    assert queries.version(network, coordinator) not in (read, arrived)
