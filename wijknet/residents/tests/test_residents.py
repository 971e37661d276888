"""Residents and mantelzorgers in their own record (issue 15): invitations, the e-mailed second
factor, what each link may open, the access log, consent in the resident's hands and ending a
link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.support.otp import login_verified
from wijknet.accesslog.models import AccessLogRecord
from wijknet.casework import access as casework_access
from wijknet.casework.models import Consent
from wijknet.notifications.models import Notification

from .. import services
from ..models import CaseMessage, ConsentProposal, ResidentInvitation, ResidentWords
from .conftest import link_for_new_user, login_resident, make_resident_case

pytestmark = pytest.mark.django_db

# (URL name, extra kwargs) of every resident GET page, and who may open it.
PAGES = {
    "plan": {"resident", "reader", "helper"},
    "health": {"resident", "reader", "helper"},
    "health_fill": {"resident", "helper"},
    "words": {"resident", "helper"},
    "messages": {"resident", "reader", "helper"},
    "consents": {"resident"},
    "accesslog": {"resident"},
    "export_json": {"resident"},
    "export_html": {"resident"},
    "links": {"resident", "reader", "helper"},
}


def url(name, link, **kwargs):
    return reverse(f"residents:{name}", kwargs={"link_uuid": link.uuid, **kwargs})


def log_count(network):
    with scopes_disabled():
        return AccessLogRecord.objects.filter(network=network).count()


def last_record(network):
    with scopes_disabled():
        return AccessLogRecord.objects.filter(network=network).order_by("-id").first()


# --- invitations -----------------------------------------------------------------------------


def test_invitation_is_mailed_single_use_and_expires(
    network, rcase, django_capture_on_commit_callbacks
):
    case = rcase.case
    with scope(network=network), django_capture_on_commit_callbacks(execute=True):
        _invitation, link_url = services.invitation_create(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            email="Piet@Example.org",
            kind="mantelzorger",
            scope="read",
            consent_note="Schriftelijk",
        )
    assert any(link_url in message.body for message in mail.outbox)
    token = link_url.rstrip("/").rsplit("/", 1)[-1]
    with scopes_disabled():
        stored = ResidentInvitation.objects.get(email="piet@example.org")
    assert stored.token_hash == services.hash_token(token) and token not in stored.token_hash
    link = services.invitation_accept_new_user(
        token=token, full_name="Piet", password="een-lang-wachtwoord-123"
    )
    assert link.kind == "mantelzorger" and link.scope == "read"
    with pytest.raises(services.InvitationError, match="al gebruikt"):
        services.invitation_by_token(token)
    with scopes_disabled():
        ResidentInvitation.objects.filter(pk=stored.pk).update(
            used_at=None, expires_at=timezone.now() - timedelta(seconds=1)
        )
    with pytest.raises(services.InvitationError, match="verlopen"):
        services.invitation_by_token(token)


def test_mantelzorger_needs_the_residents_consent(network, rcase):
    case = rcase.case
    with scope(network=network), pytest.raises(ValidationError) as error:
        services.invitation_create(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            email="x@example.org",
            kind="mantelzorger",
            scope="read",
            consent_note="",
        )
    assert "consent_note" in error.value.error_dict


def test_only_who_sees_the_client_may_invite(network, rcase):
    from django.contrib.auth import get_user_model

    from wijknet.networks.models import Membership

    case = rcase.case
    with scopes_disabled():
        outside = Membership.objects.get(network=network, user=case.outside)
    with scope(network=network), pytest.raises(PermissionDenied):
        services.invitation_create(
            acting_user=case.outside,
            membership=outside,
            client=case.client,
            email="y@example.org",
            kind="resident",
        )
    assert get_user_model().objects.filter(email="y@example.org").count() == 0


def test_accept_page_makes_an_account_and_asks_for_the_emailed_code(
    client, network, rcase, django_capture_on_commit_callbacks
):
    case = rcase.case
    with scope(network=network):
        services.link_end_by_team(
            acting_user=case.recorder, membership=case.recorder_membership, other=rcase.resident
        )
        _invitation, link_url = services.invitation_create(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            email="nieuw@example.org",
            kind="resident",
        )
    path = link_url.split("testserver", 1)[-1]
    response = client.get(path)
    assert response.status_code == 200 and "Kies een wachtwoord" in response.text
    response = client.post(
        path,
        {
            "full_name": "Nieuwe Bewoner",
            "password1": "een-lang-wachtwoord-123",
            "password2": "een-lang-wachtwoord-123",
        },
    )
    assert response.status_code == 302 and response["Location"].startswith("/mijn/code/")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(response["Location"])
    assert page.status_code == 200
    code = next(
        line.rsplit(" ", 1)[-1] for line in mail.outbox[-1].body.splitlines() if "inlogcode" in line
    )
    wrong = client.post(response["Location"], {"code": "000000" if code != "000000" else "111111"})
    assert "klopt niet" in wrong.text
    # django-otp throttles after a wrong code (1 s, then doubling): wait it out.
    from django_otp.plugins.otp_email.models import EmailDevice

    EmailDevice.objects.get(user__email="nieuw@example.org").throttle_reset()
    done = client.post(response["Location"], {"code": code})
    assert done.status_code == 302
    plan = client.get(done["Location"], follow=True)
    assert plan.status_code == 200 and "Mijn plan" in plan.text
    # The code works once.
    client.logout()


def test_unverified_resident_is_sent_to_the_code_page(client, rcase):
    client.force_login(rcase.resident.user)
    response = client.get(url("plan", rcase.resident))
    assert response.status_code == 302 and response["Location"].startswith("/mijn/code/")


def test_login_lands_on_the_residents_own_plan(client, rcase):
    login_resident(client, rcase.resident.user)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == url("plan", rcase.resident)


# --- what each link may open; one access-log record per read ---------------------------------


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("who", ["resident", "reader", "helper"])
def test_each_link_opens_what_was_granted_and_each_read_is_logged_once(
    client, network, rcase, name, who
):
    link = getattr(rcase, who)
    login_resident(client, link.user)
    before = log_count(network)
    response = client.get(url(name, link))
    if who in PAGES[name]:
        assert response.status_code == 200
        assert log_count(network) == before + 1
        record = last_record(network)
        assert record.user_id == link.user_id and record.client_uuid == rcase.case.client.uuid
        assert record.role == link.kind and record.organisation_name == ""
        assert record.action in ("read", "export", "print")
    else:
        assert response.status_code == 404
        assert log_count(network) == before


def test_another_records_resident_gets_404_everywhere(client, network, rcase):
    other = make_resident_case(network, name="Bert Ander", prefix="b-")
    login_resident(client, other.resident.user)
    for name in PAGES:
        assert client.get(url(name, rcase.resident)).status_code == 404
    assert client.post(url("words", rcase.resident), {"wil": "x"}).status_code == 404


def test_resident_cannot_open_the_professional_case_pages(client, network, rcase):
    login_resident(client, rcase.resident.user)
    detail = reverse(
        "casework:detail",
        kwargs={"network_slug": network.slug, "client_uuid": rcase.case.client.uuid},
    )
    assert client.get(detail).status_code == 404
    team = reverse(
        "residents:team",
        kwargs={"network_slug": network.slug, "client_uuid": rcase.case.client.uuid},
    )
    assert client.get(team).status_code == 404
    assert client.get(f"/n/{network.slug}/").status_code == 404


def test_ending_a_link_takes_effect_at_once(client, network, rcase):
    login_resident(client, rcase.reader.user)
    assert client.get(url("plan", rcase.reader)).status_code == 200
    login_resident(client, rcase.resident.user)
    before = log_count(network)
    response = client.post(url("link_end", rcase.resident, other_uuid=rcase.reader.uuid))
    assert response.status_code == 302 and log_count(network) == before + 1
    login_resident(client, rcase.reader.user)
    assert client.get(url("plan", rcase.reader)).status_code == 404


def test_a_mantelzorger_may_end_only_their_own_link(client, rcase):
    login_resident(client, rcase.reader.user)
    response = client.post(url("link_end", rcase.reader, other_uuid=rcase.helper.uuid))
    assert response.status_code == 404
    login_resident(client, rcase.helper.user)
    assert client.get(url("plan", rcase.helper)).status_code == 200


def test_the_care_team_ends_the_residents_link(client, network, rcase):
    case = rcase.case
    login_verified(client, case.recorder)
    response = client.post(
        reverse(
            "residents:team_link_end",
            kwargs={
                "network_slug": network.slug,
                "client_uuid": case.client.uuid,
                "other_uuid": rcase.resident.uuid,
            },
        )
    )
    assert response.status_code == 302
    login_resident(client, rcase.resident.user)
    assert client.get(url("plan", rcase.resident)).status_code == 404


# --- writes: exactly one access-log record each ----------------------------------------------


def test_own_words_are_kept_apart_and_logged_once(client, network, rcase):
    login_resident(client, rcase.resident.user)
    before = log_count(network)
    response = client.post(
        url("words", rcase.resident),
        {"version": 1, "wil": "Weer zelf boodschappen doen", "kan": "", "heb_nodig": ""},
    )
    assert response.status_code == 302
    assert log_count(network) == before + 1
    assert last_record(network).action == "update"
    with scope(network=network):
        words = ResidentWords.objects.get(client=rcase.case.client)
        plan = rcase.case.client.plan
        plan.refresh_from_db()
    assert words.wil == "Weer zelf boodschappen doen"
    assert plan.wil == ""  # the professional's text is untouched
    page = client.get(url("plan", rcase.resident))
    assert "In mijn eigen woorden:" in page.text and "Weer zelf boodschappen doen" in page.text


def test_a_reading_mantelzorger_cannot_write(client, rcase):
    login_resident(client, rcase.reader.user)
    assert client.post(url("words", rcase.reader), {"wil": "x"}).status_code == 404
    assert client.post(url("messages", rcase.reader), {"text": "x"}).status_code == 404
    done = url("action_done", rcase.reader, own_action_uuid=rcase.own_action.uuid)
    assert client.post(done).status_code == 404


def test_resident_marks_their_own_action_done_only(client, network, rcase):
    login_resident(client, rcase.helper.user)
    before = log_count(network)
    response = client.post(url("action_done", rcase.helper, own_action_uuid=rcase.own_action.uuid))
    assert response.status_code == 302 and log_count(network) == before + 1
    rcase.own_action.refresh_from_db()
    assert rcase.own_action.status == "done"
    with scope(network=network):
        agreement = rcase.case.client.plan.actions.filter(for_resident=False).first()
    if agreement is not None:
        other = url("action_done", rcase.helper, own_action_uuid=agreement.uuid)
        assert client.post(other).status_code == 404


def test_a_question_reaches_the_team_and_their_answer_comes_back(client, network, rcase):
    case = rcase.case
    login_resident(client, rcase.resident.user)
    before = log_count(network)
    client.post(url("messages", rcase.resident), {"text": "Wanneer komt de fysio?"})
    assert log_count(network) == before + 1
    with scopes_disabled():
        assert CaseMessage.objects.filter(client=case.client, author_role="resident").count() == 1
        notified = set(
            Notification.objects.filter(kind="resident_message").values_list("recipient", flat=True)
        )
    assert notified == {case.member.pk}  # the care team (its coordinating contact)
    login_verified(client, case.member)
    team_url = reverse(
        "residents:team", kwargs={"network_slug": network.slug, "client_uuid": case.client.uuid}
    )
    assert "Wanneer komt de fysio?" in client.get(team_url).text
    reply = reverse(
        "residents:team_reply",
        kwargs={"network_slug": network.slug, "client_uuid": case.client.uuid},
    )
    client.post(reply, {"text": "Donderdag om tien uur."})
    login_resident(client, rcase.resident.user)
    assert "Donderdag om tien uur." in client.get(url("messages", rcase.resident)).text


# --- consent in the resident's hands ---------------------------------------------------------


def test_withdrawal_by_the_resident_is_at_once_and_the_team_is_told(client, network, rcase):
    case = rcase.case
    with scope(network=network):
        assert casework_access.can_see(case.client, case.member_membership)
    login_resident(client, rcase.resident.user)
    page = client.get(url("consents", rcase.resident))
    assert case.org_b.name in page.text
    before = log_count(network)
    response = client.post(url("consent_withdraw", rcase.resident, consent_uuid=case.consent.uuid))
    assert response.status_code == 302 and log_count(network) == before + 1
    record = last_record(network)
    assert record.category == "consent" and record.role == "resident"
    with scope(network=network):
        consent = Consent.objects.get(pk=case.consent.pk)
        assert consent.withdrawn_at is not None and consent.withdrawn_by == rcase.resident.user
        assert not casework_access.can_see(case.client, case.member_membership)
    with scopes_disabled():
        assert Notification.objects.filter(kind="resident_consent", recipient=case.member).exists()
    login_verified(client, case.member)
    detail = reverse(
        "casework:detail",
        kwargs={"network_slug": network.slug, "client_uuid": case.client.uuid},
    )
    assert client.get(detail).status_code == 404


def test_resident_grants_a_proposed_consent(client, network, rcase):
    case = rcase.case
    with scope(network=network):
        proposal = services.consent_propose(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            purpose="mdo",
            organisations=[case.org_c],
            reason="Zodat de huisarts mee kan praten",
        )
    login_resident(client, rcase.resident.user)
    assert "Zodat de huisarts" in client.get(url("consents", rcase.resident)).text
    before = log_count(network)
    client.post(url("consent_grant", rcase.resident, proposal_uuid=proposal.uuid))
    assert log_count(network) == before + 1
    with scope(network=network):
        proposal = ConsentProposal.objects.get(pk=proposal.pk)
        consent = proposal.consent
        assert consent.given_by == "resident" and consent.method == "digitaal"
        assert list(consent.organisations.all()) == [case.org_c]
        assert consent.is_active_on(timezone.localdate())
    # Decided once: the page of the proposal is gone.
    assert (
        client.get(url("consent_grant", rcase.resident, proposal_uuid=proposal.uuid)).status_code
        == 404
    )


def test_access_log_lists_the_professionals_earlier_view(client, network, rcase):
    case = rcase.case
    login_verified(client, case.member)
    client.get(
        reverse(
            "casework:plan",
            kwargs={"network_slug": network.slug, "client_uuid": case.client.uuid},
        )
    )
    login_resident(client, rcase.resident.user)
    page = client.get(url("accesslog", rcase.resident))
    assert "Tim Teamlid" in page.text and case.org_b.name in page.text
    assert "Plan" in page.text  # what kind of data
    assert "Toestemming voor: Gezamenlijk plan en afstemming" in page.text  # on which ground
    assert "bewoner zelf" in page.text  # her own reads are listed too


def test_resident_downloads_the_avg_export(client, rcase):
    login_resident(client, rcase.resident.user)
    response = client.get(url("export_json", rcase.resident))
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["client"]["name"] == "Anna de Wit"
    assert "own_words" in data and data["questions"] == []
    assert "Anna de Wit" in client.get(url("export_html", rcase.resident)).text


def test_resident_invites_their_own_mantelzorger(client, network, rcase):
    login_resident(client, rcase.resident.user)
    before = log_count(network)
    client.post(url("links", rcase.resident), {"email": "zoon@example.org", "scope": "read"})
    assert log_count(network) == before + 1
    with scopes_disabled():
        invitation = ResidentInvitation.objects.get(email="zoon@example.org")
    assert invitation.kind == "mantelzorger" and invitation.consent_note
    login_resident(client, rcase.helper.user)
    client.post(url("links", rcase.helper), {"email": "nog@example.org", "scope": "read"})
    with scopes_disabled():
        assert not ResidentInvitation.objects.filter(email="nog@example.org").exists()


def test_no_second_resident_account_for_one_record(network, rcase):
    with pytest.raises(ValidationError):
        link_for_new_user(rcase.case, email="dubbel@example.org", kind="resident")


def test_a_new_code_at_most_once_a_minute(client, rcase, django_capture_on_commit_callbacks):
    client.force_login(rcase.resident.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/mijn/code/")
        client.post("/mijn/code/", {"resend": "1"})
    assert len(mail.outbox) == 1
    from django_otp.plugins.otp_email.models import EmailDevice

    EmailDevice.objects.filter(user=rcase.resident.user).update(
        last_generated_timestamp=timezone.now() - timedelta(minutes=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mijn/code/", {"resend": "1"})
    assert len(mail.outbox) == 2


def test_erasure_takes_the_residents_links_words_and_questions_with_it(client, network, rcase):
    from wijknet.casework import services as casework_services
    from wijknet.residents.models import ResidentLink

    case = rcase.case
    login_resident(client, rcase.resident.user)
    client.post(url("messages", rcase.resident), {"text": "Een vraag"})
    client.post(
        url("words", rcase.resident), {"version": 1, "wil": "Iets", "kan": "", "heb_nodig": ""}
    )
    with scope(network=network):
        casework_services.client_erase(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            confirm_name=case.client.name,
        )
    with scopes_disabled():
        assert not ResidentLink.objects.filter(client_id=case.client.pk).exists()
        assert not ResidentWords.objects.filter(client_id=case.client.pk).exists()
        assert not CaseMessage.objects.filter(client_id=case.client.pk).exists()
    assert client.get(url("plan", rcase.resident)).status_code == 404
