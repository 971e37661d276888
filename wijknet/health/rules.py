"""The health rules: small pure functions over a `Snapshot` and the network's thresholds.

Each rule returns zero or more `Signal`s. A signal explains itself: its evidence lists the
concrete facts from the network's data that triggered it, its advice and source come from the
seeds (000 Netwerkwijzer "Duurzaam netwerk", 002 HAN eindrapport "Een sterk wijknetwerk",
003 "9 tips", 004 RIVM "Samenwerking"). The texts live in content/health.yaml, in Dutch and
English; a signal holds their keys and parameters (`Msg`), so a stored analysis is
language-neutral and each reader sees the texts in their own language.

Evidence holds dates and names, never "x days ago": the fingerprint of a signal is a hash of
its evidence, and it must only change when the data change (not every day), so that an
acknowledgement sticks until something real happens.

The rules (code — when — source; thresholds in DEFAULTS, overridable per network):

- no_kartrekker — no current membership with the coordinator role — 002 Aanbeveling 1, §4.2
- kartrekker_not_independent — every coordinator works for an active partner organisation
  (organisations in INDEPENDENT_SECTORS excepted) — 002 Aanbeveling 1, §4.3 Tabel 3
- gemeente_/zorgverzekeraar_/huisarts_missing — no active partner of that sector;
  …_inactive — each such partner was absent from its last `inactive_after_meetings` recorded
  meetings, or has no commitment at any level — 002 Aanbeveling 1, §4.1 Leiden, §4.2 Wijchen
- sociaal_wijkteam_missing / _inactive — as the key sectors above, for the sociaal wijkteam —
  002 §4.1 Leiden ("het sociaal wijkteam en huisartsen zijn de spil van een lokaal netwerk")
- no_citizens — no current citizen member, no active burgerinitiatief partner and no idea
  brought in by a resident (wijknet.initiatives) — 002 Aanbeveling 1, §4.1 Leiden
- origin_not_local — the network started top-down or from outside the wijk (Network.origin)
  with no citizens involved (residents' ideas that were taken up count as involvement), or its
  kartrekker works outside the wijk — 002 §4.1 Leiden
- ideas_unanswered — residents' ideas without any response after the network's response term
  (initiatives settings, default 4 weeks) — 002 Aanbeveling 1
- ideas_not_picked_up — at least `ideas_min_for_pickup` residents' ideas older than the term
  and none taken up (opgepakt or afgerond) — 002 Aanbeveling 1 and 2, §4.1 Leiden, §4.2 Wijchen
- other_projects — other projects and pilots run in the wijk (Network.other_projects): a low
  reminder to connect — 002 §4.1 Leiden, §4.2 Wijchen
- goals_not_concrete — no open goals, an open goal without a measure (with its target) or a
  target date (having actions does not make a goal concrete), or no open goal with a (not
  dropped) action — 002 Aanbeveling 1, §4.1, §4.3 DementieNet, 003 tip 3
- plan_not_reviewed — open goals, and the most recent review (or creation) of any of them is
  older than `review_days` — 004 Vormgeven, 002 §4.4
- no_agreement — no agreement recorded; partners_without_terms — active partners without
  roles, tasks, hours or money in the latest version — 002 Aanbeveling 1, 004 Vormgeven
- commitment_operational_only — at least `commitment_gap_share` of the active partners commit
  operationally but not strategically — 002 Aanbeveling 1, Tabel 3, 003 tip 9
- attendance_fading — per partner, over the last 6 meetings: present in at least half of the
  earlier recorded ones, absent in the last `fading_absent_last` — 003 tip 9, tip 5
- same_chair / same_action_owner — one person chairs (meetings of the last year) or owns (open
  actions) at least `dominance_share` of at least `dominance_min` — 003 tip 6
- no_reflection — fewer than `reflection_min_share` of the last (3–6) meetings have a
  reflection; with one or two meetings: none has one and the last is `reflection_grace_days`
  old. A learning group or intervision meeting counts as reflection — 003 tip 7, 002 §3.4,
  002 recommendations to directors (Ruwaard, Lemmer)
- decisions_not_communicated — decisions of the last year not communicated
  `decision_grace_days` after their meeting — 002 §4.1 Leiden, 003 tip 4
- no_meetings — no meeting in `no_meeting_days` ("no room to meet") — 003 tip 1, 004
- agenda_full — at least two, and at least `agenda_full_share`, of the last 6 meetings have more
  than `agenda_max_items` agenda lines ("agendas too full") — 003 tip 1, tip 2, 002 §4.1
- online_only — the last 3–6 meetings were all online — 003 tip 1
- composition_churn — partners joined (after the first `composition_startup_days` of the
  network) plus partners left in the last year: at least `composition_min_changes` and at least
  `composition_share` of the partners — 002 §4.2 Wijchen, §3.4
- no_success_shared — no success shared in `success_days` — 002 Aanbeveling 1, 000, Tabel 3
- funding_ending — temporary funding ends within `funding_horizon_days` and no structural
  funding runs beyond it — 002 Aanbeveling 1, 000
- funding_expired — temporary funding has run out and no funding runs now or later — 002
  Aanbeveling 1 (Zorg voor structurele financiering)
- funding_year_by_year — at least `funding_renewals` short temporary periods of one kind in a
  row, recent, with no structural funding — 002 recommendations to governments (Wedde)
- no_kartrekker also names the last kartrekker and since when the role is vacant.
- key_partner_declined — instead of …_missing when an organisation of that key sector was
  asked and declined (DeclinedPartner) and none takes part: the reason is a different one,
  and so is the advice — 002 §4.1 Leiden (the GPs: "omdat het hen aan de tijd ontbrak")
- working_group_churn — per working group: people joined (after the group's first
  `composition_startup_days`) plus people left in the last year, at least
  `group_min_changes` and at least `group_churn_share` of its people in that year — 002 §4.2
  Wijchen ("de samenstelling van de actieleergroep wisselde sterk")
- roles_not_discussed — a network older than `roles_grace_days` where no meeting in the last
  `roles_days` discussed roles and expectations (Meeting.roles_discussed) and no agreement
  version with roles per partner was made in that time — 002 §4.2 Wijchen (geleerde lessen),
  §4.1 Leiden ("verwachtingenmanagement"), §3.3 Kaats & Opheij (rolverdeling en procesregie)
- no_wijkprofiel — the network is linked to no CBS area (wijkprofiel) — 002 Aanbeveling 1,
  002 Stappenplan fase 1 (start from what the wijk needs)
- goals_without_indicator — linked to an area, open goals, and none of them linked to an
  indicator of the wijkprofiel — 002 Aanbeveling 1 ("to see whether the goals are achieved")
- no_evaluation — no scan round opened and the step "evalueer in een vast ritme" not done
  within `evaluation_days` — 004, 002 §4.3 Tabel 2. Where a re-measurement is planned
  (scans.PlannedRound, T1/T2 after a baseline) the plan decides instead: silent until its date,
  then "T1 is due" until the round is opened.

Rules about time (meetings, successes, evaluation, composition) stay quiet while the network
itself is younger than their period (network start date, else its creation date).
"""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import translation

from wijknet.core import formatting
from wijknet.core.content import SOURCE_LANGUAGE, localize, texts

from .snapshot import WINDOW_DAYS, PartnerInfo, Snapshot

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2}

# Default thresholds; a network's `HealthSettings.overrides` replaces single keys.
DEFAULTS: dict[str, int | float] = {
    # A partner's attendance fades: present in at least half of its earlier recorded meetings,
    # absent in the last `fading_absent_last` (needs at least `fading_min_records` records).
    "fading_absent_last": 3,
    "fading_min_records": 5,
    # A key partner (gemeente, zorgverzekeraar, huisarts) is inactive when it was absent from
    # each of at least this many recent meetings where its attendance was recorded.
    "inactive_after_meetings": 3,
    # Same person leading: one person chairs / owns at least this share, of at least `min`.
    "dominance_share": 0.6,
    "dominance_min": 4,
    # Reflection: at least this share of the recent meetings (of at least 3) has a reflection.
    "reflection_min_share": 0.5,
    # With only one or two meetings: none reflected and the last is this many days old.
    "reflection_grace_days": 30,
    # Decisions not communicated within this many days after the meeting.
    "decision_grace_days": 14,
    # No success shared for this many days.
    "success_days": 180,
    # Temporary funding ending within this many days with nothing structural.
    "funding_horizon_days": 183,
    # Funding renewed period by period: at least this many temporary sources of one kind in a
    # row, each at most `funding_short_days` long, with at most `funding_gap_days` between.
    "funding_renewals": 2,
    "funding_short_days": 400,
    "funding_gap_days": 62,
    # No scan round or evaluation for this many days.
    "evaluation_days": 365,
    # Composition: joined + left partners in the last year, at least `min` and this share of
    # the partners; joins in the first `composition_startup_days` of the network do not count.
    "composition_min_changes": 3,
    "composition_share": 0.3,
    "composition_startup_days": 90,
    # Agendas too full: a meeting with more than `agenda_max_items` items is full; signal when
    # at least `agenda_full_share` of the recent meetings (and at least two) are full.
    "agenda_max_items": 6,
    "agenda_full_share": 0.5,
    # No meeting for this many days.
    "no_meeting_days": 90,
    # Commitment: share of the active partners with operational but no strategic commitment.
    "commitment_gap_share": 0.5,
    # The action plan (open goals) not reviewed for this many days.
    "review_days": 365,
    # Share of partner pairs whose shortest paths run through the kartrekker's organisation.
    "hub_share": 0.5,
    # Working-group churn: people joined + left in the last year, at least `min` and this
    # share of the people in the group that year.
    "group_min_changes": 3,
    "group_churn_share": 0.5,
    # Roles and expectations discussed (a meeting, or a new agreement version with roles) at
    # least once in this many days.
    "roles_days": 365,
    # … but not before the network is this many days old.
    "roles_grace_days": 180,
    # Residents' ideas never taken up: at least this many older than the response term.
    "ideas_min_for_pickup": 3,
}

# Sectors whose employees count as independent kartrekkers (seed 002: a zorgcoöperatie or a
# stichting of residents, or an independent adviser such as a ROS, has no organisational
# interest in the network).
INDEPENDENT_SECTORS = frozenset({"burgerinitiatief", "ros"})


@dataclass(frozen=True)
class Msg:
    """A text of content/health.yaml by its key (a dotted path in the file) with its parameters.
    Signals hold these, not texts: the stored analysis stays language-neutral and every reader
    sees the texts in their own language. A parameter is a value (name, date, number), another
    Msg, or a tuple of Msgs (joined with ", ")."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def __post_init__(self):
        # One order for equal messages, whatever order the JSON came back in (jsonb sorts keys).
        object.__setattr__(self, "params", tuple(sorted(self.params)))

    def render(self, lang: str | None = None) -> str:
        if self.key == DATE_KEY:
            return _render_day(dict(self.params)["iso"], lang)
        template = localize(_content(self.key), lang)
        return template.format(**{name: _render(value, lang) for name, value in self.params})

    def __str__(self) -> str:
        return self.render()

    def as_json(self) -> dict:
        return {"key": self.key, "params": {name: _json(value) for name, value in self.params}}

    @classmethod
    def from_json(cls, data) -> "Msg | str":
        if isinstance(data, str):
            return data  # a text stored before signals were language-neutral
        return cls(data["key"], tuple((k, _unjson(v)) for k, v in data["params"].items()))


# A date parameter: stored as ISO, shown in the reader's language and the app's one date style.
DATE_KEY = "date"


def _render_day(iso: str, lang: str | None) -> str:
    value = date.fromisoformat(iso)
    if lang is None:
        return formatting.day(value)
    with translation.override(lang):
        return formatting.day(value)


def _content(key: str):
    node = texts("health")
    for part in key.split("."):
        node = node[part]
    return node


def _render(value, lang: str | None) -> object:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, tuple):
        return ", ".join(str(_render(v, lang)) for v in value)
    return value


def _json(value):
    if isinstance(value, Msg):
        return value.as_json()
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value


def _unjson(value):
    if isinstance(value, dict):
        return Msg.from_json(value)
    if isinstance(value, list):
        return tuple(_unjson(v) for v in value)
    return value


def text(msg: "Msg | str", lang: str | None = None) -> str:
    """A signal's text in `lang` (default: the active language)."""
    return msg.render(lang) if isinstance(msg, Msg) else msg


def t(code: str, which: str, /, **params) -> Msg:
    """The text `which` of signal `code` (content/health.yaml: signals.<code>.<which>)."""
    return Msg(f"signals.{code}.{which}", tuple(params.items()))


# Facts of a signal a page shows before "and N more".
EVIDENCE_SHOWN = 10


@dataclass(frozen=True)
class Signal:
    code: str
    severity: str
    title_msg: Msg
    evidence_msgs: tuple[Msg, ...]
    advice_key: str  # content/health.yaml: advice.<advice_key>
    source: str
    # Filled in by monitor.evaluate from the acknowledgements; not part of the fingerprint.
    ack_status: str = ""
    ack_reason: str = ""
    ack_by: str = ""
    ack_at: datetime | None = field(default=None, compare=False)
    # The fingerprint as computed when the signal was stored (the task renders every fact once;
    # a page reading hundreds of facts then renders only the ones it shows).
    stored_fingerprint: str = field(default="", compare=False, repr=False)

    @property
    def title(self) -> str:
        return text(self.title_msg)

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(text(msg) for msg in self.evidence_msgs)

    @property
    def evidence_preview(self) -> tuple[str, ...]:
        """The first EVIDENCE_SHOWN facts, rendered (a page shows these and counts the rest)."""
        return tuple(text(msg) for msg in self.evidence_msgs[:EVIDENCE_SHOWN])

    @property
    def first_fact(self) -> str:
        """The first fact, rendered (a card shows one): "" when there is none."""
        return text(self.evidence_msgs[0]) if self.evidence_msgs else ""

    @property
    def evidence_more(self) -> int:
        return max(0, len(self.evidence_msgs) - EVIDENCE_SHOWN)

    @property
    def advice(self) -> str:
        advice = texts("health")["advice"].get(self.advice_key)
        return localize(advice) if advice else self.advice_key

    @property
    def fingerprint(self) -> str:
        # The Dutch evidence, whatever the reader's language: an acknowledgement holds for
        # everyone, and fingerprints stay those of the time signals were stored as texts.
        if self.stored_fingerprint:
            return self.stored_fingerprint
        payload = "\n".join(
            [self.code, *(text(msg, SOURCE_LANGUAGE) for msg in self.evidence_msgs)]
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    @property
    def acknowledged(self) -> bool:
        return bool(self.ack_status)

    @property
    def identity(self) -> str:
        """Which signal this is over time (the signal history): its code and Dutch title, not
        its evidence, so a signal whose facts change stays the same signal."""
        payload = f"{self.code}\n{text(self.title_msg, SOURCE_LANGUAGE)}"
        return hashlib.sha256(payload.encode()).hexdigest()

    def as_dict(self) -> dict:
        """Language-neutral JSON (text keys and parameters), for the stored analysis."""
        return {
            "code": self.code,
            "severity": self.severity,
            "title": _json(self.title_msg),
            "evidence": [_json(msg) for msg in self.evidence_msgs],
            "advice": self.advice_key,
            "source": self.source,
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Signal":
        return cls(
            code=data["code"],
            severity=data["severity"],
            title_msg=Msg.from_json(data["title"]),
            evidence_msgs=tuple(Msg.from_json(e) for e in data["evidence"]),
            advice_key=data["advice"],
            source=data["source"],
            stored_fingerprint=data.get("fingerprint", ""),
        )

    def as_text(self) -> dict:
        """The signal's texts in the active language (the command's JSON output)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "evidence": list(self.evidence),
            "advice": self.advice,
            "source": self.source,
        }


Settings = Mapping[str, int | float]
Rule = Callable[[Snapshot, Settings], list[Signal]]


def d(day: date | None) -> "Msg | str":
    return Msg(DATE_KEY, (("iso", day.isoformat()),)) if day else "?"


def _days(settings: Settings, key: str) -> timedelta:
    return timedelta(days=int(settings[key]))


# --- kartrekker ---------------------------------------------------------------------------


def rule_no_kartrekker(s: Snapshot, settings: Settings) -> list[Signal]:
    if s.coordinators:
        return []
    evidence = [t("no_kartrekker", "no_coordinator")]
    if s.last_kartrekker:
        name, day = s.last_kartrekker
        evidence.append(t("no_kartrekker", "vacant_since", name=name, day=d(day)))
    return [
        Signal(
            code="no_kartrekker",
            severity=HIGH,
            title_msg=t("no_kartrekker", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="no_kartrekker",
            source="002 Aanbeveling 1; 002 §4.2 Wijchen; 000 Trekker van het netwerk",
        )
    ]


def rule_kartrekker_not_independent(s: Snapshot, settings: Settings) -> list[Signal]:
    """All coordinators work for an active partner organisation (other than a citizens'
    initiative or an independent adviser)."""
    partner_orgs = {
        p.organisation_id: p for p in s.active_partners if p.sector not in INDEPENDENT_SECTORS
    }
    if not s.coordinators or any(c.organisation_id not in partner_orgs for c in s.coordinators):
        return []
    evidence = tuple(
        t(
            "kartrekker_not_independent",
            "works_at_partner",
            name=c.name,
            organisation=partner_orgs[c.organisation_id].name,
        )
        for c in s.coordinators
    )
    return [
        Signal(
            code="kartrekker_not_independent",
            severity=MEDIUM,
            title_msg=t("kartrekker_not_independent", "title"),
            evidence_msgs=evidence,
            advice_key="kartrekker_not_independent",
            source="002 Aanbeveling 1; 002 §4.3 Tabel 3",
        )
    ]


# --- gemeente, zorgverzekeraar, huisarts ----------------------------------------------------


def _key_sector(
    s: Snapshot,
    settings: Settings,
    *,
    sector: str,
    code: str,
    missing: str,
    advice: str = "key_partners",
    source: str = "002 Aanbeveling 1; 002 §4.1 Leiden; 002 §4.2 Wijchen",
):
    label = Msg(f"sectors.{code}.label")
    partners = [p for p in s.active_partners if p.sector == sector]
    declined = [x for x in s.declined if x.sector == sector]
    if not partners and declined:
        return [_declined_signal(declined, code, label, missing, source)]
    if not partners:
        return [
            Signal(
                code=f"{code}_missing",
                severity=missing,
                title_msg=t("key_sector", "missing_title", label=label),
                evidence_msgs=(t("key_sector", "missing", sector=Msg(f"sectors.{code}.name")),),
                advice_key=advice,
                source=source,
            )
        ]
    needed = int(settings["inactive_after_meetings"])
    evidence = []
    for partner in partners:
        records = [m for m in s.recent_meetings if partner.id in m.attendance]
        absent = len(records) >= needed and not any(m.attendance[partner.id] for m in records)
        no_commitment = partner.strategic == partner.tactical == partner.operational == "none"
        if not (absent or no_commitment):
            return []  # at least one partner of this sector is active
        if absent:
            evidence.append(
                t(
                    "key_sector",
                    "absent",
                    partner=partner.name,
                    n=len(records),
                    since=d(records[-1].day),
                )
            )
        if no_commitment:
            evidence.append(t("key_sector", "no_commitment", partner=partner.name))
    return [
        Signal(
            code=f"{code}_inactive",
            severity=MEDIUM,
            title_msg=t("key_sector", "inactive_title", label=label),
            evidence_msgs=tuple(evidence),
            advice_key=advice,
            source=source,
        )
    ]


def _declined_signal(declined, code: str, label: Msg, severity: str, source: str) -> Signal:
    """Seed 002 §4.1 Leiden: asked, and said no (with its reason) — not the same as never
    asked, and the advice differs."""
    evidence = [
        t(
            "key_partner_declined",
            "declined_reason" if x.reason else "declined",
            organisation=x.organisation,
            day=d(x.declined_on),
            reason=x.reason[:200],
        )
        for x in declined[-5:]
    ]
    evidence.append(t("key_partner_declined", "none_active", sector=Msg(f"sectors.{code}.name")))
    return Signal(
        code="key_partner_declined",
        severity=severity,
        title_msg=t("key_partner_declined", "title", label=label),
        evidence_msgs=tuple(evidence),
        advice_key="key_partner_declined",
        source="002 §4.1 Leiden (huisartsen en gezondheidscentra: geen tijd; geleerde lessen); "
        + source,
    )


def rule_gemeente(s: Snapshot, settings: Settings) -> list[Signal]:
    return _key_sector(s, settings, sector="gemeente", code="gemeente", missing=HIGH)


def rule_zorgverzekeraar(s: Snapshot, settings: Settings) -> list[Signal]:
    return _key_sector(
        s, settings, sector="zorgverzekeraar", code="zorgverzekeraar", missing=MEDIUM
    )


def rule_huisarts(s: Snapshot, settings: Settings) -> list[Signal]:
    return _key_sector(s, settings, sector="huisartsenzorg", code="huisarts", missing=HIGH)


def rule_sociaal_wijkteam(s: Snapshot, settings: Settings) -> list[Signal]:
    """Seed 002 §4.1 Leiden: "het sociaal wijkteam en huisartsen zijn de spil van een lokaal
    netwerk en zij deden niet mee"."""
    return _key_sector(
        s,
        settings,
        sector="sociaal_wijkteam",
        code="sociaal_wijkteam",
        missing=MEDIUM,
        advice="sociaal_wijkteam",
        source="002 §4.1 Leiden (geleerde lessen); 002 Aanbeveling 1",
    )


# --- bottom-up --------------------------------------------------------------------------


def rule_no_citizens(s: Snapshot, settings: Settings) -> list[Signal]:
    """No citizens among the members, no citizens' initiative among the partners and no idea
    brought in by residents (initiatives count as resident involvement)."""
    citizens = s.members_per_role.get("citizen", 0)
    initiatives = [p for p in s.active_partners if p.sector == "burgerinitiatief"]
    if citizens or initiatives or s.resident_ideas:
        return []
    return [
        Signal(
            code="no_citizens",
            severity=MEDIUM,
            title_msg=t("no_citizens", "title"),
            evidence_msgs=(t("no_citizens", "no_members"), t("no_citizens", "no_initiative")),
            advice_key="no_citizens",
            source="002 Aanbeveling 1; 002 §4.1 Leiden",
        )
    ]


def rule_origin_not_local(s: Snapshot, settings: Settings) -> list[Signal]:
    """Started top-down or from outside the wijk without local ownership (citizens involved
    and a kartrekker who works in the wijk), or a kartrekker who works outside the wijk — seed
    002 §4.1 Leiden ("het initiatief is niet bottom-up ontstaan", "partij van buiten", "de
    kartrekker/projectleider werkt niet in de wijk zelf"); Stevenshof, started by gemeente and
    zorgverzekeraar together with residents, stays silent."""
    # Residents who bring in ideas and see them taken up are local ownership too.
    citizens = (
        s.members_per_role.get("citizen", 0)
        or any(p.sector == "burgerinitiatief" for p in s.active_partners)
        or s.resident_ideas_picked_up
    )
    elsewhere = s.kartrekker_base == "elders"
    from_above = s.origin in ("top_down", "outside")
    if not (elsewhere or (from_above and not citizens)):
        return []
    evidence = []
    if from_above:
        evidence.append(t("origin_not_local", s.origin))
        if s.initiators:
            evidence.append(t("origin_not_local", "initiators", initiators=s.initiators))
        if not citizens:
            evidence.append(t("origin_not_local", "no_citizens"))
    if elsewhere:
        evidence.append(t("origin_not_local", "kartrekker_elsewhere"))
    return [
        Signal(
            code="origin_not_local",
            severity=HIGH if s.origin == "outside" and not citizens else MEDIUM,
            title_msg=t("origin_not_local", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="origin_not_local",
            source="002 §4.1 Leiden (geleerde lessen; Stevenshof Vitaal); 002 Aanbeveling 1",
        )
    ]


def rule_other_projects(s: Snapshot, settings: Settings) -> list[Signal]:
    """Other projects and pilots already run in the wijk (Network.other_projects) — seed 002
    §4.1 Leiden ("er liepen al veel projecten", a competing pilot "zorgt voor spanning"; an
    "analyse is nodig van initiatieven die er al zijn in de wijk"), §4.2 Wijchen ("aansluiten
    bij datgene wat er al is"). A reminder (low) to connect, not a fault."""
    if not s.other_projects:
        return []
    return [
        Signal(
            code="other_projects",
            severity=LOW,
            title_msg=t("other_projects", "title"),
            evidence_msgs=tuple(
                t("other_projects", "project", project=name) for name in s.other_projects
            ),
            advice_key="other_projects",
            source="002 §4.1 Leiden (geleerde lessen; Stevenshof Vitaal); 002 §4.2 Wijchen",
        )
    ]


def rule_ideas_unanswered(s: Snapshot, settings: Settings) -> list[Signal]:
    """Ideas of residents (wijknet.initiatives) without any response after the network's own
    response term — seed 002 Aanbeveling 1 ("leg de regie en het eigenaarschap bij de burger",
    "ga na wat de burgers en wijkbewoners belangrijk vinden"). Answering within the term, also
    with "in gesprek" or "niet opgepakt" with a reason, keeps it silent."""
    if not s.unanswered_ideas_count:
        return []
    evidence = [
        t("ideas_unanswered", "idea", idea=idea.title, day=d(idea.day), weeks=s.response_weeks)
        for idea in s.unanswered_ideas
    ]
    more = s.unanswered_ideas_count - len(s.unanswered_ideas)
    if more > 0:
        evidence.append(t("ideas_unanswered", "more", n=more))
    return [
        Signal(
            code="ideas_unanswered",
            severity=MEDIUM,
            title_msg=t("ideas_unanswered", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="ideas_unanswered",
            source="002 Aanbeveling 1 (regie en eigenaarschap bij de burger)",
        )
    ]


def rule_ideas_not_picked_up(s: Snapshot, settings: Settings) -> list[Signal]:
    """Residents bring in ideas, but none is ever taken up (opgepakt or afgerond) although at
    least `ideas_min_for_pickup` are older than the response term — seed 002 Aanbeveling 1
    (bottom-up, "sluit aan bij de energie van betrokkenen"), §4.1 Leiden and §4.2 Wijchen
    (initiatives that had to grow bottom-up did not), Aanbeveling 2 (competences)."""
    if s.resident_ideas_picked_up or s.resident_ideas_past_term < int(
        settings["ideas_min_for_pickup"]
    ):
        return []
    evidence = [t("ideas_not_picked_up", "counts", n=s.resident_ideas_past_term)]
    if s.resident_ideas_declined:
        evidence.append(t("ideas_not_picked_up", "declined", n=s.resident_ideas_declined))
    return [
        Signal(
            code="ideas_not_picked_up",
            severity=MEDIUM,
            title_msg=t("ideas_not_picked_up", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="ideas_not_picked_up",
            source="002 Aanbeveling 1 en 2; 002 §4.1 Leiden; 002 §4.2 Wijchen",
        )
    ]


# --- goals and actions ---------------------------------------------------------------------


def rule_goals_not_concrete(s: Snapshot, settings: Settings) -> list[Signal]:
    """No open goals; open goals without a measure (with its target) or a target date (seed 002
    §4.3, DementieNet: there were actions, but "geen concrete verbeterdoelen"); or no open goal
    with an action (Wijchen: no concrete actions)."""
    vague = [g for g in s.open_goals if not g.concrete]
    with_actions = any(g.actions for g in s.open_goals)
    if s.open_goals and not vague and with_actions:
        return []
    evidence = []
    if not s.open_goals:
        evidence.append(t("goals_not_concrete", "no_goals"))
    for g in vague:
        if not g.measure.strip() and g.target_date is None:
            evidence.append(t("goals_not_concrete", "no_measure_no_date", goal=g.title))
        elif not g.measure.strip():
            evidence.append(t("goals_not_concrete", "no_measure", goal=g.title))
        else:
            evidence.append(t("goals_not_concrete", "no_date", goal=g.title))
    if s.open_goals and not with_actions:
        evidence += [
            t("goals_not_concrete", "goal_without_actions", goal=g.title) for g in s.open_goals
        ]
    concrete = [g for g in s.open_goals if g.concrete]
    return [
        Signal(
            code="goals_not_concrete",
            severity=MEDIUM if concrete and with_actions else HIGH,
            title_msg=t("goals_not_concrete", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="goals_not_concrete",
            source="002 Aanbeveling 1; 002 §4.1 Leiden; 002 §4.2 Wijchen; "
            "002 §4.3 DementieNet; 003 tip 3",
        )
    ]


def rule_plan_not_reviewed(s: Snapshot, settings: Settings) -> list[Signal]:
    if not s.open_goals:
        return []
    limit = s.today - _days(settings, "review_days")
    last = max(g.reviewed_on or g.created_on for g in s.open_goals)
    if last >= limit:
        return []
    evidence = tuple(
        t("plan_not_reviewed", "reviewed", goal=g.title, day=d(g.reviewed_on))
        if g.reviewed_on
        else t("plan_not_reviewed", "never_reviewed", goal=g.title, day=d(g.created_on))
        for g in s.open_goals
    )
    return [
        Signal(
            code="plan_not_reviewed",
            severity=MEDIUM,
            title_msg=t("plan_not_reviewed", "title"),
            evidence_msgs=evidence,
            advice_key="plan_not_reviewed",
            source="004 Vormgeven; 002 §4.4 Stappenplan",
        )
    ]


# --- agreement and commitment ----------------------------------------------------------------


def rule_no_agreement(s: Snapshot, settings: Settings) -> list[Signal]:
    if s.agreement_version is not None:
        return []
    return [
        Signal(
            code="no_agreement",
            severity=HIGH,
            title_msg=t("no_agreement", "title"),
            evidence_msgs=(t("no_agreement", "none"),),
            advice_key="agreement",
            source="002 Aanbeveling 1; 004 Vormgeven; 002 §4.1 Leiden",
        )
    ]


def rule_partners_without_terms(s: Snapshot, settings: Settings) -> list[Signal]:
    if s.agreement_version is None:
        return []
    missing = [p for p in s.active_partners if p.id not in s.terms_partner_ids]
    if not missing:
        return []
    return [
        Signal(
            code="partners_without_terms",
            severity=MEDIUM,
            title_msg=t("partners_without_terms", "title"),
            evidence_msgs=tuple(
                t(
                    "partners_without_terms",
                    "partner",
                    partner=p.name,
                    version=s.agreement_version,
                )
                for p in missing
            ),
            advice_key="agreement",
            source="002 Aanbeveling 1; 004 Vormgeven",
        )
    ]


def rule_commitment_operational_only(s: Snapshot, settings: Settings) -> list[Signal]:
    active = s.active_partners
    gap = [p for p in active if p.operational != "none" and p.strategic == "none"]
    if not gap or len(gap) / len(active) < float(settings["commitment_gap_share"]):
        return []
    evidence = [t("commitment_operational_only", "partner", partner=p.name) for p in gap]
    if s.agreement_version is not None and "strategic" not in s.endorsement_levels:
        evidence.append(
            t("commitment_operational_only", "not_endorsed", version=s.agreement_version)
        )
    return [
        Signal(
            code="commitment_operational_only",
            severity=MEDIUM,
            title_msg=t("commitment_operational_only", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="commitment_operational_only",
            source="002 Aanbeveling 1; 002 §4.3 Tabel 3; 003 tip 9",
        )
    ]


# --- meetings -----------------------------------------------------------------------------


def _fading(partner: PartnerInfo, s: Snapshot, settings: Settings) -> list[tuple[date, bool]]:
    """The partner's recorded attendance, oldest first, when it fades; else empty."""
    records = [
        (m.day, m.attendance[partner.id])
        for m in reversed(s.recent_meetings)
        if partner.id in m.attendance
    ]
    last = int(settings["fading_absent_last"])
    if len(records) < max(int(settings["fading_min_records"]), last + 1):
        return []
    before, recent = records[:-last], records[-last:]
    if any(present for _, present in recent):
        return []
    if sum(present for _, present in before) * 2 < len(before):
        return []
    return records


def rule_attendance_fading(s: Snapshot, settings: Settings) -> list[Signal]:
    signals = []
    for partner in s.active_partners:
        records = _fading(partner, s, settings)
        if not records:
            continue
        line = tuple(
            t("attendance_fading", "present" if present else "absent", day=d(day))
            for day, present in records
        )
        signals.append(
            Signal(
                code="attendance_fading",
                severity=MEDIUM,
                title_msg=t("attendance_fading", "title", partner=partner.name),
                evidence_msgs=(
                    t("attendance_fading", "records", partner=partner.name, records=line),
                ),
                advice_key="attendance_fading",
                source="003 tip 9; 003 tip 5",
            )
        )
    return signals


def _dominant(counts: dict[str, int], settings: Settings) -> tuple[str, int, int] | None:
    total = sum(counts.values())
    if not counts or total < int(settings["dominance_min"]):
        return None
    name, n = max(counts.items(), key=lambda item: (item[1], item[0]))
    if n / total < float(settings["dominance_share"]):
        return None
    return name, n, total


def rule_same_chair(s: Snapshot, settings: Settings) -> list[Signal]:
    found = _dominant(s.chair_counts, settings)
    if not found:
        return []
    name, n, total = found
    return [
        Signal(
            code="same_chair",
            severity=LOW,
            title_msg=t("same_chair", "title"),
            evidence_msgs=(t("same_chair", "chair", name=name, n=n, total=total),),
            advice_key="rotate",
            source="003 tip 6; 002 §4.3 Tabel 3",
        )
    ]


def rule_same_action_owner(s: Snapshot, settings: Settings) -> list[Signal]:
    found = _dominant(s.action_owner_counts, settings)
    if not found:
        return []
    name, n, total = found
    return [
        Signal(
            code="same_action_owner",
            severity=LOW,
            title_msg=t("same_action_owner", "title"),
            evidence_msgs=(t("same_action_owner", "owner", name=name, n=n, total=total),),
            advice_key="rotate",
            source="003 tip 6; 002 §4.3 Tabel 3",
        )
    ]


# Meetings that are themselves reflection: a learning group or intervision (seed 002 §4.3,
# Ruwaard's fortnightly learning groups) counts without the three scores.
REFLECTIVE_KINDS = frozenset({"learning", "intervision"})


def rule_no_reflection(s: Snapshot, settings: Settings) -> list[Signal]:
    """Too few of the recent meetings have a reflection (or are a learning group or
    intervision). Also with one or two meetings: a network that met once and never reflected
    (seed 002 §4.2 Wijchen) is not left alone until a third meeting that may never come."""
    meetings = s.recent_meetings
    if not meetings:
        return []
    with_reflection = [m for m in meetings if m.has_reflection or m.kind in REFLECTIVE_KINDS]
    if len(meetings) < 3:
        # Give the first meeting(s) time to be followed by a reflection.
        if with_reflection or meetings[0].day > s.today - _days(settings, "reflection_grace_days"):
            return []
    elif len(with_reflection) / len(meetings) >= float(settings["reflection_min_share"]):
        return []
    evidence = t(
        "no_reflection",
        "share",
        n=len(with_reflection),
        total=len(meetings),
        first=d(meetings[-1].day),
        last=d(meetings[0].day),
    )
    return [
        Signal(
            code="no_reflection",
            severity=MEDIUM,
            title_msg=t("no_reflection", "title"),
            evidence_msgs=(evidence,),
            advice_key="no_reflection",
            source="003 tip 7; 002 §3.4 Boonstra; 002 §4.2 Wijchen; "
            "002 Aanbevelingen bestuurders (leersessies en intervisie: Ruwaard, Lemmer)",
        )
    ]


def rule_decisions_not_communicated(s: Snapshot, settings: Settings) -> list[Signal]:
    limit = s.today - _days(settings, "decision_grace_days")
    overdue = [x for x in s.uncommunicated_decisions if x.day <= limit]
    if not overdue:
        return []
    evidence = [
        t(
            "decisions_not_communicated",
            "decision",
            text=x.text[:120],
            meeting=x.meeting_title,
            day=d(x.day),
        )
        for x in overdue[:10]
    ]
    if len(overdue) > 10:
        evidence.append(t("decisions_not_communicated", "more", n=len(overdue) - 10))
    return [
        Signal(
            code="decisions_not_communicated",
            severity=HIGH if len(overdue) >= 5 else MEDIUM,
            title_msg=t("decisions_not_communicated", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="decisions_not_communicated",
            source="002 §4.1 Leiden; 003 tip 4; 002 Aanbeveling 1",
        )
    ]


def rule_no_meetings(s: Snapshot, settings: Settings) -> list[Signal]:
    limit = s.today - _days(settings, "no_meeting_days")
    if s.network_started > limit or (s.last_meeting_on and s.last_meeting_on >= limit):
        return []
    evidence = (
        t("no_meetings", "last", day=d(s.last_meeting_on))
        if s.last_meeting_on
        else t("no_meetings", "none")
    )
    return [
        Signal(
            code="no_meetings",
            severity=MEDIUM,
            title_msg=t("no_meetings", "title"),
            evidence_msgs=(evidence,),
            advice_key="no_meetings",
            source="003 tip 1; 004 Onderhouden en bijsturen",
        )
    ]


def rule_agenda_full(s: Snapshot, settings: Settings) -> list[Signal]:
    most = int(settings["agenda_max_items"])
    full = [m for m in s.recent_meetings if m.agenda_items > most]
    if len(full) < 2 or len(full) / len(s.recent_meetings) < float(settings["agenda_full_share"]):
        return []
    return [
        Signal(
            code="agenda_full",
            severity=LOW,
            title_msg=t("agenda_full", "title"),
            evidence_msgs=tuple(
                t(
                    "agenda_full",
                    "meeting",
                    meeting=m.title,
                    day=d(m.day),
                    n=m.agenda_items,
                    minutes=m.duration_minutes,
                )
                for m in full
            ),
            advice_key="agenda_full",
            source="003 tip 1; 003 tip 2; 002 §4.1 Leiden",
        )
    ]


def rule_online_only(s: Snapshot, settings: Settings) -> list[Signal]:
    meetings = s.recent_meetings
    if len(meetings) < 3 or not all(m.online for m in meetings):
        return []
    return [
        Signal(
            code="online_only",
            severity=LOW,
            title_msg=t("online_only", "title"),
            evidence_msgs=(
                t(
                    "online_only",
                    "meetings",
                    n=len(meetings),
                    first=d(meetings[-1].day),
                    last=d(meetings[0].day),
                ),
            ),
            advice_key="online_only",
            source="003 tip 1; 002 Aanbeveling 1",
        )
    ]


# --- composition --------------------------------------------------------------------------


def rule_composition_churn(s: Snapshot, settings: Settings) -> list[Signal]:
    startup_end = s.network_started + _days(settings, "composition_startup_days")
    joined = [p for p in s.joined_last_year if p.joined_on > startup_end]
    left = list(s.left_last_year)
    changes = len(joined) + len(left)
    base = max(len(s.active_partners) + len(left), 1)
    if changes < int(settings["composition_min_changes"]) or changes / base < float(
        settings["composition_share"]
    ):
        return []
    evidence = [
        t("composition_churn", "joined", partner=p.name, day=d(p.joined_on)) for p in joined
    ]
    evidence += [t("composition_churn", "left", partner=p.name, day=d(p.left_on)) for p in left]
    return [
        Signal(
            code="composition_churn",
            severity=MEDIUM,
            title_msg=t("composition_churn", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="composition_churn",
            source="002 §4.2 Wijchen; 002 §3.4 Boonstra",
        )
    ]


def rule_working_group_churn(s: Snapshot, settings: Settings) -> list[Signal]:
    """People, not organisations: a working group whose people keep changing (seed 002 §4.2
    Wijchen: "mede doordat de samenstelling van de actieleergroep sterk wisselde … zijn er
    geen concrete acties uit voort gekomen")."""
    since = s.today - timedelta(days=WINDOW_DAYS)
    signals = []
    for group in s.working_groups:
        startup_end = group.started_on + _days(settings, "composition_startup_days")
        in_year = [m for m in group.members if m.left_on is None or m.left_on > since]
        joined = [m for m in in_year if m.joined_on > max(since, startup_end)]
        left = [m for m in in_year if m.left_on is not None]
        changes = len(joined) + len(left)
        if changes < int(settings["group_min_changes"]) or changes / max(len(in_year), 1) < float(
            settings["group_churn_share"]
        ):
            continue
        moves = sorted(
            [(m.joined_on, "joined", m.name) for m in joined]
            + [(m.left_on, "left", m.name) for m in left]
        )
        evidence = [t("working_group_churn", "share", changes=changes, people=len(in_year))]
        evidence += [
            t("working_group_churn", kind, name=name, day=d(day)) for day, kind, name in moves
        ]
        signals.append(
            Signal(
                code="working_group_churn",
                severity=MEDIUM,
                title_msg=t("working_group_churn", "title", group=group.name),
                evidence_msgs=tuple(evidence),
                advice_key="working_group_churn",
                source="002 §4.2 Wijchen; 002 §3.4 Boonstra",
            )
        )
    return signals


def rule_roles_not_discussed(s: Snapshot, settings: Settings) -> list[Signal]:
    """Roles and expectations not discussed in the last `roles_days`: no meeting marked so,
    and no agreement version with roles per partner made since (seed 002 §4.2 Wijchen)."""
    limit = s.today - _days(settings, "roles_days")
    if s.network_started > s.today - _days(settings, "roles_grace_days"):
        return []
    if s.roles_discussed_on and s.roles_discussed_on >= limit:
        return []
    agreed = s.agreement_on is not None and bool(s.terms_partner_ids)
    if agreed and s.agreement_on >= limit:
        return []
    evidence = [
        t("roles_not_discussed", "last", day=d(s.roles_discussed_on))
        if s.roles_discussed_on
        else t("roles_not_discussed", "never"),
        t("roles_not_discussed", "agreement", version=s.agreement_version, day=d(s.agreement_on))
        if agreed
        else t("roles_not_discussed", "no_agreement"),
    ]
    return [
        Signal(
            code="roles_not_discussed",
            severity=MEDIUM,
            title_msg=t("roles_not_discussed", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="roles_not_discussed",
            source="002 §4.2 Wijchen (geleerde lessen); 002 §4.1 Leiden "
            "(verwachtingenmanagement); 002 §3.3 Kaats & Opheij (rolverdeling en procesregie)",
        )
    ]


# --- results and funding ---------------------------------------------------------------------


def rule_no_success_shared(s: Snapshot, settings: Settings) -> list[Signal]:
    limit = s.today - _days(settings, "success_days")
    if s.network_started > limit or (s.last_shared_on and s.last_shared_on >= limit):
        return []
    evidence = [
        t("no_success_shared", "last_shared", day=d(s.last_shared_on))
        if s.last_shared_on
        else t("no_success_shared", "none_shared")
    ]
    if s.last_success_on:
        evidence.append(t("no_success_shared", "last_recorded", day=d(s.last_success_on)))
    return [
        Signal(
            code="no_success_shared",
            severity=MEDIUM,
            title_msg=t("no_success_shared", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="no_success_shared",
            source="002 Aanbeveling 1; 000 Zichtbaarheid van resultaten; 002 §4.3 Tabel 3",
        )
    ]


def rule_single_point_of_failure(s: Snapshot, settings: Settings) -> list[Signal]:
    """A partner without whom parts of the network lose contact (collaboration graph)."""
    if not s.cut_points:
        return []
    evidence = tuple(
        t(
            "single_point_of_failure",
            "cut_point",
            name=name,
            groups=" / ".join(", ".join(part) for part in parts),
        )
        for name, parts in s.cut_points
    )
    return [
        Signal(
            code="single_point_of_failure",
            severity=MEDIUM,
            title_msg=t("single_point_of_failure", "title"),
            evidence_msgs=evidence,
            advice_key="single_point_of_failure",
            source="000 Gedeelde verantwoordelijkheid; 003 tip 6; 004 Onderhouden en bijsturen",
        )
    ]


def rule_kartrekker_hub(s: Snapshot, settings: Settings) -> list[Signal]:
    """Most contact between partners runs through the kartrekker's organisation."""
    limit = settings["hub_share"]
    heavy = [(name, share) for name, share in s.hub_shares if share >= limit]
    if not heavy:
        return []
    return [
        Signal(
            code="kartrekker_hub",
            severity=LOW,
            title_msg=t("kartrekker_hub", "title"),
            evidence_msgs=tuple(
                t("kartrekker_hub", "share", percent=round(100 * share), name=name)
                for name, share in heavy
            ),
            advice_key="kartrekker_hub",
            source="003 tip 6; 000 inleiding; 000 Gedeelde verantwoordelijkheid",
        )
    ]


def euro(amount) -> str:
    """€ 25.000 or € 1.250,50: Dutch notation, whatever the visitor's language (the evidence
    is part of the signal's fingerprint)."""
    whole, cents = f"{Decimal(str(amount)):,.2f}".split(".")
    result = "€ " + whole.replace(",", ".")
    return result if cents == "00" else f"{result},{cents}"


def rule_funding_ending(s: Snapshot, settings: Settings) -> list[Signal]:
    horizon = s.today + _days(settings, "funding_horizon_days")
    ending = [
        f for f in s.funding if not f.structural and f.ends_on and s.today <= f.ends_on <= horizon
    ]
    structural = [
        f
        for f in s.funding
        if f.structural
        and (f.ends_on is None or f.ends_on > horizon)
        and (f.starts_on is None or f.starts_on <= horizon)
    ]
    if not ending or structural:
        return []
    evidence = [
        t("funding_ending", "ending", name=f.name, amount=euro(f.amount), day=d(f.ends_on))
        for f in ending
    ]
    evidence.append(t("funding_ending", "nothing_structural"))
    return [
        Signal(
            code="funding_ending",
            severity=HIGH,
            title_msg=t("funding_ending", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="funding_ending",
            source="002 Aanbeveling 1; 000 Financiering deelnemers en netwerkparticipatie",
        )
    ]


def _running_or_later(f, today: date) -> bool:
    return f.ends_on is None or f.ends_on >= today


def rule_funding_expired(s: Snapshot, settings: Settings) -> list[Signal]:
    """Temporary funding has already run out and nothing runs now or was arranged to follow
    (seed 002 Aanbeveling 1: without structural funding a network "na verloop van tijd weer
    ophoudt te bestaan")."""
    if not s.funding or any(_running_or_later(f, s.today) for f in s.funding):
        return []
    expired = [f for f in s.funding if not f.structural and f.ends_on and f.ends_on < s.today]
    if not expired:
        return []
    evidence = [
        t("funding_expired", "ended", name=f.name, amount=euro(f.amount), day=d(f.ends_on))
        for f in expired[-5:]
    ]
    evidence.append(t("funding_expired", "nothing_after"))
    return [
        Signal(
            code="funding_expired",
            severity=HIGH,
            title_msg=t("funding_expired", "title"),
            evidence_msgs=tuple(evidence),
            advice_key="funding_ending",
            source="002 Aanbeveling 1 (Zorg voor structurele financiering); "
            "000 Financiering deelnemers en netwerkparticipatie",
        )
    ]


def _year_by_year(funding, settings: Settings) -> list:
    """The longest chain of temporary funding of one kind, each at most
    `funding_short_days` long, each starting at most `funding_gap_days` after the previous
    one ended: funding renewed one period at a time."""
    short = _days(settings, "funding_short_days")
    gap = _days(settings, "funding_gap_days")
    by_kind: dict[str, list] = {}
    for f in sorted(
        (f for f in funding if not f.structural and f.starts_on and f.ends_on),
        key=lambda f: (f.starts_on, f.name),
    ):
        if f.ends_on - f.starts_on <= short:
            by_kind.setdefault(f.kind, []).append(f)
    best: list = []
    for kind in sorted(by_kind):
        chain: list = []
        for f in by_kind[kind]:
            if (
                chain
                and f.starts_on <= chain[-1].ends_on + gap
                and f.starts_on > chain[-1].starts_on
            ):
                chain.append(f)
            else:
                chain = [f]
            if len(chain) > len(best):
                best = list(chain)
    return best


def rule_funding_year_by_year(s: Snapshot, settings: Settings) -> list[Signal]:
    """Funding renewed one year at a time, with no structural funding running (seed 002,
    recommendations to governments: Wedde's dorpsondersteuner, financed for one year at a
    time through the Wmo)."""
    chain = _year_by_year(s.funding, settings)
    if len(chain) < int(settings["funding_renewals"]):
        return []
    if chain[-1].ends_on < s.today - _days(settings, "funding_horizon_days"):
        return []  # an old pattern, long over (funding_expired speaks about that)
    if any(f.structural and _running_or_later(f, s.today) for f in s.funding):
        return []
    evidence = [
        t(
            "funding_year_by_year",
            "period",
            name=f.name,
            amount=euro(f.amount),
            start=d(f.starts_on),
            end=d(f.ends_on),
        )
        for f in chain
    ]
    evidence.append(t("funding_ending", "nothing_structural"))
    return [
        Signal(
            code="funding_year_by_year",
            severity=MEDIUM,
            title_msg=t("funding_year_by_year", "title", n=len(chain)),
            evidence_msgs=tuple(evidence),
            advice_key="funding_year_by_year",
            source="002 Aanbevelingen overheid (Stichting Wedde dat 't lukt); "
            "002 Aanbeveling 1 (Zorg voor structurele financiering)",
        )
    ]


def rule_no_evaluation(s: Snapshot, settings: Settings) -> list[Signal]:
    if s.planned_scan is not None:
        label, due_on = s.planned_scan
        if due_on > s.today:
            return []
        return [
            Signal(
                code="no_evaluation",
                severity=MEDIUM,
                title_msg=t("no_evaluation", "planned_due_title", label=label),
                evidence_msgs=(
                    t("no_evaluation", "planned_due", label=label, day=d(due_on)),
                    *(
                        (t("no_evaluation", "last_scan", day=d(s.last_scan_on)),)
                        if s.last_scan_on
                        else ()
                    ),
                ),
                advice_key="no_evaluation",
                source="004 Onderhouden en bijsturen; 002 §4.3 (DementieNet: 0, 12 en 24 maanden)",
            )
        ]
    limit = s.today - _days(settings, "evaluation_days")
    if s.network_started > limit:
        return []
    dates = [x for x in (s.last_scan_on, s.evaluation_step_done_on) if x]
    if dates and max(dates) >= limit:
        return []
    evidence = (
        t("no_evaluation", "last_scan", day=d(s.last_scan_on))
        if s.last_scan_on
        else t("no_evaluation", "no_scan"),
    )
    return [
        Signal(
            code="no_evaluation",
            severity=MEDIUM,
            title_msg=t("no_evaluation", "title"),
            evidence_msgs=evidence,
            advice_key="no_evaluation",
            source="004 Vormgeven; 004 Onderhouden en bijsturen; 002 §4.3 Tabel 2",
        )
    ]


# --- the wijkprofiel: start from what the wijk needs -----------------------------------------


def rule_no_wijkprofiel(s: Snapshot, settings: Settings) -> list[Signal]:
    """The network is linked to no CBS area, so it has no figures about its wijk (seed 002
    Aanbeveling 1: "Maak gebruik van experts bij het in kaart brengen van (zorg)vragen en
    behoefte van inwoners … Inzicht in deze gegevens vormt een goed startpunt voor de dialoog";
    the step plan's first phase). Silent when the snapshot did not load the areas."""
    if s.linked_areas is None or s.linked_areas > 0:
        return []
    evidence = (
        t("no_wijkprofiel", "named_area", area=s.area_name)
        if s.area_name
        else t("no_wijkprofiel", "no_area")
    )
    return [
        Signal(
            code="no_wijkprofiel",
            severity=MEDIUM,
            title_msg=t("no_wijkprofiel", "title"),
            evidence_msgs=(evidence,),
            advice_key="no_wijkprofiel",
            source="002 Aanbeveling 1; 002 Stappenplan, fase 1 netwerk verkennen",
        )
    ]


def rule_goals_without_indicator(s: Snapshot, settings: Settings) -> list[Signal]:
    """The network knows its wijk in figures, has open goals, but no goal is linked to an
    indicator (seed 002 Aanbeveling 1: the same data "kan ook gebruikt worden om te zien of de
    doelen worden gerealiseerd")."""
    if not s.linked_areas or not s.open_goals:
        return []
    if any(g.indicator_linked for g in s.open_goals):
        return []
    return [
        Signal(
            code="goals_without_indicator",
            severity=LOW,
            title_msg=t("goals_without_indicator", "title"),
            evidence_msgs=tuple(
                t("goals_without_indicator", "goal", goal=g.title) for g in s.open_goals
            ),
            advice_key="goals_without_indicator",
            source="002 Aanbeveling 1; 002 Stappenplan, fase 1 netwerk verkennen",
        )
    ]


RULES: list[Rule] = [
    rule_no_kartrekker,
    rule_kartrekker_not_independent,
    rule_gemeente,
    rule_zorgverzekeraar,
    rule_huisarts,
    rule_sociaal_wijkteam,
    rule_no_citizens,
    rule_origin_not_local,
    rule_other_projects,
    rule_ideas_unanswered,
    rule_ideas_not_picked_up,
    rule_no_wijkprofiel,
    rule_goals_without_indicator,
    rule_goals_not_concrete,
    rule_plan_not_reviewed,
    rule_no_agreement,
    rule_partners_without_terms,
    rule_commitment_operational_only,
    rule_attendance_fading,
    rule_same_chair,
    rule_same_action_owner,
    rule_no_reflection,
    rule_decisions_not_communicated,
    rule_no_meetings,
    rule_agenda_full,
    rule_online_only,
    rule_composition_churn,
    rule_working_group_churn,
    rule_roles_not_discussed,
    rule_no_success_shared,
    rule_funding_ending,
    rule_funding_expired,
    rule_funding_year_by_year,
    rule_no_evaluation,
    rule_single_point_of_failure,
    rule_kartrekker_hub,
]


def effective_settings(overrides: Mapping | None) -> dict[str, int | float]:
    """DEFAULTS with the network's overrides for known keys."""
    merged = dict(DEFAULTS)
    for key, value in (overrides or {}).items():
        if key in DEFAULTS:
            merged[key] = value
    return merged


def run_rules(snapshot: Snapshot, settings: Settings) -> list[Signal]:
    signals = [signal for rule in RULES for signal in rule(snapshot, settings)]
    # Ordered by the Dutch title: the stored order must not depend on who triggered the task.
    return sorted(
        signals,
        key=lambda x: (SEVERITY_ORDER[x.severity], x.code, text(x.title_msg, SOURCE_LANGUAGE)),
    )
