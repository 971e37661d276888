import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from wijknet.accesslog.models import AccessLogRecord
from wijknet.casework import services
from wijknet.casework.fields import CLIENT_FIELDS, PLAN_FIELDS
from wijknet.casework.models import CarePlan, Client, Dimension, PlanAction
from wijknet.core.declarations import keys

from .conftest import make_case

pytestmark = pytest.mark.django_db


def url(case, name, **extra):
    return reverse(
        f"casework:{name}",
        kwargs={"network_slug": case.network.slug, "client_uuid": case.client.uuid, **extra},
    )


def _measure(case, day, base):
    with scope(network=case.network):
        return services.measurement_record(
            acting_user=case.member,
            membership=case.member_membership,
            client=case.client,
            measured_on=day,
            filled_by="with_professional",
            scores={
                d: (base + i % 3, f"opmerking {d}", i == 0) for i, d in enumerate(Dimension.values)
            },
        )


def test_record_a_client_then_consent(client, network, members, verified):
    verified(client, members["partner"])
    response = client.post(
        reverse("casework:create", args=[network.slug]),
        {
            "name": "Dirk Nieuw",
            "birth_year": 1950,
            "wijk": "Oost",
            "contact": "",
            "mantelzorger_name": "",
            "mantelzorger_contact": "",
        },
    )
    with scopes_disabled():
        new = Client.objects.get()
        assert CarePlan.objects.filter(client=new).exists()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/clienten/{new.uuid}/toestemming/nieuw/")
    page = client.get(response["Location"])
    assert "Toestemmingstekst (versie 1)" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_birth_year_is_validated(client, network, members, verified):
    verified(client, members["partner"])
    response = client.post(
        reverse("casework:create", args=[network.slug]),
        {"name": "X", "birth_year": 1800},
    )
    assert response.status_code == 200
    assert "geboortejaar" in response.content.decode()


def test_consent_form_records_and_needs_the_text_presented(client, case, verified):
    verified(client, case.recorder)
    data = {
        "purpose": "mdo",
        "organisations": [case.org_c.pk],
        "given_by": "representative",
        "representative_name": "Karel de Wit",
        "method": "schriftelijk",
        "given_at": timezone.localdate().isoformat(),
    }
    response = client.post(url(case, "consent_create"), data)
    assert response.status_code == 200  # the text was not presented
    response = client.post(url(case, "consent_create"), {**data, "read_aloud": "on"})
    assert response.status_code == 302
    with scope(network=case.network):
        assert case.client.consents.count() == 2


def test_consent_text_is_shown_in_the_readers_language(client, case, verified):
    from django.conf import settings

    from wijknet.casework.models import ConsentText

    verified(client, case.recorder)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url(case, "consent_create")).content.decode()
    assert "I consent to the professionals of the organisations named below" in html
    assert "Ik geef toestemming" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    html = client.get(url(case, "consent_create")).content.decode()
    assert "Ik geef toestemming dat de professionals" in html
    # What is stored is the Dutch wording, as given; a network's own wording is shown as written.
    with scope(network=case.network):
        stored = case.consent.consent_text
        assert stored.text.startswith("Ik geef toestemming dat de professionals")
        own = ConsentText(network=case.network, version=2, text="Eigen tekst van het netwerk.")
    with translation.override("en"):
        assert own.display_text == "Eigen tekst van het netwerk."
        assert stored.display_text.startswith("I consent to the professionals")


def test_team_add_without_consent_shows_the_dutch_message(client, case, verified):
    verified(client, case.recorder)
    with scopes_disabled():
        outside = case.outside.memberships.get()
    response = client.post(
        url(case, "team_add"),
        {"membership": outside.pk, "role": "Ouderenwerker", "resident_agrees": "on"},
    )
    assert response.status_code == 200
    assert "geen geldige toestemming" in response.content.decode()


def test_withdrawal_by_a_team_member_sends_them_back_to_the_list(client, case, verified):
    verified(client, case.member)
    response = client.post(
        url(case, "consent_withdraw", consent_uuid=case.consent.uuid), {"confirm": "on"}
    )
    assert response["Location"] == reverse("casework:list", args=[case.network.slug])
    assert client.get(url(case, "detail")).status_code == 404


def test_two_editors_of_one_plan_second_keeps_input(client, case, verified, django_user_model):
    from django.test import Client as TestClient

    first, second = client, TestClient()
    verified(first, case.recorder)
    verified(second, case.member)
    # Both open the edit form at version 1.
    first_form = first.get(url(case, "plan_edit")).content.decode()
    second.get(url(case, "plan_edit"))
    assert 'name="version" value="1"' in first_form
    ok = first.post(
        url(case, "plan_edit"),
        {"version": 1, "wil": "Eerste wil", "kan": "", "heb_nodig": "", "evaluation": ""},
    )
    assert ok.status_code == 302
    clash = second.post(
        url(case, "plan_edit"),
        {"version": 1, "wil": "Tweede wil", "kan": "k", "heb_nodig": "", "evaluation": ""},
    )
    html = clash.content.decode()
    assert clash.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Tweede wil" in html  # their input is kept in the form
    with scope(network=case.network):
        assert CarePlan.objects.get(client=case.client).wil == "Eerste wil"


def test_spider_web_form_and_page_show_svg_overlay_and_table(client, case, verified):
    verified(client, case.member)
    data = {
        "measured_on": (timezone.localdate() - timedelta(days=30)).isoformat(),
        "filled_by": "resident",
    }
    for d in Dimension.values:
        data |= {f"{d}_score": 4, f"{d}_remark": "", f"{d}_talk": ""}
    assert client.post(url(case, "measurement_create"), data).status_code == 302
    data["measured_on"] = timezone.localdate().isoformat()
    data["zingeving_score"] = 8
    data["zingeving_remark"] = "Vrijwilligerswerk geeft zin"
    data["zingeving_talk"] = "on"
    assert client.post(url(case, "measurement_create"), data).status_code == 302
    html = client.get(url(case, "health")).content.decode()
    assert "<svg" in html and "radar-area previous" in html
    assert "Vrijwilligerswerk geeft zin" in html
    assert re.search(r"<th scope=\"row\">Zingeving</th><td>8</td><td>4</td><td>ja</td>", html)


def test_score_out_of_range_is_refused(client, case, verified):
    verified(client, case.member)
    data = {"measured_on": timezone.localdate().isoformat(), "filled_by": "resident"}
    for d in Dimension.values:
        data[f"{d}_score"] = 11
    response = client.post(url(case, "measurement_create"), data)
    assert response.status_code == 200


def test_mdo_agreements_show_up_in_the_plan(client, case, verified):
    verified(client, case.member)
    response = client.post(
        url(case, "mdo_create"),
        {
            "held_on": timezone.localdate().isoformat(),
            "participants": [case.team_member.pk],
            "resident_present": "on",
            "others": "Buurvrouw",
            "notes": "",
            "agreement_1_text": "Rollator aanvragen",
            "agreement_1_who": case.team_member.pk,
            "agreement_1_due": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "agreement_2_text": "",
            "agreement_3_text": "",
            "fed_back_resident": "on",
            "feedback_how": "Huisbezoek",
            "feedback_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Rollator aanvragen" in detail and "Huisbezoek" in detail
    plan = client.get(url(case, "plan")).content.decode()
    assert "Rollator aanvragen" in plan and "MDO" in plan


def test_action_status_update_uses_the_version(client, case, verified):
    with scope(network=case.network):
        plan = CarePlan.objects.get(client=case.client)
        plan.client = case.client
        action = services.action_add(
            acting_user=case.member,
            membership=case.member_membership,
            plan=plan,
            text="Boodschappen regelen",
        )
    verified(client, case.member)
    edit = url(case, "action_edit", plan_action_uuid=action.uuid)
    data = {"text": "Boodschappen regelen", "status": "done", "version": 1}
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, {**data, "status": "busy"})
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    with scope(network=case.network):
        assert PlanAction.objects.get(pk=action.pk).status == "done"


def test_goal_add(client, case, verified):
    verified(client, case.member)
    response = client.post(
        url(case, "goal_add"), {"dimension": "meedoen", "text": "Naar de koffieochtend"}
    )
    assert response.status_code == 302
    assert "Naar de koffieochtend" in client.get(url(case, "plan")).content.decode()


def test_correction(client, case, verified):
    verified(client, case.member)
    response = client.post(
        url(case, "edit"),
        {
            "version": 1,
            "name": "Anna de Wit-Jansen",
            "birth_year": 1948,
            "wijk": "Oost",
            "contact": "",
            "mantelzorger_name": "",
            "mantelzorger_contact": "",
        },
    )
    assert response.status_code == 302
    with scope(network=case.network):
        assert Client.objects.get().name == "Anna de Wit-Jansen"


def test_json_and_html_export_contain_everything(client, case, verified):
    _measure(case, timezone.localdate(), 5)
    verified(client, case.member)
    response = client.get(url(case, "export_json"))
    data = json.loads(response.content)
    assert data["client"]["name"] == "Anna de Wit"
    assert data["client"]["mantelzorger_contact"] == "06-87654321"
    # The export writes the declared fields (casework/fields.py), like the forms edit them.
    extra = ["recorded_at", "retention_extended_at", "retention_reason"]
    assert list(data["client"]) == ["uuid", *keys(CLIENT_FIELDS), *extra]
    assert list(data["plan"])[: len(PLAN_FIELDS)] == keys(PLAN_FIELDS)
    assert data["consents"][0]["organisations"] == sorted([case.org_a.name, case.org_b.name])
    assert data["team"][0]["role"] == "Fysiotherapeut"
    assert len(data["positive_health"][0]["scores"]) == 6
    html = client.get(url(case, "export_html")).content.decode()
    assert "Karel de Wit" in html and "Fysiotherapeut" in html
    with scopes_disabled():
        actions = list(
            AccessLogRecord.objects.filter(client_uuid=case.client.uuid, category="export")
            .order_by("id")
            .values_list("action", flat=True)
        )
    assert actions == ["export", "print"]


def test_erasure_needs_the_typed_name(client, case, verified):
    verified(client, case.recorder)
    response = client.post(url(case, "erase"), {"confirm_name": "Verkeerd"})
    assert response.status_code == 200
    assert "Typ de naam" in response.content.decode()
    response = client.post(url(case, "erase"), {"confirm_name": "Anna de Wit"})
    assert response["Location"] == reverse("casework:list", args=[case.network.slug])
    with scopes_disabled():
        assert not Client.objects.exists()
        assert (
            AccessLogRecord.objects.filter(
                client_uuid=case.client.uuid, action="delete", category="erasure"
            ).count()
            == 1
        )


def test_access_overview_lists_who_viewed_what(client, case, verified):
    verified(client, case.member)
    client.get(url(case, "plan"))
    client.get(url(case, "health"))
    html = client.get(url(case, "access_overview")).content.decode()
    assert html.count("Tim Teamlid") >= 3
    assert "Rita Recorder" in html  # who made the data available
    assert "Positieve Gezondheid" in html and "Plan" in html


class TestQueryCounts:
    """Literal query counts for every list page, the same at 1 and 3 items. They include the
    session, user, second factor, membership, the access check and the access-log insert."""

    # The idle clock of a verified session is written at most once a minute
    # (accounts.middleware), so not in these requests.
    CLIENT_LIST = 7  # with the SEARCH record, written on its own (no savepoint)
    # One client's pages include one query for the retention status (queries.retention).
    CASE_PAGES = {
        "plan": 15,
        "health": 13,
        "mdo_list": 14,
        "access_overview": 13,
        "detail": 16,
        "export_html": 23,
    }

    def test_client_list(self, client, network, verified, django_assert_num_queries):
        first = make_case(network, name="Een")
        verified(client, first.recorder)
        target = reverse("casework:list", args=[network.slug])
        with django_assert_num_queries(self.CLIENT_LIST):
            assert client.get(target).status_code == 200
        with scope(network=network):
            for name in ("Twee", "Drie"):
                services.client_create(
                    acting_user=first.recorder,
                    membership=first.recorder_membership,
                    network=network,
                    name=name,
                    birth_year=1960,
                )
        with django_assert_num_queries(self.CLIENT_LIST):
            assert client.get(target).status_code == 200

    def test_case_pages(self, client, case, verified, django_assert_num_queries):
        verified(client, case.member)
        _measure(case, timezone.localdate() - timedelta(days=60), 3)
        self._conference(case)
        for page, count in self.CASE_PAGES.items():
            with django_assert_num_queries(count):
                assert client.get(url(case, page)).status_code == 200
        _measure(case, timezone.localdate() - timedelta(days=30), 4)
        _measure(case, timezone.localdate(), 5)
        self._conference(case)
        self._conference(case)
        for page, count in self.CASE_PAGES.items():
            with django_assert_num_queries(count):
                assert client.get(url(case, page)).status_code == 200

    def _conference(self, case):
        with scope(network=case.network):
            services.conference_record(
                acting_user=case.member,
                membership=case.member_membership,
                client=case.client,
                participants=[case.team_member],
                agreements=[{"text": "A", "responsible": case.team_member, "due_on": None}],
                held_on=timezone.localdate(),
                resident_present=False,
                mantelzorger_present=False,
                others="",
                notes="",
                fed_back_resident=False,
                fed_back_mantelzorger=False,
                feedback_how="",
                feedback_on=None,
            )


def test_the_client_list_is_logged_as_a_search_without_names(client, case, verified):
    verified(client, case.member)
    response = client.get(reverse("casework:list", args=[case.network.slug]))
    assert "Anna de Wit" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    with scopes_disabled():
        record = AccessLogRecord.objects.latest("id")
    assert (record.action, record.client_uuid, record.detail) == (
        "search",
        None,
        "clientenlijst: 1",
    )


def test_supersede_through_the_page_keeps_the_old_consent(client, case, verified):
    verified(client, case.recorder)
    target = url(case, "consent_supersede", consent_uuid=case.consent.uuid)
    page = client.get(target).content.decode()
    assert "Toestemming vervangen" in page
    response = client.post(
        target,
        {
            "purpose": "plan",
            "organisations": [case.org_a.pk],
            "given_by": "resident",
            "method": "digitaal",
            "given_at": timezone.localdate().isoformat(),
            "read_aloud": "on",
        },
    )
    assert response.status_code == 302
    with scope(network=case.network):
        case.consent.refresh_from_db()
        assert case.consent.superseded_by is not None
        assert case.consent.method == "mondeling"  # as given, never edited
    # An inactive consent cannot be superseded again.
    assert client.get(target).status_code == 403
