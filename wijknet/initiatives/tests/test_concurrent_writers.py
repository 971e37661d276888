"""Sixteen editors who loaded the same version save: exactly one lands (tests/support/
concurrency.py) — an idea, the response to it, the response term and the public page."""

import pytest
from django_scopes import scope

from tests.support.concurrency import one_edit_lands
from wijknet.initiatives import services
from wijknet.initiatives.models import Initiative, InitiativeSettings
from wijknet.public import services as public_services
from wijknet.public.models import PublicPage

from .helpers import bring_in, membership_of

pytestmark = pytest.mark.django_db


def test_responding(network, members):
    idea = bring_in(network, members["citizen"])
    membership = membership_of(network, members["core"])

    def update(copy, value):
        services.initiative_respond(
            acting_user=members["core"],
            membership=membership,
            initiative=copy,
            status="declined",
            response=value,
            expected_version=copy.version,
        )

    one_edit_lands(
        network, Initiative, idea.pk, update, field="response", value=lambda n: f"Reden {n}"
    )


def test_the_response_term(network, members):
    membership = membership_of(network, members["coordinator"])
    with scope(network=network):
        row = InitiativeSettings.objects.create(network=network)

    def update(copy, value):
        services.settings_update(
            acting_user=members["coordinator"],
            membership=membership,
            network=network,
            expected_version=copy.version,
            response_weeks=value,
        )

    one_edit_lands(
        network, InitiativeSettings, row.pk, update, field="response_weeks", value=lambda n: n + 1
    )


def test_the_public_page(network, members):
    membership = membership_of(network, members["coordinator"])
    with scope(network=network):
        row = PublicPage.objects.create(network=network)

    def update(copy, value):
        public_services.public_page_update(
            acting_user=members["coordinator"],
            membership=membership,
            network=network,
            expected_version=copy.version,
            intro=value,
        )

    one_edit_lands(network, PublicPage, row.pk, update, field="intro", value=lambda n: f"Wij {n}")
