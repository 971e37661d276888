"""The client list in the page cache: served to the same verified session while no casework
write happened, logged on every view all the same, and a withdrawn consent shows at once."""

from unittest import mock

import pytest
from django.core.cache import caches
from django_scopes import scope, scopes_disabled

from wijknet.accesslog.models import AccessLogRecord
from wijknet.casework import services
from wijknet.casework.views import ClientListView
from wijknet.core import pagecache


@pytest.mark.django_db
def test_a_kept_client_list_is_still_logged_and_follows_consent(case, verified, client, settings):
    settings.PAGE_CACHE = True
    caches[pagecache.ALIAS].clear()
    verified(client, case.member)  # sees Anna through the care team and the consent
    url = f"/n/{case.network.slug}/clienten/"
    client.get(url)  # the first page sets the CSRF cookie
    first = client.get(url)
    assert "Anna de Wit" in first.content.decode()
    with mock.patch.object(ClientListView, "get_context_data", side_effect=AssertionError):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    with scopes_disabled():
        logged = list(
            AccessLogRecord.objects.filter(user=case.member, client_uuid=None).values_list(
                "detail", flat=True
            )
        )
    assert len(logged) == 3
    assert all(detail.endswith(": 1") for detail in logged)

    with scope(network=case.network):
        services.consent_withdraw(
            acting_user=case.recorder, membership=case.recorder_membership, consent=case.consent
        )
    assert "Anna de Wit" not in client.get(url).content.decode()
    caches[pagecache.ALIAS].clear()
