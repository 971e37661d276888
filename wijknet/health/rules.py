"""The health rules: small pure functions over a `Snapshot` and the network's thresholds.

Each rule returns zero or more `Signal`s. A signal explains itself: its evidence lists the
concrete facts from the network's data that triggered it, its advice and source come from the
seeds (000 Netwerkwijzer "Duurzaam netwerk", 002 HAN eindrapport "Een sterk wijknetwerk",
003 "9 tips", 004 RIVM "Samenwerking"). Texts are Dutch content, like the step plan.

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
- no_citizens — no current citizen member and no active burgerinitiatief partner — 002
  Aanbeveling 1, §4.1 Leiden
- goals_not_concrete — no open goal has a (not dropped) action — 002 Aanbeveling 1, §4.1, 003
  tip 3
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
  reflection — 003 tip 7, 002 §3.4
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
- no_evaluation — no scan round opened and the step "evalueer in een vast ritme" not done
  within `evaluation_days` — 004, 002 §4.3 Tabel 2

Rules about time (meetings, successes, evaluation, composition) stay quiet while the network
itself is younger than their period (network start date, else its creation date).
"""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from .snapshot import PartnerInfo, Snapshot

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
    # Decisions not communicated within this many days after the meeting.
    "decision_grace_days": 14,
    # No success shared for this many days.
    "success_days": 180,
    # Temporary funding ending within this many days with nothing structural.
    "funding_horizon_days": 183,
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
}

# Sectors whose employees count as independent kartrekkers (seed 002: a zorgcoöperatie or a
# stichting of residents, or an independent adviser such as a ROS, has no organisational
# interest in the network).
INDEPENDENT_SECTORS = frozenset({"burgerinitiatief", "ros"})


@dataclass(frozen=True)
class Signal:
    code: str
    severity: str
    title: str
    evidence: tuple[str, ...]
    advice: str
    source: str
    # Filled in by monitor.evaluate from the acknowledgements; not part of the fingerprint.
    ack_status: str = ""
    ack_reason: str = ""
    ack_by: str = ""
    ack_at: datetime | None = field(default=None, compare=False)

    @property
    def fingerprint(self) -> str:
        payload = "\n".join([self.code, *self.evidence])
        return hashlib.sha256(payload.encode()).hexdigest()

    @property
    def acknowledged(self) -> bool:
        return bool(self.ack_status)

    def as_dict(self) -> dict:
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


def d(day: date | None) -> str:
    return f"{day:%d-%m-%Y}" if day else "?"


def _days(settings: Settings, key: str) -> timedelta:
    return timedelta(days=int(settings[key]))


# --- kartrekker ---------------------------------------------------------------------------


def rule_no_kartrekker(s: Snapshot, settings: Settings) -> list[Signal]:
    if s.coordinators:
        return []
    return [
        Signal(
            code="no_kartrekker",
            severity=HIGH,
            title="Er is geen actieve kartrekker",
            evidence=("Geen van de huidige leden heeft de rol kartrekker / netwerkcoördinator.",),
            advice=(
                "Stel een onafhankelijke kartrekker of kwartiermaker aan als verbinder, die "
                "draagvlak geniet bij de samenwerkingspartners, een aanjaagfunctie heeft en "
                "voldoende tijd heeft voor de rol. In Wijchen was het ontbreken van een "
                "kartrekker, aanjager of regiehouder een belangrijk leerpunt."
            ),
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
        f"Kartrekker {c.name} werkt bij partnerorganisatie {partner_orgs[c.organisation_id].name}."
        for c in s.coordinators
    )
    return [
        Signal(
            code="kartrekker_not_independent",
            severity=MEDIUM,
            title="De kartrekker is niet onafhankelijk van een partnerorganisatie",
            evidence=evidence,
            advice=(
                "Het is belangrijk dat de kartrekker of kwartiermaker onafhankelijk is, omdat "
                "hij of zij dan geen last heeft van organisatiebelang. Overweeg een "
                "onafhankelijke kartrekker (bijvoorbeeld in dienst van een stichting of "
                "zorgcoöperatie van bewoners) of laat een onafhankelijke adviseur, zoals een "
                "ROS, het samenwerkingsproces begeleiden."
            ),
            source="002 Aanbeveling 1; 002 §4.3 Tabel 3",
        )
    ]


# --- gemeente, zorgverzekeraar, huisarts ----------------------------------------------------


def _key_sector(
    s: Snapshot, settings: Settings, *, sector: str, code: str, label: str, missing: str
) -> list[Signal]:
    advice = (
        "Zorg ervoor dat in elk geval de gemeente, de zorgverzekeraar en de huisarts actief "
        "participeren in het wijknetwerk. De gemeente en de zorgverzekeraar faciliteren "
        "professionals om tijd te investeren in samenwerking; actieve deelname van huisartsen "
        "legt de verbinding tussen eerstelijnszorg en het sociale domein. In de Merenwijk "
        "(Leiden) stopte het initiatief mede omdat huisartsen niet meededen."
    )
    source = "002 Aanbeveling 1; 002 §4.1 Leiden; 002 §4.2 Wijchen"
    partners = [p for p in s.active_partners if p.sector == sector]
    if not partners:
        return [
            Signal(
                code=f"{code}_missing",
                severity=missing,
                title=f"{label} ontbreekt in het netwerk",
                evidence=(f"Geen actieve partner uit de sector {label.lower()}.",),
                advice=advice,
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
                f"{partner.name} was afwezig bij alle {len(records)} laatste bijeenkomsten "
                f"waarvoor aanwezigheid is bijgehouden (sinds {d(records[-1].day)})."
            )
        if no_commitment:
            evidence.append(f"{partner.name} heeft op geen enkel niveau commitment.")
    return [
        Signal(
            code=f"{code}_inactive",
            severity=MEDIUM,
            title=f"{label} doet niet actief mee",
            evidence=tuple(evidence),
            advice=advice,
            source=source,
        )
    ]


def rule_gemeente(s: Snapshot, settings: Settings) -> list[Signal]:
    return _key_sector(
        s, settings, sector="gemeente", code="gemeente", label="Gemeente", missing=HIGH
    )


def rule_zorgverzekeraar(s: Snapshot, settings: Settings) -> list[Signal]:
    return _key_sector(
        s,
        settings,
        sector="zorgverzekeraar",
        code="zorgverzekeraar",
        label="Zorgverzekeraar",
        missing=MEDIUM,
    )


def rule_huisarts(s: Snapshot, settings: Settings) -> list[Signal]:
    return _key_sector(
        s, settings, sector="huisartsenzorg", code="huisarts", label="Huisartsenzorg", missing=HIGH
    )


# --- bottom-up --------------------------------------------------------------------------


def rule_no_citizens(s: Snapshot, settings: Settings) -> list[Signal]:
    citizens = s.members_per_role.get("citizen", 0)
    initiatives = [p for p in s.active_partners if p.sector == "burgerinitiatief"]
    if citizens or initiatives:
        return []
    return [
        Signal(
            code="no_citizens",
            severity=MEDIUM,
            title="Er zijn geen burgers of vrijwilligers betrokken",
            evidence=(
                "Geen huidige leden met de rol burger / vrijwilliger.",
                "Geen actieve partner uit de sector burgerinitiatief / zorgcoöperatie.",
            ),
            advice=(
                "Het is beter om het netwerk bottom-up, vanuit de burgers, te laten ontstaan. "
                "Nodig actieve burgers, vrijwilligers, wijkverenigingen en burgerinitiatieven "
                "vroeg uit: zij weten het beste wat er speelt in hun wijk, buurt of dorp. Leg "
                "de regie en het eigenaarschap bij de burger. In de Merenwijk (Leiden) was "
                "'het initiatief is niet bottom-up ontstaan' een van de geleerde lessen."
            ),
            source="002 Aanbeveling 1; 002 §4.1 Leiden",
        )
    ]


# --- goals and actions ---------------------------------------------------------------------


def rule_goals_not_concrete(s: Snapshot, settings: Settings) -> list[Signal]:
    if any(g.actions for g in s.open_goals):
        return []
    if s.open_goals:
        evidence = tuple(f"Lopend doel zonder acties: '{g.title}'." for g in s.open_goals)
    else:
        evidence = ("Er zijn geen lopende doelen.",)
    return [
        Signal(
            code="goals_not_concrete",
            severity=HIGH,
            title="De doelen zijn niet concreet gemaakt in acties",
            evidence=evidence,
            advice=(
                "Zorg dat het doel en de acties concreet worden gemaakt en sluit aan bij de "
                "energie van de betrokkenen: wie pakt wat op, en wanneer? In de Merenwijk "
                "(Leiden) waren de doelstellingen onduidelijk en niet concreet genoeg; in "
                "Wijchen kwamen er zonder duidelijke focus geen concrete acties."
            ),
            source="002 Aanbeveling 1; 002 §4.1 Leiden; 002 §4.2 Wijchen; 003 tip 3",
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
        f"'{g.title}': "
        + (
            f"laatst besproken op {d(g.reviewed_on)}."
            if g.reviewed_on
            else f"nooit besproken, aangemaakt op {d(g.created_on)}."
        )
        for g in s.open_goals
    )
    return [
        Signal(
            code="plan_not_reviewed",
            severity=MEDIUM,
            title="Het actieplan is meer dan een jaar niet herzien",
            evidence=evidence,
            advice=(
                "Houd het doel gedurende de samenwerking in het oog door periodieke "
                "evaluatiemomenten in te plannen. Bespreek de doelen en acties minstens "
                "jaarlijks met de partners en stel ze bij: hoe zorg je ervoor dat je goed blijft "
                "samenwerken (fase 4, netwerk verankeren)?"
            ),
            source="004 Vormgeven; 002 §4.4 Stappenplan",
        )
    ]


# --- agreement and commitment ----------------------------------------------------------------


AGREEMENT_ADVICE = (
    "Sluit een samenwerkingsovereenkomst af of stel een duidelijk plan van aanpak op dat wordt "
    "onderschreven door de relevante partijen. Maak afspraken over de verantwoordelijkheden, "
    "rollen, taken, tijdsbesteding en geld, en communiceer ook helder wat buiten de "
    "samenwerking valt. In de Merenwijk (Leiden) was onduidelijkheid over de tijdsinvestering "
    "een van de geleerde lessen."
)


def rule_no_agreement(s: Snapshot, settings: Settings) -> list[Signal]:
    if s.agreement_version is not None:
        return []
    return [
        Signal(
            code="no_agreement",
            severity=HIGH,
            title="Er zijn geen afspraken over rollen, tijd en geld",
            evidence=("Er is geen samenwerkingsafspraak vastgelegd.",),
            advice=AGREEMENT_ADVICE,
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
            title="Niet alle partners hebben afspraken over rol, tijd en geld",
            evidence=tuple(
                f"{p.name} heeft geen rol, taken, uren of geld in de samenwerkingsafspraak "
                f"(versie {s.agreement_version})."
                for p in missing
            ),
            advice=AGREEMENT_ADVICE,
            source="002 Aanbeveling 1; 004 Vormgeven",
        )
    ]


def rule_commitment_operational_only(s: Snapshot, settings: Settings) -> list[Signal]:
    active = s.active_partners
    gap = [p for p in active if p.operational != "none" and p.strategic == "none"]
    if not gap or len(gap) / len(active) < float(settings["commitment_gap_share"]):
        return []
    evidence = [
        f"{p.name}: commitment op uitvoerend niveau, niet op strategisch niveau (bestuur)."
        for p in gap
    ]
    if s.agreement_version is not None and "strategic" not in s.endorsement_levels:
        evidence.append(
            f"De samenwerkingsafspraak (versie {s.agreement_version}) is door geen bestuurder "
            "onderschreven."
        )
    return [
        Signal(
            code="commitment_operational_only",
            severity=MEDIUM,
            title="Commitment alleen op uitvoerend niveau, niet strategisch",
            evidence=tuple(evidence),
            advice=(
                "Om ervoor te zorgen dat de ambitie wordt gedragen, is commitment nodig op "
                "strategisch niveau (bestuurders), tactisch niveau (managers) én uitvoerend "
                "niveau (professionals). Laat bestuurders van de partnerorganisaties het belang "
                "en de urgentie van het netwerk benadrukken, zodat het echt serieus genomen "
                "wordt."
            ),
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
        line = ", ".join(
            f"{d(day)} {'aanwezig' if present else 'afwezig'}" for day, present in records
        )
        signals.append(
            Signal(
                code="attendance_fading",
                severity=MEDIUM,
                title=f"{partner.name} haakt af: afwezig bij de laatste bijeenkomsten",
                evidence=(f"{partner.name}: {line}.",),
                advice=(
                    "Stopt een partij minder energie in de samenwerking en haakt ze af? Als "
                    "de partij niet per se nodig is, kun je haar laten gaan. Is ze wel nodig, "
                    "laat dan steeds de voortgang zien, voor de partij en voor het geheel, en "
                    "ga als netwerkcoördinator in gesprek met deelnemers die niet meer goed "
                    "bijdragen."
                ),
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


ROTATE_ADVICE = (
    "Kijk als netwerkcoördinator wat het met de betrokkenheid van leden doet als steeds "
    "dezelfde personen de leiding nemen. Het afwisselen van rollen en taken tussen de "
    "deelnemers kan helpen; gedeeld leiderschap zorgt voor bundeling en erkenning van elkaars "
    "expertise."
)


def rule_same_chair(s: Snapshot, settings: Settings) -> list[Signal]:
    found = _dominant(s.chair_counts, settings)
    if not found:
        return []
    name, n, total = found
    return [
        Signal(
            code="same_chair",
            severity=LOW,
            title="Steeds dezelfde voorzitter",
            evidence=(
                f"{name} zat {n} van de {total} bijeenkomsten met een voorzitter van het "
                "afgelopen jaar voor.",
            ),
            advice=ROTATE_ADVICE,
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
            title="Steeds dezelfde persoon trekt de acties",
            evidence=(f"{name} is eigenaar van {n} van de {total} lopende acties.",),
            advice=ROTATE_ADVICE,
            source="003 tip 6; 002 §4.3 Tabel 3",
        )
    ]


def rule_no_reflection(s: Snapshot, settings: Settings) -> list[Signal]:
    meetings = s.recent_meetings
    if len(meetings) < 3:
        return []
    with_reflection = [m for m in meetings if m.has_reflection]
    if len(with_reflection) / len(meetings) >= float(settings["reflection_min_share"]):
        return []
    evidence = [
        f"{len(with_reflection)} van de laatste {len(meetings)} bijeenkomsten "
        f"({d(meetings[-1].day)} tot en met {d(meetings[0].day)}) hebben een reflectie."
    ]
    return [
        Signal(
            code="no_reflection",
            severity=MEDIUM,
            title="Er wordt te weinig gereflecteerd op de samenwerking",
            evidence=tuple(evidence),
            advice=(
                "Zorg als netwerkcoördinator voor reflectietijd aan het einde van de "
                "overleggen. Reflecteer op hoe de samenwerking gaat, hoe de betrokkenheid is "
                "en of jullie richting jullie doel werken. Dit geeft voeding aan de "
                "samenwerking; reflecteren op samenwerkingsrelaties om daarvan te leren is ook "
                "een succesfactor volgens Boonstra."
            ),
            source="003 tip 7; 002 §3.4 Boonstra",
        )
    ]


def rule_decisions_not_communicated(s: Snapshot, settings: Settings) -> list[Signal]:
    limit = s.today - _days(settings, "decision_grace_days")
    overdue = [x for x in s.uncommunicated_decisions if x.day <= limit]
    if not overdue:
        return []
    evidence = [f"'{x.text[:120]}' ({x.meeting_title}, {d(x.day)})" for x in overdue[:10]]
    if len(overdue) > 10:
        evidence.append(f"en nog {len(overdue) - 10} besluit(en).")
    return [
        Signal(
            code="decisions_not_communicated",
            severity=HIGH if len(overdue) >= 5 else MEDIUM,
            title="Besluiten zijn niet aan alle leden gecommuniceerd",
            evidence=tuple(evidence),
            advice=(
                "Communiceer vanuit de kerncoalitie naar alle netwerkleden, zodat iedereen "
                "weet welke voortgang er is en tegen welke dilemma's jullie aanlopen. In de "
                "Merenwijk (Leiden) werden besluiten niet duidelijk gecommuniceerd; een "
                "wijknetwerk valt of staat met goede communicatie."
            ),
            source="002 §4.1 Leiden; 003 tip 4; 002 Aanbeveling 1",
        )
    ]


def rule_no_meetings(s: Snapshot, settings: Settings) -> list[Signal]:
    limit = s.today - _days(settings, "no_meeting_days")
    if s.network_started > limit or (s.last_meeting_on and s.last_meeting_on >= limit):
        return []
    evidence = (
        f"Laatste bijeenkomst: {d(s.last_meeting_on)}."
        if s.last_meeting_on
        else "Er is nog geen bijeenkomst vastgelegd."
    )
    return [
        Signal(
            code="no_meetings",
            severity=MEDIUM,
            title="Er is geen ruimte om elkaar te ontmoeten",
            evidence=(evidence,),
            advice=(
                "Zorg voor voldoende 'lummeltijd', individueel en als netwerk: ruimte om "
                "elkaar te ontmoeten en uit te wisselen. Onderhoud de samenwerking door "
                "interactie te stimuleren, bijvoorbeeld met bijeenkomsten en werkbezoeken of "
                "door aan te sluiten bij elkaars overleggen."
            ),
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
            title="De agenda's staan te vol",
            evidence=tuple(
                f"{m.title} ({d(m.day)}): {m.agenda_items} agendapunten in "
                f"{m.duration_minutes} minuten."
                for m in full
            ),
            advice=(
                "Maak een agenda die niet te vol staat, zodat er ruimte is om elkaar te "
                "ontmoeten en uit te wisselen ('lummeltijd'). Fysieke ontmoeting helpt hierbij. "
                "Denk goed na welke inzet en tijd echt nodig is en waarde toevoegt: "
                "takenpakketten van professionals zitten vol."
            ),
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
            title="Alleen nog online bijeenkomsten",
            evidence=(
                f"De laatste {len(meetings)} bijeenkomsten ({d(meetings[-1].day)} tot en met "
                f"{d(meetings[0].day)}) waren allemaal online.",
            ),
            advice=(
                "Fysieke ontmoeting helpt om elkaar te ontmoeten en uit te wisselen. Denk goed "
                "na wat digitaal kán en wat fysiek móét. Vooral fysieke ontmoetingen met "
                "wijkbewoners, vrijwilligers en professionals zijn goede communicatiemiddelen."
            ),
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
    evidence = [f"{p.name} kwam erbij op {d(p.joined_on)}." for p in joined]
    evidence += [f"{p.name} stopte op {d(p.left_on)}." for p in left]
    return [
        Signal(
            code="composition_churn",
            severity=MEDIUM,
            title="De samenstelling van het netwerk wisselt sterk",
            evidence=tuple(evidence),
            advice=(
                "In Wijchen kwamen er mede doordat de samenstelling van de actieleergroep "
                "sterk wisselde geen concrete acties. Heb aandacht voor de continuïteit in "
                "persoonlijke relaties, bespreek van tijd tot tijd expliciet de verwachtingen "
                "en wie welke rol heeft, en neem nieuwe partners bewust mee in de ambitie."
            ),
            source="002 §4.2 Wijchen; 002 §3.4 Boonstra",
        )
    ]


# --- results and funding ---------------------------------------------------------------------


def rule_no_success_shared(s: Snapshot, settings: Settings) -> list[Signal]:
    limit = s.today - _days(settings, "success_days")
    if s.network_started > limit or (s.last_shared_on and s.last_shared_on >= limit):
        return []
    evidence = [
        f"Laatst gedeelde succes: {d(s.last_shared_on)}."
        if s.last_shared_on
        else "Er is nog geen succes gedeeld."
    ]
    if s.last_success_on:
        evidence.append(f"Laatst vastgelegde succes: {d(s.last_success_on)}.")
    return [
        Signal(
            code="no_success_shared",
            severity=MEDIUM,
            title="Er is al maanden geen succes gedeeld",
            evidence=tuple(evidence),
            advice=(
                "Vier successen en laat zien wat al bereikt is: dat zorgt voor nieuwe energie "
                "bij de betrokkenen en motivatie om door te gaan. Zichtbaarheid van "
                "resultaten, successen en samenwerking draagt bij aan een duurzaam netwerk."
            ),
            source="002 Aanbeveling 1; 000 Zichtbaarheid van resultaten; 002 §4.3 Tabel 3",
        )
    ]


def rule_single_point_of_failure(s: Snapshot, settings: Settings) -> list[Signal]:
    """A partner without whom parts of the network lose contact (collaboration graph)."""
    if not s.cut_points:
        return []
    evidence = tuple(
        f"Als {name} wegvalt, verliezen deze groepen contact: "
        + " / ".join(", ".join(part) for part in parts)
        + "."
        for name, parts in s.cut_points
    )
    return [
        Signal(
            code="single_point_of_failure",
            severity=MEDIUM,
            title="Het netwerk hangt aan één schakel",
            evidence=evidence,
            advice=(
                "Er moet een mechanisme ontstaan waardoor het netwerk zichzelf in stand houdt: "
                "iedereen is een belangrijke schakel, en valt er één uit, dan komt het netwerk "
                "stil te liggen. Breng de partners aan weerszijden ook rechtstreeks met elkaar "
                "in contact, bijvoorbeeld met een werkbezoek of een gezamenlijke actie, en "
                "wissel rollen en taken af."
            ),
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
            title="Veel contact loopt via de organisatie van de kartrekker",
            evidence=tuple(
                f"{round(100 * share)}% van de verbindingen tussen andere partners loopt via "
                f"{name}."
                for name, share in heavy
            ),
            advice=(
                "Een kartrekker verbindt, maar het netwerk mag niet van één persoon of "
                "organisatie afhangen. Kijk wat het met de betrokkenheid doet als steeds "
                "dezelfde personen de leiding nemen; het afwisselen van rollen en taken helpt, "
                "en zo ontstaat een gedeelde verantwoordelijkheid."
            ),
            source="003 tip 6; 000 inleiding; 000 Gedeelde verantwoordelijkheid",
        )
    ]


def euro(amount) -> str:
    """€ 25.000 or € 1.250,50: Dutch notation, whatever the visitor's language (the evidence
    is part of the signal's fingerprint)."""
    whole, cents = f"{Decimal(str(amount)):,.2f}".split(".")
    text = "€ " + whole.replace(",", ".")
    return text if cents == "00" else f"{text},{cents}"


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
        f"{f.name} (tijdelijk, {euro(f.amount)}) loopt af op {d(f.ends_on)}." for f in ending
    ]
    evidence.append("Er is geen structurele financiering die daarna doorloopt.")
    return [
        Signal(
            code="funding_ending",
            severity=HIGH,
            title="Tijdelijke financiering loopt af, zonder structurele opvolging",
            evidence=tuple(evidence),
            advice=(
                "Een netwerk kan starten met tijdelijke financiering, maar denk tijdig na over "
                "structurele maatregelen en financiering om de samenwerking op lange termijn "
                "vol te houden; hierin is een rol weggelegd voor gemeenten en "
                "zorgverzekeraars. Tijdelijke financiering wordt als een belangrijke "
                "belemmering ervaren voor de borging van een initiatief."
            ),
            source="002 Aanbeveling 1; 000 Financiering deelnemers en netwerkparticipatie",
        )
    ]


def rule_no_evaluation(s: Snapshot, settings: Settings) -> list[Signal]:
    limit = s.today - _days(settings, "evaluation_days")
    if s.network_started > limit:
        return []
    dates = [x for x in (s.last_scan_on, s.evaluation_step_done_on) if x]
    if dates and max(dates) >= limit:
        return []
    evidence = (
        f"Laatste scan: {d(s.last_scan_on)}."
        if s.last_scan_on
        else "Er is nog geen samenwerkingsscan gehouden.",
    )
    return [
        Signal(
            code="no_evaluation",
            severity=MEDIUM,
            title="De samenwerking is al meer dan een jaar niet geëvalueerd",
            evidence=evidence,
            advice=(
                "Plan periodieke evaluatiemomenten en bespreek de resultaten en voortgang van "
                "de samenwerking met de partners; een onafhankelijke partij kan helpen bij "
                "deze procesevaluatie. DementieNet meet de samenwerking bij de start, na één "
                "jaar en na twee jaar: houd zo'n scan minstens jaarlijks."
            ),
            source="004 Vormgeven; 004 Onderhouden en bijsturen; 002 §4.3 Tabel 2",
        )
    ]


RULES: list[Rule] = [
    rule_no_kartrekker,
    rule_kartrekker_not_independent,
    rule_gemeente,
    rule_zorgverzekeraar,
    rule_huisarts,
    rule_no_citizens,
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
    rule_no_success_shared,
    rule_funding_ending,
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
    return sorted(signals, key=lambda x: (SEVERITY_ORDER[x.severity], x.code, x.title))
