"""The failed-login lockout: one budget per account whatever the letter case, and one per IP
address; only an administrator or the cool-off lifts a lock."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command

from tests.factories import PASSWORD, UserFactory

ADDRESS = "anna@example.org"
VARIANTS = [
    "Anna@example.org",
    "ANNA@EXAMPLE.ORG",
    "anna@Example.org",
    "aNNa@example.ORG",
    "AnNa@ExAmPlE.oRg",
    "anna@EXAMPLE.org",
    "ANNA@example.org",
    "annA@example.orG",
    "Anna@Example.Org",
    "anna@example.org",
]


def login(client, email, password, ip):
    return client.post(
        "/account/inloggen/", {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def logged_in_as(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


@pytest.fixture
def anna(db):
    return UserFactory(email=ADDRESS)


@pytest.mark.django_db
class TestLockoutPerAccount:
    def test_case_variants_share_one_budget_until_an_administrator_unlocks(
        self, client, anna, capsys
    ):
        assert len(VARIANTS) == settings.AXES_FAILURE_LIMIT
        # Ten failures, each with another spelling and from another address.
        for n, variant in enumerate(VARIANTS):
            response = login(client, variant, "fout", ip=f"10.0.0.{n + 1}")
            if n < len(VARIANTS) - 1:
                assert "klopt niet" in response.content.decode(), variant
        assert response.status_code == 429  # the tenth failure locks
        assert list(AccessAttempt.objects.values_list("username", flat=True).distinct()) == [
            ADDRESS
        ]
        # Now the right password is refused, in every spelling and from a fresh address.
        for variant in (ADDRESS, "ANNA@EXAMPLE.ORG", " Anna@Example.org "):
            locked = login(client, variant, PASSWORD, ip="10.9.9.9")
            assert locked.status_code == 429
            html = locked.content.decode()
            assert "Te veel mislukte pogingen" in html
            assert "Ook het juiste wachtwoord wordt nu geweigerd." in html
            assert "Probeer het over 15 minuten opnieuw." in html
            assert "Vraag de beheerder van wijknet om je account te ontgrendelen." in html
            assert not logged_in_as(client, anna)
        # Somebody else is not affected.
        bob = UserFactory(email="bob@example.org")
        assert login(client, "bob@example.org", PASSWORD, ip="10.9.9.8").status_code == 302
        assert logged_in_as(client, bob)
        client.logout()
        # The administrator's unlock path (docs/privacy.md).
        call_command("axes_reset_username", ADDRESS)
        assert "attempts removed" in capsys.readouterr().out
        assert login(client, "ANNA@Example.ORG", PASSWORD, ip="10.9.9.9").status_code == 302
        assert logged_in_as(client, anna)

    def test_a_login_of_ones_own_does_not_reset_the_count_for_a_victim(self, client, anna):
        mallory = UserFactory(email="mallory@example.org")
        for variant in VARIANTS[:-1]:  # one short of the limit
            login(client, variant, "fout", ip="10.0.0.66")
        assert login(client, "mallory@example.org", PASSWORD, ip="10.0.0.66").status_code == 302
        assert logged_in_as(client, mallory)
        client.logout()
        login(client, VARIANTS[-1], "fout", ip="10.0.0.66")
        assert login(client, ADDRESS, PASSWORD, ip="10.1.1.1").status_code == 429

    def test_a_successful_login_clears_the_accounts_own_failures(self, client, anna):
        for variant in VARIANTS[:-1]:
            login(client, variant, "fout", ip="10.0.0.1")
        assert login(client, "Anna@Example.org", PASSWORD, ip="10.0.0.1").status_code == 302
        client.logout()
        assert AccessAttempt.objects.count() == 0
        assert "klopt niet" in login(client, ADDRESS, "fout", ip="10.0.0.1").content.decode()


@pytest.mark.django_db
def test_failures_from_one_address_over_many_accounts_lock_that_address(client, anna, capsys):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"iemand{n}@example.org", "Welkom01!", ip="10.0.0.7")
    # Anna's right password from that address is refused; from another address it works.
    assert login(client, ADDRESS, PASSWORD, ip="10.0.0.7").status_code == 429
    assert login(client, ADDRESS, PASSWORD, ip="10.0.0.8").status_code == 302
    client.logout()
    call_command("axes_reset_ip", "10.0.0.7")
    assert "attempts removed" in capsys.readouterr().out
    assert login(client, ADDRESS, PASSWORD, ip="10.0.0.7").status_code == 302
    assert logged_in_as(client, anna)


@pytest.mark.django_db
def test_axes_counts_the_normalised_name_also_without_the_login_form(rf, anna):
    """Any other entry point that calls authenticate() (a future API, the admin) is covered by
    AXES_USERNAME_CALLABLE, not only by the login form's own normalisation."""
    for variant in VARIANTS:
        request = rf.post("/account/inloggen/", REMOTE_ADDR="10.0.0.3")
        assert authenticate(request, username=f" {variant} ", password="fout") is None
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        (ADDRESS, len(VARIANTS))
    ]
    request = rf.post("/account/inloggen/", REMOTE_ADDR="10.0.0.4")
    assert authenticate(request, username=ADDRESS, password=PASSWORD) is None  # locked
    assert request.axes_locked_out is True
