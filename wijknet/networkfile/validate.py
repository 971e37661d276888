"""Validate a network file completely before anything is written.

`validate(data)` reads the parsed YAML (a dict) and returns a `Result`: the cleaned data (dates,
datetimes and amounts converted, defaults filled in) and every problem found, each with its
place in the file (`meetings[3].present[1]`) and a Dutch message. It only reads the database
(existing slug, the loaded step plan); it never writes.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_slug
from django.utils import timezone

from wijknet.core.imports import MESSAGE_CHARS, shorten, shorten_repr
from wijknet.networks import roles
from wijknet.networks.models import Network
from wijknet.roadmap.models import Step

from .loader import Impossible, line_of
from .schema import (
    CHOICES,
    COMMITMENT_LEVELS,
    FORMAT,
    FORMATS,
    KEYS,
    REFLECTION_SCORES,
    TOP_LEVEL_KEYS,
    V2_ONLY,
)


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None  # in the file, when it was read by `loader`

    def __str__(self):
        where = ", ".join(
            part for part in (f"regel {self.line}" if self.line else "", self.path) if part
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass
class Result:
    data: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_MISSING = object()


class _Checker:
    def __init__(self):
        self.problems: list[Problem] = []
        self.version_1 = False  # a wijknet-network/1 file: without the keys of version 2

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, shorten(message, MESSAGE_CHARS)))

    # Containers --------------------------------------------------------------------------

    def mapping(self, value, path: str, allowed: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, "Verwacht een verzameling velden (naam: waarde).")
            return None
        for key in value:
            if key not in allowed:
                self.problem(_join(path, shorten(key)), "Onbekend veld.")
        return value

    def items(self, obj: dict, key: str, path: str) -> list:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(_join(path, key), "Verwacht een lijst.")
            return []
        return value

    # Scalars -----------------------------------------------------------------------------

    def text(self, obj, key, path, *, required=False, max_length=None) -> str:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            if required:
                self.problem(where, "Dit veld is verplicht.")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(where, "Verwacht tekst.")
            return ""
        value = str(value).strip()
        if required and not value:
            self.problem(where, "Dit veld mag niet leeg zijn.")
        if max_length and len(value) > max_length:
            self.problem(where, f"Te lang: hoogstens {max_length} tekens.")
        return value

    def choice(self, obj, key, path, choices, *, required=False, default=None):
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            if required:
                self.problem(where, "Dit veld is verplicht.")
            return default
        if not isinstance(value, str) or value not in CHOICES[choices]:
            allowed = ", ".join(CHOICES[choices])
            self.problem(where, f"Onbekende waarde {shorten_repr(value)}; kies uit: {allowed}.")
            return default
        return value

    def boolean(self, obj, key, path, *, default=False) -> bool:
        value = obj.get(key, _MISSING)
        if value is _MISSING or value is None:
            return default
        if not isinstance(value, bool):
            self.problem(_join(path, key), "Verwacht ja of nee (true/false).")
            return default
        return value

    def integer(self, obj, key, path, *, default=0, minimum=0, maximum=None) -> int:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(where, "Verwacht een geheel getal.")
            return default
        if value < minimum or (maximum is not None and value > maximum):
            bound = f"tussen {minimum} en {maximum}" if maximum is not None else f">= {minimum}"
            self.problem(where, f"Het getal moet {bound} zijn.")
            return default
        return value

    def amount(self, obj, key, path) -> Decimal:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            return Decimal("0.00")
        if isinstance(value, bool):
            self.problem(where, "Verwacht een bedrag.")
            return Decimal("0.00")
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.problem(where, "Verwacht een bedrag, zoals 2500.00.")
            return Decimal("0.00")
        if not amount.is_finite() or amount < 0:
            self.problem(where, "Het bedrag kan niet negatief zijn.")
            return Decimal("0.00")
        if amount != amount.quantize(Decimal("0.01")):
            self.problem(where, "Hoogstens twee cijfers achter de komma.")
        return amount.quantize(Decimal("0.01"))

    def day(self, obj, key, path, *, required=False) -> date | None:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            if required:
                self.problem(where, "Dit veld is verplicht.")
            return None
        if isinstance(value, Impossible):
            self.problem(where, f"Onmogelijke datum {value!r}: die dag bestaat niet.")
            return None
        if isinstance(value, datetime):
            self.problem(where, "Verwacht een datum zonder tijd (JJJJ-MM-DD).")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(where, f"Verwacht een datum als JJJJ-MM-DD (gevonden: {shorten_repr(value)}).")
        return None

    def moment(self, obj, key, path, *, required=False) -> datetime | None:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            if required:
                self.problem(where, "Dit veld is verplicht.")
            return None
        if isinstance(value, Impossible):
            self.problem(where, f"Onmogelijke datum of tijd {value!r}: die bestaat niet.")
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                value = None
        if not isinstance(value, datetime):
            self.problem(where, "Verwacht datum en tijd als JJJJ-MM-DDTUU:MM:SS+01:00.")
            return None
        if timezone.is_naive(value):
            self.problem(where, "Vermeld de tijdzone, zoals +01:00 of +02:00.")
            return None
        return value

    def email(self, obj, key, path, *, required=False) -> str:
        value = self.text(obj, key, path, required=required, max_length=254).lower()
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.problem(_join(path, key), f"{shorten_repr(value)} is geen geldig e-mailadres.")
        return value

    def url(self, obj, key, path) -> str:
        value = self.text(obj, key, path, max_length=200)
        if value:
            try:
                URLValidator()(value)
            except ValidationError:
                self.problem(_join(path, key), f"{shorten_repr(value)} is geen geldige link.")
        return value

    def lines(self, obj, key, path) -> list[str]:
        result = []
        for i, line in enumerate(self.items(obj, key, path)):
            if isinstance(line, bool) or not isinstance(line, str | int | float):
                self.problem(f"{_join(path, key)}[{i}]", "Verwacht tekst.")
            elif str(line).strip():
                result.append(str(line).strip())
        return result


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


# The file ----------------------------------------------------------------------------------


def validate(data, *, check_slug: bool = True) -> Result:
    c = _Checker()
    out: dict = {}
    if not isinstance(data, dict):
        c.problem("", "Het bestand bevat geen netwerk (verwacht velden zoals format en network).")
        return Result(problems=c.problems)
    version_1 = data.get("format") == FORMATS[0]
    c.mapping(data, "", TOP_LEVEL_KEYS - V2_ONLY if version_1 else TOP_LEVEL_KEYS)
    if data.get("format") not in FORMATS:
        c.problem(
            "format",
            f"Verwacht format: {FORMAT} of {FORMATS[0]} "
            f"(gevonden: {shorten_repr(data.get('format'))}).",
        )
    c.version_1 = version_1

    out["network"] = _network(c, data.get("network"), check_slug)
    partners = out["partners"] = _partners(c, data)
    partner_names = {_fold(p["name"]): p["name"] for p in partners}
    members = out["members"] = _members(c, data, partner_names)
    member_roles = {m["email"]: m["role"] for m in members}
    out["agreement_versions"] = _agreements(c, data, partner_names)
    out["funding"] = _funding(c, data)
    meetings = out["meetings"] = _meetings(c, data, partner_names, member_roles)
    meeting_keys: dict[tuple, int] = {}
    for m in meetings:
        if m["starts_at"] is not None:
            key = (_fold(m["title"]), timezone.localtime(m["starts_at"]).date())
            meeting_keys[key] = meeting_keys.get(key, 0) + 1
    goals = out["goals"] = _goals(c, data, partner_names, member_roles, meeting_keys)
    goal_titles = {_fold(g["title"]) for g in goals}
    out["actions"] = [
        _action(c, raw, f"actions[{i}]", partner_names, member_roles, meeting_keys)
        for i, raw in enumerate(c.items(data, "actions", ""))
    ]
    out["successes"] = _successes(c, data, goal_titles)
    out["step_progress"] = _step_progress(c, data)
    out["declined_partners"] = _declined(c, data)
    out["working_groups"] = _working_groups(c, data)
    return Result(data=out, problems=with_lines(c.problems, data))


def with_lines(problems: list[Problem], data) -> list[Problem]:
    """The problems with the line of their path in the file (when `loader` read it)."""
    return [replace(p, line=line_of(data, p.path)) if p.line is None else p for p in problems]


def _network(c: _Checker, raw, check_slug: bool) -> dict:
    path = "network"
    if raw is None:
        c.problem(path, "Het netwerkprofiel ontbreekt.")
        return {}
    allowed = set(KEYS["network"])
    if c.mapping(raw, path, allowed) is None:
        return {}
    slug = c.text(raw, "slug", path, required=True, max_length=60)
    if slug:
        try:
            validate_slug(slug)
        except ValidationError:
            c.problem(f"{path}.slug", "Alleen letters, cijfers, - en _ zijn toegestaan.")
        else:
            if check_slug and Network.objects.filter(slug=slug).exists():
                c.problem(
                    f"{path}.slug",
                    f"Er bestaat al een netwerk met de korte naam {shorten_repr(slug)}; er is "
                    "niets geïmporteerd. Kies een andere korte naam.",
                )
    themes = c.lines(raw, "themes", path)
    joined = ", ".join(themes)
    if any("," in theme for theme in themes):
        c.problem(f"{path}.themes", "Een thema kan geen komma bevatten.")
    if len(joined) > 300:
        c.problem(f"{path}.themes", "Samen te lang: hoogstens 300 tekens.")
    return {
        "slug": slug,
        "name": c.text(raw, "name", path, required=True, max_length=120),
        "ambition": c.text(raw, "ambition", path),
        "vision": c.text(raw, "vision", path),
        "target_group": c.text(raw, "target_group", path, max_length=200),
        "themes": joined,
        "area_kind": c.choice(raw, "area_kind", path, "area_kind", default="wijk"),
        "area_name": c.text(raw, "area_name", path, max_length=120),
        "municipality": c.text(raw, "municipality", path, max_length=120),
        "phase": c.choice(raw, "phase", path, "phase", default="verkennen"),
        "start_date": c.day(raw, "start_date", path),
        "status": c.choice(raw, "status", path, "network_status", default="active"),
        "origin": c.choice(raw, "origin", path, "origin", default=""),
        "initiators": c.text(raw, "initiators", path, max_length=200),
        "kartrekker_base": c.choice(raw, "kartrekker_base", path, "kartrekker_base", default=""),
        "other_projects": "\n".join(c.lines(raw, "other_projects", path)),
    }


def _partners(c: _Checker, data: dict) -> list[dict]:
    allowed = set(KEYS["partners"])
    result, seen = [], set()
    for i, raw in enumerate(c.items(data, "partners", "")):
        path = f"partners[{i}]"
        if c.mapping(raw, path, allowed) is None:
            continue
        name = c.text(raw, "name", path, required=True, max_length=150)
        if name and _fold(name) in seen:
            c.problem(f"{path}.name", f"{shorten(name)} staat twee keer bij de partners.")
        seen.add(_fold(name))
        contributions = []
        for j, value in enumerate(c.items(raw, "contributions", path)):
            if value not in CHOICES["contribution"]:
                allowed_values = ", ".join(CHOICES["contribution"])
                c.problem(
                    f"{path}.contributions[{j}]",
                    f"Onbekende bijdrage {shorten_repr(value)}; kies uit: {allowed_values}.",
                )
            elif value not in contributions:
                contributions.append(value)
        commitment = raw.get("commitment") or {}
        levels = {}
        if c.mapping(commitment, f"{path}.commitment", set(COMMITMENT_LEVELS)) is not None:
            for level in COMMITMENT_LEVELS:
                levels[level] = c.choice(
                    commitment, level, f"{path}.commitment", "commitment", default="none"
                )
        contact = raw.get("contact") or {}
        if c.mapping(contact, f"{path}.contact", set(KEYS["partners.contact"])) is None:
            contact = {}
        joined_on = c.day(raw, "joined_on", path, required=True)
        left_on = c.day(raw, "left_on", path)
        if joined_on and left_on and left_on < joined_on:
            c.problem(f"{path}.left_on", "De einddatum ligt vóór de startdatum.")
        left_reason = c.text(raw, "left_reason", path, max_length=300)
        if left_reason and left_on is None:
            c.problem(f"{path}.left_reason", "Een reden van stoppen hoort bij een einddatum.")
        result.append(
            {
                "name": name,
                "sector": c.choice(raw, "sector", path, "sector", required=True),
                "website": c.url(raw, "website", path),
                "city": c.text(raw, "city", path, max_length=100),
                "role": c.choice(raw, "role", path, "partner_role", default="partner"),
                "contributions": contributions,
                "interests": c.text(raw, "interests", path),
                "commitment": levels,
                "hours_per_month": c.integer(raw, "hours_per_month", path),
                "joined_on": joined_on,
                "left_on": left_on,
                "left_reason": left_reason,
                "contact": {
                    "name": c.text(contact, "name", f"{path}.contact", max_length=150),
                    "email": c.email(contact, "email", f"{path}.contact"),
                    "phone": c.text(contact, "phone", f"{path}.contact", max_length=30),
                },
            }
        )
    return result


def _partner_ref(c: _Checker, value, path: str, partner_names: dict) -> str | None:
    if not isinstance(value, str) or not value.strip():
        c.problem(path, "Verwacht de naam van een partner.")
        return None
    name = partner_names.get(_fold(value))
    if name is None:
        c.problem(path, f"{shorten_repr(value)} staat niet bij de partners van dit bestand.")
    return name


def _members(c: _Checker, data: dict, partner_names: dict) -> list[dict]:
    allowed = set(KEYS["members"])
    result, seen = [], set()
    for i, raw in enumerate(c.items(data, "members", "")):
        path = f"members[{i}]"
        if c.mapping(raw, path, allowed) is None:
            continue
        email = c.email(raw, "email", path, required=True)
        if email and email in seen:
            c.problem(f"{path}.email", f"{shorten(email)} staat twee keer bij de leden.")
        seen.add(email)
        organisation = None
        if raw.get("organisation") is not None:
            organisation = _partner_ref(
                c, raw["organisation"], f"{path}.organisation", partner_names
            )
        result.append(
            {
                "email": email,
                "full_name": c.text(raw, "full_name", path, required=True, max_length=150),
                "role": c.choice(raw, "role", path, "member_role", required=True),
                "organisation": organisation,
                "ended_at": c.moment(raw, "ended_at", path),
            }
        )
    # A network without a (current) kartrekker is allowed: that is the commonest failure
    # (seed 002 §4.2 Wijchen), and the monitor must see it on imported history. The import
    # acts as one of the members (importer.creator_email), so there must be one.
    if not result:
        c.problem("members", "Er moet minstens één lid bij zijn.")
    return result


def _agreements(c: _Checker, data: dict, partner_names: dict) -> list[dict]:
    today = timezone.localdate()
    result = []
    for i, raw in enumerate(c.items(data, "agreement_versions", "")):
        path = f"agreement_versions[{i}]"
        allowed = set(KEYS["agreement_versions"])
        if c.mapping(raw, path, allowed) is None:
            continue
        terms, seen = [], set()
        for j, term in enumerate(c.items(raw, "terms", path)):
            tpath = f"{path}.terms[{j}]"
            if c.mapping(term, tpath, set(KEYS["agreement_versions.terms"])) is None:
                continue
            partner = _partner_ref(c, term.get("partner"), f"{tpath}.partner", partner_names)
            if partner and partner in seen:
                c.problem(f"{tpath}.partner", f"{partner} staat twee keer in deze versie.")
            seen.add(partner)
            terms.append(
                {
                    "partner": partner,
                    "roles": c.text(term, "roles", tpath),
                    "tasks": c.text(term, "tasks", tpath),
                    "hours": c.integer(term, "hours", tpath),
                    "money": c.amount(term, "money", tpath),
                }
            )
        endorsements = []
        for j, item in enumerate(c.items(raw, "endorsements", path)):
            epath = f"{path}.endorsements[{j}]"
            if c.mapping(item, epath, set(KEYS["agreement_versions.endorsements"])) is None:
                continue
            on = c.day(item, "endorsed_on", epath, required=True)
            if on and on > today:
                c.problem(f"{epath}.endorsed_on", "De datum ligt in de toekomst.")
            endorsements.append(
                {
                    "partner": _partner_ref(
                        c, item.get("partner"), f"{epath}.partner", partner_names
                    ),
                    "level": c.choice(item, "level", epath, "endorsement_level", required=True),
                    "name": c.text(item, "name", epath, required=True, max_length=150),
                    "endorsed_on": on,
                }
            )
        result.append(
            {
                "purpose": c.text(raw, "purpose", path),
                "out_of_scope": c.text(raw, "out_of_scope", path),
                "notes": c.text(raw, "notes", path),
                "terms": terms,
                "endorsements": endorsements,
            }
        )
    return result


def _funding(c: _Checker, data: dict) -> list[dict]:
    allowed = set(KEYS["funding"])
    result = []
    for i, raw in enumerate(c.items(data, "funding", "")):
        path = f"funding[{i}]"
        if c.mapping(raw, path, allowed) is None:
            continue
        structural = c.boolean(raw, "structural", path)
        starts_on = c.day(raw, "starts_on", path)
        ends_on = c.day(raw, "ends_on", path)
        if starts_on and ends_on and ends_on < starts_on:
            c.problem(f"{path}.ends_on", "De einddatum ligt vóór de startdatum.")
        elif not structural and ends_on is None and raw.get("ends_on") is None:
            c.problem(
                f"{path}.ends_on",
                "Tijdelijke financiering heeft een einddatum (of structural: true).",
            )
        result.append(
            {
                "name": c.text(raw, "name", path, required=True, max_length=150),
                "kind": c.choice(raw, "kind", path, "funding_kind", required=True),
                "amount": c.amount(raw, "amount", path),
                "structural": structural,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "notes": c.text(raw, "notes", path),
            }
        )
    return result


def _meetings(c: _Checker, data: dict, partner_names: dict, member_roles: dict) -> list[dict]:
    allowed = set(KEYS["meetings"])
    if c.version_1:
        allowed -= {"roles_discussed"}
    result = []
    for i, raw in enumerate(c.items(data, "meetings", "")):
        path = f"meetings[{i}]"
        if c.mapping(raw, path, allowed) is None:
            continue
        starts_at = c.moment(raw, "starts_at", path, required=True)
        location = c.text(raw, "location", path, max_length=200)
        online = c.boolean(raw, "online", path)
        if not online and not location:
            c.problem(f"{path}.location", "Vul een plaats in of zet online: true.")
        chair = None
        if raw.get("chair") is not None:
            chair = c.email(raw, "chair", path)
            if chair and chair not in member_roles:
                c.problem(
                    f"{path}.chair", f"{shorten(chair)} staat niet bij de leden van dit bestand."
                )
        invited = []
        for j, value in enumerate(c.items(raw, "invited", path)):
            name = _partner_ref(c, value, f"{path}.invited[{j}]", partner_names)
            if name and name in invited:
                c.problem(
                    f"{path}.invited[{j}]", f"{shorten(name)} staat twee keer bij de genodigden."
                )
            elif name:
                invited.append(name)
        present = None
        if raw.get("present") is not None:
            present = []
            for j, value in enumerate(c.items(raw, "present", path)):
                name = _partner_ref(c, value, f"{path}.present[{j}]", partner_names)
                if name and name not in invited:
                    c.problem(
                        f"{path}.present[{j}]",
                        f"{shorten(name)} was niet uitgenodigd; alleen genodigden kunnen "
                        "aanwezig zijn.",
                    )
                elif name and name not in present:
                    present.append(name)
        meeting_day = timezone.localtime(starts_at).date() if starts_at else None
        decisions = []
        for j, item in enumerate(c.items(raw, "decisions", path)):
            dpath = f"{path}.decisions[{j}]"
            if c.mapping(item, dpath, set(KEYS["meetings.decisions"])) is None:
                continue
            communicated = c.boolean(item, "communicated", dpath)
            how = c.text(item, "how", dpath, max_length=200)
            on = c.day(item, "communicated_on", dpath)
            if communicated:
                if not how:
                    c.problem(f"{dpath}.how", "Vul in hoe het besluit is gecommuniceerd.")
                if on is None:
                    c.problem(
                        f"{dpath}.communicated_on", "Vul in wanneer het besluit is gecommuniceerd."
                    )
                elif meeting_day and on < meeting_day:
                    c.problem(f"{dpath}.communicated_on", "Deze datum ligt vóór de bijeenkomst.")
            elif how or on:
                c.problem(
                    dpath, "how en communicated_on horen bij een besluit met communicated: true."
                )
            decisions.append(
                {
                    "text": c.text(item, "text", dpath, required=True),
                    "communicated": communicated,
                    "how": how,
                    "communicated_on": on,
                }
            )
        reflection = None
        if raw.get("reflection") is not None:
            rpath = f"{path}.reflection"
            item = c.mapping(raw["reflection"], rpath, set(KEYS["meetings.reflection"]))
            if item is not None:
                reflection = {"remark": c.text(item, "remark", rpath)}
                for score in REFLECTION_SCORES:
                    if item.get(score) is None:
                        c.problem(f"{rpath}.{score}", "Dit veld is verplicht (1 tot en met 5).")
                    reflection[score] = c.integer(
                        item, score, rpath, default=3, minimum=1, maximum=5
                    )
        result.append(
            {
                "kind": c.choice(raw, "kind", path, "meeting_kind", required=True),
                "title": c.text(raw, "title", path, required=True, max_length=150),
                "starts_at": starts_at,
                "duration_minutes": c.integer(raw, "duration_minutes", path, default=90),
                "location": location,
                "online": online,
                "chair": chair,
                "agenda": "\n".join(c.lines(raw, "agenda", path)),
                "notes": c.text(raw, "notes", path),
                "roles_discussed": c.boolean(raw, "roles_discussed", path),
                "invited": invited,
                "present": present,
                "decisions": decisions,
                "reflection": reflection,
            }
        )
    return result


def _action(c, raw, path, partner_names, member_roles, meeting_keys) -> dict:
    allowed = set(KEYS["actions"])
    if c.mapping(raw, path, allowed) is None:
        return {}
    owner = None
    if raw.get("owner") is not None:
        owner = c.email(raw, "owner", path)
        if owner and owner not in member_roles:
            c.problem(f"{path}.owner", f"{shorten(owner)} staat niet bij de leden van dit bestand.")
        elif (
            owner
            and member_roles[owner]
            and not roles.role_can(member_roles[owner], roles.VIEW_ACTIONS)
        ):
            # The same rule as actions.services: who does not see actions cannot own one.
            c.problem(
                f"{path}.owner",
                "Een financier/waarnemer (viewer) kan geen eigenaar van een actie zijn.",
            )
    owner_partner = None
    if raw.get("owner_partner") is not None:
        owner_partner = _partner_ref(
            c, raw["owner_partner"], f"{path}.owner_partner", partner_names
        )
    meeting = None
    if raw.get("meeting") is not None:
        mpath = f"{path}.meeting"
        ref = c.mapping(raw["meeting"], mpath, set(KEYS["actions.meeting"]))
        if ref is not None:
            title = c.text(ref, "title", mpath, required=True)
            day = c.day(ref, "date", mpath, required=True)
            if title and day:
                found = meeting_keys.get((_fold(title), day), 0)
                if found == 0:
                    c.problem(
                        mpath,
                        f"Geen bijeenkomst {shorten_repr(title)} op {day.isoformat()} in dit "
                        "bestand.",
                    )
                elif found > 1:
                    c.problem(
                        mpath,
                        f"Meer dan één bijeenkomst {shorten_repr(title)} op {day.isoformat()}.",
                    )
                else:
                    meeting = {"title": title, "date": day}
    status = c.choice(raw, "status", path, "action_status", default="open")
    completed_on = c.day(raw, "completed_on", path)
    if completed_on and status != "done":
        c.problem(
            f"{path}.completed_on", "Alleen een actie met status done heeft een afrondingsdatum."
        )
    return {
        "title": c.text(raw, "title", path, required=True, max_length=200),
        "owner": owner,
        "owner_partner": owner_partner,
        "due_on": c.day(raw, "due_on", path),
        "status": status,
        "result": c.text(raw, "result", path),
        "completed_on": completed_on,
        "meeting": meeting,
    }


def _goals(c, data, partner_names, member_roles, meeting_keys) -> list[dict]:
    allowed = set(KEYS["goals"])
    today = timezone.localdate()
    result, seen = [], set()
    for i, raw in enumerate(c.items(data, "goals", "")):
        path = f"goals[{i}]"
        if c.mapping(raw, path, allowed) is None:
            continue
        title = c.text(raw, "title", path, required=True, max_length=200)
        if title and _fold(title) in seen:
            c.problem(f"{path}.title", f"Er is al een doel {shorten_repr(title)} in dit bestand.")
        seen.add(_fold(title))
        reviewed_on = c.day(raw, "reviewed_on", path)
        if reviewed_on and reviewed_on > today:
            c.problem(f"{path}.reviewed_on", "Deze datum ligt in de toekomst.")
        result.append(
            {
                "title": title,
                "description": c.text(raw, "description", path),
                "measure": c.text(raw, "measure", path, max_length=300),
                "target_date": c.day(raw, "target_date", path),
                "status": c.choice(raw, "status", path, "goal_status", default="open"),
                "reviewed_on": reviewed_on,
                "actions": [
                    _action(
                        c, item, f"{path}.actions[{j}]", partner_names, member_roles, meeting_keys
                    )
                    for j, item in enumerate(c.items(raw, "actions", path))
                ],
            }
        )
    return result


def _successes(c: _Checker, data: dict, goal_titles: set) -> list[dict]:
    allowed = set(KEYS["successes"])
    result = []
    for i, raw in enumerate(c.items(data, "successes", "")):
        path = f"successes[{i}]"
        if c.mapping(raw, path, allowed) is None:
            continue
        goal = None
        if raw.get("goal") is not None:
            goal = c.text(raw, "goal", path)
            if goal and _fold(goal) not in goal_titles:
                c.problem(f"{path}.goal", f"Geen doel {shorten_repr(goal)} in dit bestand.")
        result.append(
            {
                "title": c.text(raw, "title", path, required=True, max_length=200),
                "description": c.text(raw, "description", path),
                "happened_on": c.day(raw, "happened_on", path, required=True),
                "goal": goal,
                "shared_at": c.moment(raw, "shared_at", path),
            }
        )
    return result


def _step_progress(c: _Checker, data: dict) -> list[dict]:
    raw_items = c.items(data, "step_progress", "")
    known = set(Step.objects.values_list("key", flat=True)) if raw_items else set()
    result, seen = [], set()
    for i, raw in enumerate(raw_items):
        path = f"step_progress[{i}]"
        if c.mapping(raw, path, set(KEYS["step_progress"])) is None:
            continue
        key = c.text(raw, "step", path, required=True)
        if key and key not in known:
            c.problem(
                f"{path}.step",
                f"Onbekende stap {shorten_repr(key)} (niet in het geladen stappenplan).",
            )
        elif key and key in seen:
            c.problem(f"{path}.step", f"Stap {shorten_repr(key)} staat twee keer in het bestand.")
        seen.add(key)
        result.append(
            {
                "step": key,
                "status": c.choice(raw, "status", path, "step_status", required=True),
                "note": c.text(raw, "note", path),
                "evidence_url": c.url(raw, "evidence_url", path),
            }
        )
    return result


def _declined(c: _Checker, data: dict) -> list[dict]:
    """Organisations that were asked and declined (version 2)."""
    allowed = set(KEYS["declined_partners"])
    result = []
    for i, raw in enumerate(c.items(data, "declined_partners", "")):
        path = f"declined_partners[{i}]"
        if c.mapping(raw, path, allowed) is None:
            continue
        asked_on = c.day(raw, "asked_on", path)
        declined_on = c.day(raw, "declined_on", path, required=True)
        if asked_on and declined_on and declined_on < asked_on:
            c.problem(f"{path}.declined_on", "Deze datum ligt vóór de datum van de vraag.")
        result.append(
            {
                "name": c.text(raw, "name", path, required=True, max_length=150),
                "sector": c.choice(raw, "sector", path, "sector", required=True),
                "asked_on": asked_on,
                "declined_on": declined_on,
                "reason": c.text(raw, "reason", path),
            }
        )
    return result


def _working_groups(c: _Checker, data: dict) -> list[dict]:
    """Working groups with their people over time (version 2)."""
    result, seen = [], set()
    for i, raw in enumerate(c.items(data, "working_groups", "")):
        path = f"working_groups[{i}]"
        if c.mapping(raw, path, set(KEYS["working_groups"])) is None:
            continue
        name = c.text(raw, "name", path, required=True, max_length=150)
        if name and _fold(name) in seen:
            c.problem(
                f"{path}.name", f"Er is al een werkgroep {shorten_repr(name)} in dit bestand."
            )
        seen.add(_fold(name))
        started_on = c.day(raw, "started_on", path, required=True)
        ended_on = c.day(raw, "ended_on", path)
        if started_on and ended_on and ended_on < started_on:
            c.problem(f"{path}.ended_on", "De einddatum ligt vóór de startdatum.")
        members = []
        for j, item in enumerate(c.items(raw, "members", path)):
            mpath = f"{path}.members[{j}]"
            if c.mapping(item, mpath, set(KEYS["working_groups.members"])) is None:
                continue
            joined_on = c.day(item, "joined_on", mpath, required=True)
            left_on = c.day(item, "left_on", mpath)
            if joined_on and left_on and left_on < joined_on:
                c.problem(f"{mpath}.left_on", "De einddatum ligt vóór de startdatum.")
            members.append(
                {
                    "name": c.text(item, "name", mpath, required=True, max_length=150),
                    "organisation": c.text(item, "organisation", mpath, max_length=150),
                    "joined_on": joined_on,
                    "left_on": left_on,
                }
            )
        result.append(
            {
                "name": name,
                "purpose": c.text(raw, "purpose", path),
                "started_on": started_on,
                "ended_on": ended_on,
                "members": members,
            }
        )
    return result
