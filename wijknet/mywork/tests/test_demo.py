import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_scopes import scopes_disabled

from demo import data
from tests.support.otp import login_verified
from wijknet.networks.models import Membership


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_every_demo_login_has_something_to_do(client, demo):
    User = get_user_model()
    for email, _name, _role in data.KEY_USERS + data.ZUIDERVEEN_USERS:
        user = User.objects.get(email=email)
        login_verified(client, user)
        with scopes_disabled():
            slugs = list(
                Membership.objects.filter(user=user, ended_at__isnull=True)
                .order_by("pk")
                .values_list("network__slug", flat=True)
            )
        for slug in slugs:
            html = client.get(f"/n/{slug}/mijn-werk/").content.decode()
            assert "Er wacht nu niets op jou" not in html, (email, slug)
        client.logout()


@pytest.mark.django_db
def test_demo_people_fit_their_organisations_and_work(client, demo):
    with scopes_disabled():
        where = {
            m.user.full_name: m.organisation.name if m.organisation else None
            for m in Membership.objects.filter(network__slug="gezond-oost").select_related(
                "user", "organisation"
            )
        }
    assert where == data.ORGANISATION_OF
    User = get_user_model()
    # The demo partner (a physiotherapist) has referrals to her practice to move on.
    login_verified(client, User.objects.get(email="partner@demo.wijknet.nl"))
    html = client.get("/n/gezond-oost/mijn-werk/").content.decode()
    assert "Binnengekomen bij mijn organisatie" in html and "/verwijzingen/" in html
    # The demo kartrekker is in a care team: the client list shows a client.
    login_verified(client, User.objects.get(email="coordinator@demo.wijknet.nl"))
    html = client.get("/n/gezond-oost/clienten/").content.decode()
    assert "Johanna" in html
    # Both demo networks have volunteering.
    assert "Hulpvragen om te koppelen" in client.get("/n/gezond-oost/mijn-werk/").content.decode()
    login_verified(client, User.objects.get(email="dorpsondersteuner@demo.wijknet.nl"))
    assert "Hulpvragen om te koppelen" in client.get("/n/zuiderveen/mijn-werk/").content.decode()
