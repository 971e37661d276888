import pytest
from django.core.management import call_command
from django_scopes import scope

from wijknet.networks import services


@pytest.mark.django_db(transaction=True)
def test_invitation_mail_goes_through_the_database_queue_and_worker(
    settings, network, coordinator, mailoutbox
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    with scope(network=network):
        services.invitation_create(
            acting_user=coordinator, network=network, email="later@example.org", role="partner"
        )
    assert mailoutbox == []  # nothing is sent inside the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert [m.to for m in mailoutbox] == [["later@example.org"]]
