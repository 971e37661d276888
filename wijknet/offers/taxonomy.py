"""The published taxonomy `wijknet`: an offer's kind, target groups and who reimburses it, as
HSDS taxonomy terms (docs/hsds.md).

Three top-level terms (`soort`, `doelgroep`, `vergoeding`) with one child per choice of the
model (`OfferKind`, `TargetGroup`, `ReimbursedBy` except "niet vergoed"). Codes are
`<group>/<choice value>` (e.g. `doelgroep/ouderen`); ids are UUIDv5 of the code in wijknet's
HSDS namespace, so they are the same on every installation and never change while the choice
value does not. Names and descriptions are published in Dutch (the export renders them with
Dutch active); the English translations are for the pages.

No external vocabulary is used: Open Eligibility (Open Referral's own) splits the same way into
"human services" and "human situations", but its codes do not cover Dutch welfare concepts such
as *mantelzorgers* or reimbursement by the *gemeente*, so wijknet publishes its own small
taxonomy and describes each term instead of pretending to an exact match.
"""

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import OfferKind, ReimbursedBy, TargetGroup

NAMESPACE = uuid.UUID("6d1c33a4-8bb7-4bd4-9d3c-6a2f3b1e9c10")
NAME = "wijknet"
VERSION = "1"
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, f"taxonomy:{NAME}"))
TAXONOMY_DESCRIPTION = _(
    "Soort aanbod, doelgroepen en vergoeding van het aanbod op de sociale kaart van een "
    "wijknetwerk (wijknet)."
)

KIND, GROUP, REIMBURSED = "soort", "doelgroep", "vergoeding"


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    description: str
    parent: str = ""  # the parent's code

    @property
    def id(self) -> str:
        return term_id(self.code)

    @property
    def value(self) -> str:
        """The model's choice value (empty for a top-level term)."""
        return self.code.split("/", 1)[1] if "/" in self.code else ""

    @property
    def group(self) -> str:
        return self.code.split("/", 1)[0]


def term_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxonomy_term:{NAME}:{code}"))


GROUPS = {
    KIND: (_("Soort aanbod"), _("Wat voor aanbod het is: sport, zorg, ontmoeting …")),
    GROUP: (_("Doelgroep"), _("Voor wie het aanbod bedoeld is.")),
    REIMBURSED: (_("Vergoeding"), _("Wie de kosten van het aanbod (deels) vergoedt.")),
}

DESCRIPTIONS = {
    (KIND, OfferKind.SPORT): _("Sporten in een club, team of groep."),
    (KIND, OfferKind.BEWEGEN): _(
        "Laagdrempelig bewegen, zoals wandelen, beweegmaatjes en beweegprogramma's."
    ),
    (KIND, OfferKind.WELZIJN): _("Welzijnswerk: advies, ondersteuning en hulp in de wijk."),
    (KIND, OfferKind.ONTMOETING): _(
        "Mensen ontmoeten, zoals een inloop, koffieochtend of eettafel."
    ),
    (KIND, OfferKind.ZORG): _("Zorg door een zorgverlener, zoals een huisarts of fysiotherapeut."),
    (KIND, OfferKind.CURSUS): _("Een cursus, training of voorlichting."),
    (KIND, OfferKind.VRIJWILLIGERSWERK): _("Vrijwilligerswerk: zelf iets doen voor anderen."),
    (GROUP, TargetGroup.OUDEREN): _("Ouderen, meestal vanaf 65 jaar."),
    (GROUP, TargetGroup.DIABETES): _("Mensen met diabetes (suikerziekte)."),
    (GROUP, TargetGroup.JONGEREN): _("Kinderen en jongeren."),
    (GROUP, TargetGroup.OVERGEWICHT): _("Mensen met overgewicht."),
    (GROUP, TargetGroup.EENZAAMHEID): _("Mensen die zich eenzaam voelen."),
    (GROUP, TargetGroup.CHRONISCH_ZIEK): _("Mensen met een of meer chronische aandoeningen."),
    (GROUP, TargetGroup.MANTELZORGERS): _("Mensen die zorgen voor een naaste (mantelzorg)."),
    (GROUP, TargetGroup.IEDEREEN): _("Iedereen: geen bijzondere doelgroep."),
    (REIMBURSED, ReimbursedBy.GEMEENTE): _("De gemeente vergoedt de kosten (deels)."),
    (REIMBURSED, ReimbursedBy.ZORGVERZEKERAAR): _(
        "De zorgverzekeraar vergoedt de kosten (deels), vaak uit de aanvullende verzekering."
    ),
}

CHOICES = {KIND: OfferKind, GROUP: TargetGroup, REIMBURSED: ReimbursedBy}


def terms() -> list[Term]:
    """Every term, parents first, in a fixed order (names and descriptions in the active
    language)."""
    found = []
    for group, (name, description) in GROUPS.items():
        found.append(Term(group, str(name), str(description)))
    for group, choices in CHOICES.items():
        for value, label in choices.choices:
            if (group, value) not in DESCRIPTIONS:
                continue  # "niet vergoed" is the absence of a term
            found.append(
                Term(f"{group}/{value}", str(label), str(DESCRIPTIONS[group, value]), group)
            )
    return found


def offer_codes(offer) -> list[str]:
    """The codes of an offer's terms: its kind, target groups and reimbursement."""
    codes = [f"{KIND}/{offer.kind}"]
    codes += [f"{GROUP}/{g}" for g in offer.target_groups if (GROUP, g) in DESCRIPTIONS]
    if (REIMBURSED, offer.reimbursed_by) in DESCRIPTIONS:
        codes.append(f"{REIMBURSED}/{offer.reimbursed_by}")
    return codes


def by_id() -> dict[str, str]:
    """Term id → code, for matching imported attributes and `taxonomy_term_id` filters."""
    return {term_id(term.code): term.code for term in terms()}
