"""FHIR R4 export: instruments as Questionnaires, rounds as Bundles of anonymous
QuestionnaireResponses, validated with the R4B models of `fhir.resources`."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from wijknet.scans import fhir, services
from wijknet.scans.content import load_scans
from wijknet.scans.models import Instrument, Item, ScanInvitation, ScanResponse
from wijknet.scans.tests.conftest import items_of

CODES = ["1", "2", "3", "4", "5", "weet-niet"]


def instrument_url(network, key="mini"):
    return f"/n/{network.slug}/scans/instrumenten/{key}/fhir/"


def round_url(network, round_):
    return f"/n/{network.slug}/scans/{round_.uuid}/fhir/"


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    return response, json.loads(response.content)


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def answers_by_link_id(response: dict) -> dict[str, str]:
    """linkId → answer code, walking the nested groups."""
    found = {}

    def walk(items):
        for item in items:
            if "answer" in item:
                found[item["linkId"]] = item["answer"][0]["valueCoding"]["code"]
            walk(item.get("item", []))

    walk(response["item"])
    return found


@pytest.mark.django_db
class TestInstrumentQuestionnaire:
    def test_instrument_is_a_valid_nested_questionnaire(self, client, network, coordinator, mini):
        client.force_login(coordinator)
        _response, data = get_json(client, instrument_url(network))
        q = Questionnaire.model_validate(data)
        assert q.url == "https://wijknet.nl/fhir/Questionnaire/mini"
        assert q.version == "1"
        assert q.title == "Mini-scan"
        assert q.name == "Mini"
        assert q.status == "active"
        # Group per part → group per indicator → choice item per statement.
        assert [g.text for g in q.item] == ["Onderdeel 1", "Onderdeel 2", "Onderdeel 3"]
        assert {g.type for g in q.item} == {"group"}
        first = q.item[0]
        assert [i.text for i in first.item] == ["Indicator 1"]
        assert first.item[0].type == "group"
        statements = first.item[0].item
        assert [(s.linkId, s.text, s.type) for s in statements] == [
            ("m1a", "Stelling 1a", "choice"),
            ("m1b", "Stelling 1b", "choice"),
        ]
        options = statements[0].answerOption
        assert [o.valueCoding.code for o in options] == CODES
        assert {o.valueCoding.system for o in options} == {fhir.ANSWER_SYSTEM}
        assert options[-1].valueCoding.display == "weet niet / n.v.t."
        link_ids = [leaf.linkId for group in q.item for ind in group.item for leaf in ind.item] + [
            group.linkId for group in q.item
        ]
        assert len(link_ids) == len(set(link_ids))  # linkIds are unique in the questionnaire

    def test_retired_items_are_left_out(self, client, network, coordinator, mini):
        Item.objects.filter(instrument=mini, key="m2b").update(retired=True)
        client.force_login(coordinator)
        _response, data = get_json(client, instrument_url(network))
        leaves = [leaf["linkId"] for g in data["item"] for i in g["item"] for leaf in i["item"]]
        assert leaves == ["m1a", "m1b", "m2a", "m3a", "m3b"]

    def test_every_real_instrument_is_valid(self, roadmap):
        load_scans()
        instruments = list(Instrument.objects.order_by("order"))
        assert len(instruments) == 4
        for instrument in instruments:
            items = fhir.load_instrument_items(instrument)
            q = Questionnaire.model_validate(fhir.questionnaire(instrument, items))
            leaves = [leaf.linkId for g in q.item for i in g.item for leaf in i.item]
            assert leaves == [item.key for item in items]
            assert len(leaves) == len(set(leaves))
            assert q.name[0].isupper() and q.name.isalnum()
            assert instrument.source in q.description

    def test_unknown_instrument_is_404(self, client, network, coordinator, mini):
        client.force_login(coordinator)
        assert client.get(instrument_url(network, "bestaat-niet")).status_code == 404

    def test_every_role_may_read_it(self, client, network, members, mini):
        client.force_login(members["viewer"])
        _response, data = get_json(client, instrument_url(network))
        assert data["resourceType"] == "Questionnaire"


@pytest.mark.django_db
class TestRoundBundle:
    def test_submitted_answers_as_anonymous_responses(
        self, client, network, coordinator, make_round, respond, mini
    ):
        round_ = make_round(emails=("a@example.org", "b@example.org"))
        respond(round_, {"m1a": 5, "m2b": None}, email="een@example.org")
        respond(round_, {"m1a": 1}, email="twee@example.org")
        client.force_login(coordinator)
        response, data = get_json(client, round_url(network, round_))
        assert ".fhir.json" in response["Content-Disposition"]
        bundle = Bundle.model_validate(data)
        assert bundle.type == "collection"
        assert bundle.identifier.value == str(round_.uuid)
        # Self-describing: the instrument's Questionnaire first, then the responses.
        assert data["entry"][0]["resource"]["resourceType"] == "Questionnaire"
        Questionnaire.model_validate(data["entry"][0]["resource"])
        responses = resources(data, "QuestionnaireResponse")
        assert len(responses) == 2
        with scope(network=network):
            submitted = list(
                ScanResponse.objects.filter(round=round_)
                .order_by("submitted_at", "pk")
                .values_list("submitted_at", flat=True)
            )
        for qr, submitted_at in zip(responses, submitted, strict=True):
            model = QuestionnaireResponse.model_validate(qr)
            assert model.status == "completed"
            assert model.questionnaire == "https://wijknet.nl/fhir/Questionnaire/mini"
            assert model.authored == submitted_at.replace(microsecond=0)
            # Anonymous: nobody is named, not even by reference.
            assert model.subject is None and model.author is None and model.source is None
            assert set(qr) == {
                "resourceType",
                "identifier",
                "questionnaire",
                "status",
                "authored",
                "item",
            }
            # Nested like the questionnaire: part → indicator → statement.
            assert [g["linkId"] for g in qr["item"]] == [
                "onderdeel.g1",
                "onderdeel.g2",
                "onderdeel.g3",
            ]
        first, second = (answers_by_link_id(qr) for qr in responses)
        assert first == {
            "m1a": "5",
            "m1b": "3",
            "m2a": "3",
            "m2b": "weet-niet",
            "m3a": "3",
            "m3b": "3",
        }
        assert second["m1a"] == "1"
        assert [qr["identifier"]["value"] for qr in responses] == ["1", "2"]
        full_urls = [e["fullUrl"] for e in data["entry"]]
        assert len(full_urls) == len(set(full_urls))

    def test_export_holds_no_invitations_or_user_data(
        self, client, network, coordinator, make_round, respond, mini
    ):
        round_ = make_round(emails=("geheim@example.org",), roles=["coordinator", "partner"])
        respond(round_, {}, email="respondent@example.org", role="partner")
        with scope(network=network):
            invitations = list(ScanInvitation.objects.filter(round=round_))
            assert ScanResponse.objects.filter(round=round_).count() == 1
        client.force_login(coordinator)
        body = client.get(round_url(network, round_)).content.decode()
        forbidden = [
            "@",  # no e-mail address at all
            coordinator.full_name,
            '"partner"',  # the respondent's role is not exported (small groups)
            "Netwerkpartner",
            # (the respond fixture's own invitation has a short fake hash)
            *(i.token_hash for i in invitations if len(i.token_hash) == 64),
            *(str(i.uuid) for i in invitations),
        ]
        for text in forbidden:
            assert text not in body, text
        data = json.loads(body)
        assert len(resources(data, "QuestionnaireResponse")) == 1

    def test_unsubmitted_answers_are_not_exported(
        self, client, network, coordinator, make_round, mini
    ):
        round_ = make_round()
        with scope(network=network):
            invitation = ScanInvitation.objects.get(round=round_)
            first = next(iter(items_of(mini).values()))
            services.answers_save(invitation=invitation, answers={first.pk: 4}, submit=False)
        client.force_login(coordinator)
        _response, data = get_json(client, round_url(network, round_))
        Bundle.model_validate(data)
        assert resources(data, "QuestionnaireResponse") == []
        assert len(resources(data, "Questionnaire")) == 1

    def test_own_statements_get_a_questionnaire_of_their_own(
        self, client, network, coordinator, mini
    ):
        today = timezone.localdate()
        with scope(network=network):
            round_ = services.round_create(
                acting_user=coordinator,
                network=network,
                label="T1",
                instruments=[mini],
                opens_on=today,
                closes_on=today + timedelta(days=7),
                extra_emails=["a@example.org"],
                own_items=["We delen een agenda."],
            )
            invitation = ScanInvitation.objects.get(round=round_)
            items = list(services.round_items(round_))
            answers = {i.pk: (None if i.round_id else 2) for i in items}
            services.answers_save(invitation=invitation, answers=answers, submit=True)
        client.force_login(coordinator)
        _response, data = get_json(client, round_url(network, round_))
        Bundle.model_validate(data)
        questionnaires = resources(data, "Questionnaire")
        assert [q["url"] for q in questionnaires] == [
            "https://wijknet.nl/fhir/Questionnaire/mini",
            fhir.own_items_url(round_),
        ]
        assert questionnaires[1]["item"][0]["text"] == "We delen een agenda."
        responses = resources(data, "QuestionnaireResponse")
        assert [r["questionnaire"] for r in responses] == [q["url"] for q in questionnaires]
        assert answers_by_link_id(responses[1]) == {"eigen-1": "weet-niet"}
        assert set(answers_by_link_id(responses[0]).values()) == {"2"}
        # Both responses of one respondent carry the same anonymous identifier.
        assert responses[0]["identifier"] == responses[1]["identifier"]

    def test_round_of_another_network_is_404(
        self, client, network, other_network, coordinator, outsider, mini
    ):
        today = timezone.localdate()
        with scope(network=other_network):
            theirs = services.round_create(
                acting_user=outsider,
                network=other_network,
                label="T0",
                instruments=[mini],
                opens_on=today,
                closes_on=today,
                extra_emails=["x@example.org"],
            )
        client.force_login(coordinator)
        assert client.get(round_url(network, theirs)).status_code == 404


@pytest.mark.django_db
class TestBuilders:
    def test_bundle_is_stable_and_reads_in_fixed_queries(self, network, make_round, respond, mini):
        round_ = make_round()
        respond(round_, {"m1a": 2})
        with scope(network=network), CaptureQueriesContext(connection) as one:
            export = fhir.load_round_export(round_)
        now = timezone.now()
        assert fhir.round_bundle(export, timestamp=now) == fhir.round_bundle(export, timestamp=now)
        for value in (1, 2, 3, 4):
            respond(round_, {"m1a": value})
        with scope(network=network), CaptureQueriesContext(connection) as five:
            export = fhir.load_round_export(round_)
        assert len(export.responses) == 5
        assert len(five) == len(one)
        bundle = fhir.round_bundle(export, timestamp=now)
        Bundle.model_validate(bundle)
        assert bundle["timestamp"] == now.isoformat(timespec="seconds")

    def test_answers_to_a_retired_item_are_still_exported(self, network, make_round, respond, mini):
        round_ = make_round()
        respond(round_, {"m3b": 5})
        Item.objects.filter(instrument=mini, key="m3b").update(retired=True)
        with scope(network=network):
            bundle = fhir.round_bundle(fhir.load_round_export(round_), timestamp=timezone.now())
        Bundle.model_validate(bundle)
        (qr,) = resources(bundle, "QuestionnaireResponse")
        assert answers_by_link_id(qr)["m3b"] == "5"

    def test_answer_coding(self):
        assert fhir.answer_coding(None) == {
            "system": fhir.ANSWER_SYSTEM,
            "code": "weet-niet",
            "display": "weet niet / n.v.t.",
        }
        assert fhir.answer_coding(4)["code"] == "4"
