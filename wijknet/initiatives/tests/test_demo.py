"""The demo network has ideas in every status and a published public page without personal
data."""

import re

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from wijknet.initiatives.models import Initiative, InitiativeStatus, Support
from wijknet.networks.models import Membership
from wijknet.public.models import PublicPage


@pytest.mark.django_db
def test_demo_ideas_in_every_status_and_a_public_page(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        ideas = Initiative.objects.filter(network__slug="gezond-oost")
        assert set(ideas.values_list("status", flat=True)) == set(InitiativeStatus.values)
        assert ideas.filter(goal__isnull=False).count() == 1
        assert set(ideas.values_list("initiator_role", flat=True)) == {"citizen"}
        assert Support.objects.filter(network__slug="gezond-oost").exists()
        assert PublicPage.objects.get(network__slug="gezond-oost").published
        members = list(
            Membership.objects.filter(network__slug="gezond-oost").select_related("user")
        )
    html = client.get("/wijk/gezond-oost/").content.decode()
    assert "Repair café" in html and "Wandelgroep voor ouderen" in html
    for membership in members:
        assert membership.user.full_name not in html
        assert membership.user.email not in html
    assert set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", html)) == {"info@gezond-oost.example"}
    # Other networks have no public page.
    assert client.get("/wijk/zuiderveen/").status_code == 404
