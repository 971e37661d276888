"""Reads for the agreement and funding, with their prefetching written out.

`agreement_coverage`, `endorsement_levels` and `funding_outlook` are what the health monitor
reads; they return plain data and take a fixed number of queries.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from wijknet.networks.models import Partner

from .models import (
    Agreement,
    Endorsement,
    EndorsementLevel,
    FundingKind,
    FundingSource,
    PartnerTerms,
)

OUTLOOK_MONTHS = 6

# What a partner's terms can lack (stable codes for the health monitor; labels in the view).
MISSING_TERMS = "no_terms"
MISSING_ROLES = "roles"
MISSING_TASKS = "tasks"
MISSING_TIME_OR_MONEY = "time_or_money"


def _terms_prefetch():
    return Prefetch(
        "terms",
        queryset=PartnerTerms.objects.select_related("partner__organisation").order_by(
            "partner__organisation__name", "pk"
        ),
    )


def _endorsements_prefetch():
    return Prefetch(
        "endorsements",
        queryset=Endorsement.objects.select_related("partner__organisation").order_by(
            "endorsed_on", "pk"
        ),
    )


def current_agreement(network) -> Agreement | None:
    """The newest version with its terms and endorsements (3 queries), or None."""
    return (
        Agreement.objects.filter(network=network)
        .select_related("created_by")
        .prefetch_related(_terms_prefetch(), _endorsements_prefetch())
        .order_by("-version")
        .first()
    )


def agreement_with_details(agreement_qs) -> Agreement | None:
    return (
        agreement_qs.select_related("created_by")
        .prefetch_related(_terms_prefetch(), _endorsements_prefetch())
        .first()
    )


def agreement_versions(network):
    """All versions, newest first, with how many partners and endorsements each has."""
    return (
        Agreement.objects.filter(network=network)
        .select_related("created_by")
        .annotate(
            n_terms=Count("terms", distinct=True),
            n_endorsements=Count("endorsements", distinct=True),
        )
        .order_by("-version")
    )


def endorsements_by_level(agreement: Agreement | None) -> list[tuple[str, str, list[Endorsement]]]:
    """(level, label, endorsements) for every level, in order strategic → operational.

    Uses the prefetched endorsements of `agreement` (no queries).
    """
    found = list(agreement.endorsements.all()) if agreement else []
    return [
        (value, str(label), [e for e in found if e.level == value])
        for value, label in EndorsementLevel.choices
    ]


# Coverage ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerCoverage:
    partner: Partner
    terms: PartnerTerms | None
    missing: tuple[str, ...]

    @property
    def agreed(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Coverage:
    agreement: Agreement | None
    partners: list[PartnerCoverage]

    @property
    def covered(self) -> list[PartnerCoverage]:
        return [p for p in self.partners if p.agreed]

    @property
    def uncovered(self) -> list[PartnerCoverage]:
        return [p for p in self.partners if not p.agreed]

    @property
    def complete(self) -> bool:
        """There is an agreement and every active partner has roles, tasks and time or money."""
        return self.agreement is not None and not self.uncovered


def _missing(terms: PartnerTerms | None) -> tuple[str, ...]:
    if terms is None:
        return (MISSING_TERMS,)
    missing = []
    if not terms.roles.strip():
        missing.append(MISSING_ROLES)
    if not terms.tasks.strip():
        missing.append(MISSING_TASKS)
    if not terms.hours_per_month and not terms.money:
        missing.append(MISSING_TIME_OR_MONEY)
    return tuple(missing)


_LOAD = object()


def agreement_coverage(network, *, agreement=_LOAD) -> Coverage:
    """Which active partners have roles, tasks and time or money agreed in the current version.

    A partner counts as agreed when its terms name roles *and* tasks *and* hours or money.
    Pass the already loaded current `agreement` (with prefetched terms) to save its queries;
    otherwise this takes three queries.
    """
    if agreement is _LOAD:
        agreement = (
            Agreement.objects.filter(network=network)
            .prefetch_related(Prefetch("terms", queryset=PartnerTerms.objects.all()))
            .order_by("-version")
            .first()
        )
    terms = {t.partner_id: t for t in agreement.terms.all()} if agreement else {}
    active = (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    return Coverage(
        agreement=agreement,
        partners=[
            PartnerCoverage(partner=p, terms=terms.get(p.pk), missing=_missing(terms.get(p.pk)))
            for p in active
        ],
    )


def uncovered_partners(network, agreement: Agreement | None):
    """The active partners that `agreement_coverage` counts as uncovered, as a queryset by name
    (so a page can show a few and count the rest in the database)."""
    active = (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    if agreement is None:
        return active
    agreed = PartnerTerms.objects.filter(
        Q(hours_per_month__gt=0) | Q(money__gt=0),
        agreement=agreement,
        roles__regex=r"\S",
        tasks__regex=r"\S",
    )
    return active.exclude(pk__in=agreed.values("partner_id"))


def missing_for(agreement: Agreement | None, partner: Partner) -> tuple[str, ...]:
    """What is not yet agreed with `partner` (uses the prefetched terms of `agreement`)."""
    terms = {t.partner_id: t for t in agreement.terms.all()} if agreement else {}
    return _missing(terms.get(partner.pk))


def endorsement_levels(network) -> set[str]:
    """The levels (EndorsementLevel values) at which the current version is endorsed."""
    latest = Agreement.objects.filter(network=network).order_by("-version").values("pk")[:1]
    return set(
        Endorsement.objects.filter(network=network, agreement=latest)
        .values_list("level", flat=True)
        .distinct()
    )


# Funding -----------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class FundingOutlook:
    today: date
    horizon: date
    sources: list[FundingSource]  # every source that has not ended, in model order
    structural: list[FundingSource]
    temporary: list[FundingSource]
    ending_soon: list[FundingSource]  # temporary, ending between today and the horizon
    totals_per_kind: list[tuple[str, str, Decimal]] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((s.amount for s in self.sources), Decimal(0))

    @property
    def at_risk(self) -> bool:
        """Temporary funding ends within the horizon and nothing structural carries on."""
        return bool(self.ending_soon) and not self.structural


def funding_sources(network):
    return FundingSource.objects.filter(network=network).order_by(
        "structural", "ends_on", "name", "pk"
    )


def funding_outlook(network, today: date) -> FundingOutlook:
    """Current and future funding (ended sources left out), in one query.

    `ending_soon` holds temporary sources ending within six months of `today`;
    `totals_per_kind` is (kind, label, amount) for every kind present, largest first.
    """
    horizon = add_months(today, OUTLOOK_MONTHS)
    sources = list(funding_sources(network).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)))
    structural = [s for s in sources if s.structural]
    temporary = [s for s in sources if not s.structural]
    ending_soon = [s for s in temporary if s.ends_on is not None and s.ends_on <= horizon]
    totals: dict[str, Decimal] = {}
    for source in sources:
        totals[source.kind] = totals.get(source.kind, Decimal(0)) + source.amount
    labels = dict(FundingKind.choices)
    per_kind = sorted(
        ((kind, str(labels.get(kind, kind)), amount) for kind, amount in totals.items()),
        key=lambda row: (-row[2], row[1]),
    )
    return FundingOutlook(
        today=today,
        horizon=horizon,
        sources=sources,
        structural=structural,
        temporary=temporary,
        ending_soon=sorted(ending_soon, key=lambda s: (s.ends_on, s.name)),
        totals_per_kind=per_kind,
    )


def current_funding(network, today: date):
    """Sources that have not ended (running or future), in model order: the page's table."""
    return funding_sources(network).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


@dataclass(frozen=True)
class FundingSummary:
    """The figures of `funding_outlook` as aggregates (one query, any number of sources), for
    a page that shows the sources themselves as a bounded list."""

    today: date
    horizon: date
    count: int
    total: Decimal
    structural: int
    ending_soon: int  # temporary sources ending between today and the horizon
    totals_per_kind: list[tuple[str, str, Decimal]]

    @property
    def at_risk(self) -> bool:
        return bool(self.ending_soon) and not self.structural

    def ends_soon(self, source: FundingSource) -> bool:
        return (
            not source.structural
            and source.ends_on is not None
            and self.today <= source.ends_on <= self.horizon
        )


def funding_summary(network, today: date) -> FundingSummary:
    horizon = add_months(today, OUTLOOK_MONTHS)
    soon = Q(structural=False, ends_on__isnull=False, ends_on__lte=horizon)
    rows = (
        current_funding(network, today)
        .order_by()
        .values("kind")
        .annotate(
            amount=Sum("amount"),
            n=Count("pk"),
            structural_n=Count("pk", filter=Q(structural=True)),
            soon_n=Count("pk", filter=soon),
        )
    )
    labels = dict(FundingKind.choices)
    rows = list(rows)
    per_kind = sorted(
        ((r["kind"], str(labels.get(r["kind"], r["kind"])), r["amount"]) for r in rows),
        key=lambda row: (-row[2], row[1]),
    )
    return FundingSummary(
        today=today,
        horizon=horizon,
        count=sum(r["n"] for r in rows),
        total=sum((r["amount"] for r in rows), Decimal(0)),
        structural=sum(r["structural_n"] for r in rows),
        ending_soon=sum(r["soon_n"] for r in rows),
        totals_per_kind=per_kind,
    )


def ended_funding(network, today: date):
    return funding_sources(network).filter(ends_on__lt=today).order_by("-ends_on", "name", "pk")
