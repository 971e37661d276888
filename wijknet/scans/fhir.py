"""FHIR R4 export of scans: an instrument as a `Questionnaire`, a round's submitted answers as a
`Bundle` (type collection) of anonymous `QuestionnaireResponse`s.

The builders (`questionnaire`, `own_items_questionnaire`, `round_bundle`) are pure: they take
objects that are already loaded and return plain dicts (JSON-ready). The two loaders at the end
do the reading, in a fixed number of queries.

What a round export contains, on purpose: per submitted response, the answers and the time of
submission. What it never contains: invitations, e-mail addresses, users, and neither role nor
sector: those would single people out in small groups, which the results pages prevent by
withholding groups under three respondents.
"""

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from .models import Instrument, Item, ScanAnswer, ScanResponse

FHIR_BASE = "https://wijknet.nl/fhir"
ANSWER_SYSTEM = f"{FHIR_BASE}/CodeSystem/scan-antwoord"
DONT_KNOW_CODE = "weet-niet"
FHIR_JSON = "application/fhir+json"
PUBLISHER = "wijknet"
# Stable ids (fullUrl) for the resources of a round export: the same round gives the same file.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, FHIR_BASE)

# Displays are data, not UI: fixed Dutch, whatever the language of the person exporting.
ANSWER_DISPLAY = {
    "1": "helemaal oneens",
    "2": "oneens",
    "3": "neutraal",
    "4": "eens",
    "5": "helemaal eens",
    DONT_KNOW_CODE: "weet niet / n.v.t.",
}


def questionnaire_url(instrument) -> str:
    return f"{FHIR_BASE}/Questionnaire/{instrument.key}"


def own_items_url(round_) -> str:
    return f"{FHIR_BASE}/Questionnaire/scanronde-{round_.uuid}-eigen-stellingen"


def answer_coding(value: int | None) -> dict:
    """1–5, or None for "weet niet", as a Coding of the local answer code system."""
    code = DONT_KNOW_CODE if value is None else str(value)
    return {"system": ANSWER_SYSTEM, "code": code, "display": ANSWER_DISPLAY[code]}


def _fhir_id(text: str) -> str:
    """A FHIR id ([A-Za-z0-9-.]{1,64}) from a slug."""
    return re.sub(r"[^A-Za-z0-9.-]", "-", text)[:64]


def _computable_name(text: str) -> str:
    """Questionnaire.name is meant for machines: CamelCase, starting with a capital."""
    name = "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text))
    return name if name[:1].isalpha() else f"Scan{name}"


def _group_link_id(group) -> str:
    return f"onderdeel.{group.key}"


def _indicator_link_id(indicator) -> str:
    return f"indicator.{indicator.key}"


def _choice_item(item) -> dict:
    return {
        "linkId": item.key,
        "text": item.text,
        "type": "choice",
        "required": True,
        "answerOption": [{"valueCoding": answer_coding(v)} for v in (1, 2, 3, 4, 5, None)],
    }


def _sort_key(item):
    indicator = item.indicator
    return (indicator.group.order, indicator.order, item.order, item.pk)


def _nest(items, leaf, *, typed: bool) -> list[dict]:
    """Group → indicator → leaf(item), in the instrument's order. Items need `indicator` and
    `indicator.group` loaded. `typed`: Questionnaire items have a type, response items not."""
    extra = {"type": "group"} if typed else {}
    groups: dict = {}
    for item in sorted(items, key=_sort_key):
        indicator = item.indicator
        group = indicator.group
        group_node = groups.setdefault(
            group.pk,
            {"linkId": _group_link_id(group), "text": group.name, **extra, "_indicators": {}},
        )
        indicator_node = group_node["_indicators"].setdefault(
            indicator.pk,
            {"linkId": _indicator_link_id(indicator), "text": indicator.name, **extra},
        )
        indicator_node.setdefault("item", []).append(leaf(item))
    result = []
    for node in groups.values():
        node["item"] = list(node.pop("_indicators").values())
        result.append(node)
    return result


def questionnaire(instrument, items) -> dict:
    """An instrument as a Questionnaire: a group per part, a group per indicator in it, and a
    choice item per statement (linkId = the item's key). `items`: the instrument's current
    items with `indicator` and `indicator.group` loaded."""
    resource = {
        "resourceType": "Questionnaire",
        "id": _fhir_id(instrument.key),
        "url": questionnaire_url(instrument),
        "version": str(instrument.version),
        "name": _computable_name(instrument.key),
        "title": instrument.name,
        "status": "active",
        "publisher": PUBLISHER,
        "language": "nl",
        "item": _nest(items, _choice_item, typed=True),
    }
    source = f"Bron: {instrument.source}" if instrument.source else ""
    description = "\n\n".join(text for text in (instrument.description, source) if text)
    if description:
        resource["description"] = description
    return resource


def own_items_questionnaire(round_, items, *, network_name: str) -> dict:
    """The network's own statements of one round, as a Questionnaire of their own."""
    return {
        "resourceType": "Questionnaire",
        "id": _fhir_id(f"scanronde-{round_.uuid}-eigen"),
        "url": own_items_url(round_),
        "name": "EigenStellingen",
        "title": f"Eigen stellingen van {network_name}, ronde {round_.label}",
        "status": "active",
        "publisher": PUBLISHER,
        "language": "nl",
        "item": [_choice_item(item) for item in sorted(items, key=lambda i: (i.order, i.pk))],
    }


@dataclass
class ExportedResponse:
    submitted_at: object
    answers: dict[int, int | None]  # item id → 1–5 or None (weet niet)


@dataclass
class RoundExport:
    """What a round export needs, loaded: see `load_round_export`."""

    round: object
    network_name: str
    instruments: list  # (Instrument, its current items) in order
    own_items: list
    items: dict[int, object]  # every item answered or asked, by id
    responses: list[ExportedResponse] = field(default_factory=list)


def _answer(item, value) -> dict:
    return {
        "linkId": item.key,
        "text": item.text,
        "answer": [{"valueCoding": answer_coding(value)}],
    }


def _response_resource(url, items: list[dict], *, authored: str, identifier: dict) -> dict:
    """One anonymous QuestionnaireResponse: deliberately no subject, author or source."""
    return {
        "resourceType": "QuestionnaireResponse",
        "identifier": identifier,
        "questionnaire": url,
        "status": "completed",
        "authored": authored,
        "item": items,
    }


def round_bundle(export: RoundExport, *, timestamp) -> dict:
    """A round's submitted answers: per respondent one QuestionnaireResponse per instrument
    (plus one for the network's own statements), all anonymous: no subject, no author.

    The Questionnaires come first in the bundle, so the file is self-describing. A respondent's
    responses share an identifier (respondent 1, 2 … in order of submission) so they can be
    put together again; it leads to no person.
    """
    round_ = export.round
    entries = []

    def add(resource, name):
        stable = uuid.uuid5(_NAMESPACE, f"{round_.uuid}/{name}")
        entries.append({"fullUrl": f"urn:uuid:{stable}", "resource": resource})

    for instrument, items in export.instruments:
        add(questionnaire(instrument, items), f"questionnaire/{instrument.key}")
    if export.own_items:
        add(
            own_items_questionnaire(round_, export.own_items, network_name=export.network_name),
            "questionnaire/eigen",
        )
    own_ids = {item.pk for item in export.own_items}
    for number, response in enumerate(export.responses, start=1):
        authored = response.submitted_at.isoformat(timespec="seconds")
        identifier = {
            "system": f"{FHIR_BASE}/scanronde/{round_.uuid}/respondent",
            "value": str(number),
        }
        by_instrument = defaultdict(list)
        own = []
        for item_id, value in response.answers.items():
            item = export.items[item_id]
            if item_id in own_ids or item.instrument_id is None:
                own.append((item, value))
            else:
                by_instrument[item.instrument_id].append((item, value))
        for instrument, _items in export.instruments:
            answered = dict(by_instrument.get(instrument.pk, []))
            if not answered:
                continue
            tree = _nest(
                answered, lambda item, answered=answered: _answer(item, answered[item]), typed=False
            )
            add(
                _response_resource(
                    questionnaire_url(instrument), tree, authored=authored, identifier=identifier
                ),
                f"response/{number}/{instrument.key}",
            )
        if own:
            own.sort(key=lambda pair: (pair[0].order, pair[0].pk))
            add(
                _response_resource(
                    own_items_url(round_),
                    [_answer(item, value) for item, value in own],
                    authored=authored,
                    identifier=identifier,
                ),
                f"response/{number}/eigen",
            )
    return {
        "resourceType": "Bundle",
        "id": _fhir_id(f"scanronde-{round_.uuid}"),
        "identifier": {"system": f"{FHIR_BASE}/scanronde", "value": str(round_.uuid)},
        "type": "collection",
        "timestamp": timestamp.isoformat(timespec="seconds"),
        "entry": entries,
    }


# Reads ---------------------------------------------------------------------------------------


def _with_structure(queryset):
    return queryset.select_related("instrument", "indicator", "indicator__group")


def load_instrument_items(instrument) -> list:
    return list(
        _with_structure(Item.objects.filter(instrument=instrument, round__isnull=True))
        .filter(retired=False, indicator__isnull=False)
        .order_by("indicator__group__order", "indicator__order", "order", "pk")
    )


def load_round_export(round_) -> RoundExport:
    """Everything `round_bundle` needs, in five queries whatever the number of respondents.
    Reads only submitted responses, and of them only answers and the submission time."""
    instruments = list(round_.instruments.order_by("order", "name"))
    items = {
        item.pk: item
        for item in _with_structure(
            Item.objects.filter(
                Q(instrument__in=instruments, round__isnull=True, retired=False) | Q(round=round_)
            )
        ).order_by("pk")
    }
    responses = {
        pk: ExportedResponse(submitted_at, {})
        for pk, submitted_at in ScanResponse.objects.filter(
            round=round_, submitted_at__isnull=False
        )
        .order_by("submitted_at", "pk")
        .values_list("pk", "submitted_at")
    }
    answers = (
        ScanAnswer.objects.filter(response__round=round_, response__submitted_at__isnull=False)
        .order_by("response_id", "pk")
        .values_list("response_id", "item_id", "value")
    )
    for response_id, item_id, value in answers:
        responses[response_id].answers[item_id] = value
    # Answers to items retired since the round: still exported, under their own key.
    missing = {i for r in responses.values() for i in r.answers} - set(items)
    if missing:
        items.update(
            (item.pk, item)
            for item in _with_structure(Item.objects.filter(pk__in=missing)).order_by("pk")
        )
    current = [item for item in items.values() if not item.retired and item.round_id is None]
    return RoundExport(
        round=round_,
        network_name=round_.network.name,
        instruments=[
            (inst, [i for i in current if i.instrument_id == inst.pk and i.indicator_id])
            for inst in instruments
        ],
        own_items=[item for item in items.values() if item.round_id == round_.pk],
        items=items,
        responses=list(responses.values()),
    )


def instrument_by_key(key: str):
    return Instrument.objects.filter(key=key).first()
