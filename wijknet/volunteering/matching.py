"""Ranking volunteers for a help request: a pure function with a reason for every point.

The coordinator (dorpsondersteuner) decides; the ranking only puts the likely candidates on
top and says why: what they like to do, where they live, when they can, how busy they are.
All weights are in WEIGHTS; ties are broken by name, then id, so the order is stable.
`queries.candidates()` loads the candidates in one query; this module touches no database.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import DAY_PARTS, KIND_ACTIVITY

WEIGHTS = {
    "kind": 40,  # likes to do this kind of help
    "same_place": 25,  # lives in the same dorp or wijk
    "within_2_km": 20,  # otherwise: distance by coordinates
    "within_5_km": 10,
    "same_postcode_area": 15,  # otherwise: same four postcode digits
    "available": 15,  # free on at least one requested day part
    "no_day_parts_asked": 5,  # the request names no day parts: anyone may fit
    "per_current_match": -10,  # each open match (voorgesteld, akkoord, lopend)
    "full": -40,  # at or over their own maximum of matches
}
NEAR_KM = 2
FAR_KM = 5


@dataclass(frozen=True)
class RequestFacts:
    kind: str
    place: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    day_parts: tuple[str, ...] = ()


@dataclass(slots=True)
class Candidate:
    pk: int
    name: str
    kinds: list[str] = field(default_factory=list)
    place: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    availability: list[str] = field(default_factory=list)
    max_matches: int = 2
    load: int = 0
    already_proposed: bool = False
    uuid: object = None


@dataclass(frozen=True)
class Reason:
    text: str
    points: int


@dataclass
class Ranked:
    rank: int
    candidate: Candidate
    score: int
    context: object = field(repr=False, compare=False)

    @cached_property
    def reasons(self) -> list[Reason]:
        return self.context.explain(self.candidate)

    @property
    def is_full(self) -> bool:
        return self.candidate.load >= self.candidate.max_matches


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine) in kilometres."""
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _postcode_area(postcode: str) -> str:
    digits = "".join(c for c in postcode if c.isdigit())
    return digits[:4] if len(digits) >= 4 else ""


def _number(value) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal | int | float) else float(str(value))


class _Texts:
    """The reason texts, translated once per ranking instead of once per candidate."""

    def __init__(self, facts: RequestFacts):
        activity = str(KIND_ACTIVITY.get(facts.kind, facts.kind))
        self.kind_yes = _("doet graag %(activity)s") % {"activity": activity}
        self.kind_no = _("heeft %(activity)s niet opgegeven") % {"activity": activity}
        self.same_place = _("woont in hetzelfde dorp of dezelfde wijk (%(place)s)")
        self.lives_in = _("woont in %(place)s")
        self.distance = _("woont op %(km)s km afstand")
        self.postcode = _("zelfde postcodegebied (%(area)s)")
        self.place_unknown = _("woonplaats onbekend")
        self.available = _("beschikbaar op %(parts)s")
        self.not_available = _("niet beschikbaar op de gevraagde dagdelen")
        self.no_availability = _("beschikbaarheid niet opgegeven")
        self.no_day_parts = _("de hulpvraag noemt geen vaste dagdelen")
        self.idle = _("heeft nu geen actieve koppelingen")
        self.full = _("zit vol: %(load)s van de %(max)s koppelingen die hij of zij tegelijk wil")
        self.day_part_labels = {value: str(label) for value, label in DAY_PARTS}


def _evaluate(c: Candidate, facts: RequestFacts, req: dict, texts: "_Texts | None"):
    """The score of one candidate and, when `texts` is given, the reasons for it. One code path
    for both, so the reasons always add up to the score; the ranking scores everyone and
    explains only the candidates that are shown."""
    w = WEIGHTS
    score = 0
    reasons = [] if texts is not None else None

    if facts.kind in c.kinds:
        score += w["kind"]
        if texts:
            reasons.append(Reason(texts.kind_yes, w["kind"]))
    elif texts:
        reasons.append(Reason(texts.kind_no, 0))

    req_lat, req_lon = req["lat"], req["lon"]
    if facts.place and c.place and c.place.casefold() == req["place"]:
        score += w["same_place"]
        if texts:
            reasons.append(Reason(texts.same_place % {"place": facts.place}, w["same_place"]))
    elif req_lat is not None and c.latitude is not None and c.longitude is not None:
        km = distance_km(req_lat, req_lon, c.latitude, c.longitude)
        points = w["within_2_km"] if km <= NEAR_KM else w["within_5_km"] if km <= FAR_KM else 0
        score += points
        if texts:
            km_text = f"{km:.1f}".replace(".", ",")
            reasons.append(Reason(texts.distance % {"km": km_text}, points))
    elif req["area"] and _postcode_area(c.postcode) == req["area"]:
        score += w["same_postcode_area"]
        if texts:
            reasons.append(Reason(texts.postcode % {"area": req["area"]}, w["same_postcode_area"]))
    elif texts:
        if c.place:
            reasons.append(Reason(texts.lives_in % {"place": c.place}, 0))
        else:
            reasons.append(Reason(texts.place_unknown, 0))

    if not req["parts"]:
        score += w["no_day_parts_asked"]
        if texts:
            reasons.append(Reason(texts.no_day_parts, w["no_day_parts_asked"]))
    elif not c.availability:
        if texts:
            reasons.append(Reason(texts.no_availability, 0))
    else:
        common = [p for p in facts.day_parts if p in c.availability]
        if common:
            score += w["available"]
            if texts:
                labels = ", ".join(texts.day_part_labels.get(p, p) for p in common)
                reasons.append(Reason(texts.available % {"parts": labels}, w["available"]))
        elif texts:
            reasons.append(Reason(texts.not_available, 0))

    if c.load:
        score += w["per_current_match"] * c.load
        if texts:
            # The load counts proposed, accepted and running matches (ACTIVE_MATCH).
            text = ngettext(
                "heeft al %(n)s actieve koppeling", "heeft al %(n)s actieve koppelingen", c.load
            ) % {"n": c.load}
            reasons.append(Reason(text, w["per_current_match"] * c.load))
    elif texts:
        reasons.append(Reason(texts.idle, 0))
    if c.load >= c.max_matches:
        score += w["full"]
        if texts:
            reasons.append(Reason(texts.full % {"load": c.load, "max": c.max_matches}, w["full"]))
    return score, reasons


def rank(facts: RequestFacts, candidates) -> list[Ranked]:
    """Score every candidate and return them best first, each with the reasons for its score
    (worked out when first asked for, so ranking 5,000 volunteers to show 20 stays fast).

    Ties are broken by name (case-insensitive), then id: the same input gives the same order.
    """
    lat, lon = _number(facts.latitude), _number(facts.longitude)
    req = {
        "place": facts.place.casefold(),
        "area": _postcode_area(facts.postcode),
        "parts": set(facts.day_parts),
        "lat": lat if lon is not None else None,
        "lon": lon,
    }
    scored = [(-_evaluate(c, facts, req, None)[0], c.name.casefold(), c.pk, c) for c in candidates]
    scored.sort(key=lambda row: row[:3])
    context = _Context(facts, req)
    return [
        Ranked(rank=i, candidate=row[3], score=-row[0], context=context)
        for i, row in enumerate(scored, start=1)
    ]


class _Context:
    """What explaining a candidate needs; the texts are translated once, on first use."""

    def __init__(self, facts, req):
        self.facts = facts
        self.req = req
        self._texts = None

    def explain(self, candidate) -> list[Reason]:
        if self._texts is None:
            self._texts = _Texts(self.facts)
        return _evaluate(candidate, self.facts, self.req, self._texts)[1]
