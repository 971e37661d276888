"""A submitted scan response records an audit event, without the respondent."""

import pytest
from django_scopes import scope

from wijknet.core import pagecache
from wijknet.core.models import AuditEvent


@pytest.mark.django_db
def test_a_submitted_response_is_audited_without_who(network, coordinator, make_round, respond):
    """The submission moves the network's data version (analyses and cached pages follow)
    and says nothing about the respondent."""
    round_ = make_round()
    before = pagecache.data_version(network, coordinator)
    respond(round_, {})
    assert pagecache.data_version(network, coordinator) != before
    with scope(network=network):
        event = AuditEvent.objects.filter(action="scan.response_submitted").get()
    assert event.actor is None
    assert event.object_id == str(round_.pk)
