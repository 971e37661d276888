"""Reminders for scan invitees who have not submitted: after 3 days, at most twice, open rounds
only, each with a new link that replaces the old one."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.scans import services
from wijknet.scans.models import ScanInvitation
from wijknet.scans.tests.conftest import items_of


def token_of(mail):
    return mail.body.split("/scan/")[1].split("/")[0]


@pytest.fixture
def invited(network, coordinator, mini, mailoutbox, django_capture_on_commit_callbacks):
    """An open round (four weeks) with two invitees; `klaar@` has already submitted."""
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True), scope(network=network):
        round_ = services.round_create(
            acting_user=coordinator,
            network=network,
            label="T0",
            instruments=[mini],
            opens_on=today,
            closes_on=today + timedelta(days=28),
            extra_emails=["klaar@example.org", "later@example.org"],
        )
    tokens = {m.to[0]: token_of(m) for m in mailoutbox}
    with scope(network=network):
        done = services.invitation_by_token(tokens["klaar@example.org"])
        answers = {item.pk: 4 for item in items_of(mini).values()}
        services.answers_save(invitation=done, answers=answers, submit=True)
    mailoutbox.clear()
    return round_, tokens


def send(capture, now):
    with capture(execute=True):
        return services.reminders_send(now=now)


@pytest.mark.django_db
class TestRemindersService:
    def test_reminds_after_three_days_with_a_new_link_at_most_twice(
        self, client, invited, mailoutbox, django_capture_on_commit_callbacks
    ):
        _round, tokens = invited
        start = timezone.now()
        capture = django_capture_on_commit_callbacks
        assert send(capture, start + timedelta(days=2, hours=23)) == 0
        assert mailoutbox == []

        assert send(capture, start + timedelta(days=3, minutes=1)) == 1
        (mail,) = mailoutbox
        assert mail.to == ["later@example.org"]  # who submitted gets nothing
        assert mail.subject == "Herinnering: scan van Gezond Oost"
        assert "Invullen duurt ongeveer 1 minuut (6 stellingen)." in mail.body
        new_token = token_of(mail)
        assert new_token != tokens["later@example.org"]
        page = client.get(f"/scan/{new_token}/")
        assert page.status_code == 200
        assert "Scan T0 van Gezond Oost" in page.content.decode()
        old = client.get(f"/scan/{tokens['later@example.org']}/")
        assert old.status_code == 404
        assert "Deze scanlink is ongeldig" in old.content.decode()

        # Three days after the reminder, not after the invitation, comes the second one.
        assert send(capture, start + timedelta(days=5)) == 0
        assert send(capture, start + timedelta(days=6, minutes=2)) == 1
        assert len(mailoutbox) == 2
        second_token = token_of(mailoutbox[1])
        assert client.get(f"/scan/{second_token}/").status_code == 200
        assert client.get(f"/scan/{new_token}/").status_code == 404

        assert send(capture, start + timedelta(days=9, minutes=3)) == 0  # at most two
        assert send(capture, start + timedelta(days=20)) == 0
        assert len(mailoutbox) == 2
        with scopes_disabled():
            invitation = ScanInvitation.objects.get(email="later@example.org")
        assert invitation.reminders_sent == 2

    def test_closed_round_gets_no_reminders(
        self, invited, network, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        round_, _tokens = invited
        with scope(network=network):
            services.round_close(acting_user=coordinator, round_=round_)
        later = timezone.now() + timedelta(days=4)
        assert send(django_capture_on_commit_callbacks, later) == 0
        assert mailoutbox == []

    def test_round_past_its_closing_date_gets_no_reminders(
        self, invited, mailoutbox, django_capture_on_commit_callbacks
    ):
        after_closing = timezone.now() + timedelta(days=30)
        assert send(django_capture_on_commit_callbacks, after_closing) == 0
        assert mailoutbox == []

    def test_the_reminder_link_continues_saved_answers(
        self, client, invited, mini, mailoutbox, django_capture_on_commit_callbacks
    ):
        _round, tokens = invited
        first = next(iter(items_of(mini).values()))
        client.post(
            f"/scan/{tokens['later@example.org']}/deel/1/",
            {f"item_{first.pk}": "2", "action": "save"},
        )
        send(django_capture_on_commit_callbacks, timezone.now() + timedelta(days=4))
        html = client.get(f"/scan/{token_of(mailoutbox[0])}/deel/1/").content.decode()
        inputs = re.findall(rf'<input[^>]*name="item_{first.pk}"[^>]*>', html)
        assert [re.search(r'value="(\w)"', tag).group(1) for tag in inputs if "checked" in tag] == [
            "2"
        ]


@pytest.mark.django_db
class TestRemindersCommand:
    def test_command_sends_to_old_unsubmitted_invitations(
        self, client, invited, network, mailoutbox, django_capture_on_commit_callbacks
    ):
        round_, tokens = invited
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_scan_reminders", stdout=out)
        assert out.getvalue().strip() == "0 scan reminder(s) sent"
        with scopes_disabled():
            ScanInvitation.objects.filter(round=round_).update(
                created_at=timezone.now() - timedelta(days=3, minutes=5)
            )
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_scan_reminders", stdout=out)
        assert out.getvalue().strip() == "1 scan reminder(s) sent"
        assert [m.to for m in mailoutbox] == [["later@example.org"]]
        assert client.get(f"/scan/{token_of(mailoutbox[0])}/").status_code == 200
        assert client.get(f"/scan/{tokens['later@example.org']}/").status_code == 404
        # Run again at once (a scheduler hiccup): nobody gets a second mail today.
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_scan_reminders", stdout=out)
        assert out.getvalue().strip() == "0 scan reminder(s) sent"
        assert len(mailoutbox) == 1
