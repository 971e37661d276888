import re

import pytest

from tests.factories import UserFactory


@pytest.mark.django_db
def test_password_reset_mail_goes_through_the_task_queue_and_its_link_works(client, mailoutbox):
    user = UserFactory(email="anna@example.org")
    response = client.post(
        "/account/wachtwoord-vergeten/", {"email": "anna@example.org"}, follow=True
    )
    assert "Kijk in je e-mail" in response.content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["anna@example.org"]
    path = re.search(
        r"https?://[^/]+(/account/wachtwoord-herstellen/\S+)", mailoutbox[0].body
    ).group(1)
    form = client.get(path, follow=True)
    assert "Kies een nieuw wachtwoord" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "nieuw-en-lang-genoeg", "new_password2": "nieuw-en-lang-genoeg"},
        follow=True,
    )
    assert "Je wachtwoord is gewijzigd" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("nieuw-en-lang-genoeg")


@pytest.mark.django_db
def test_unknown_address_gets_the_same_answer_and_no_mail(client, mailoutbox):
    response = client.post(
        "/account/wachtwoord-vergeten/", {"email": "niemand@example.org"}, follow=True
    )
    assert "Kijk in je e-mail" in response.content.decode()
    assert mailoutbox == []
