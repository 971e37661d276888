"""Writes for the collaboration agreement and the network's funding.

Every function takes the acting user, runs in one transaction and writes its audit event in
that same transaction.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import ConcurrentEditError, save_versioned
from wijknet.core.writes import check_fields
from wijknet.networks.models import Network, Partner

from . import fields as declared
from .models import (
    Agreement,
    Endorsement,
    EndorsementLevel,
    FundingKind,
    FundingSource,
    PartnerTerms,
)


@dataclass(frozen=True)
class Terms:
    """One partner's part in a new version: roles, tasks, hours per month, money per year."""

    partner: Partner
    roles: str = ""
    tasks: str = ""
    hours: int = 0
    money: Decimal = Decimal(0)


def _check_partner(network: Network, partner: Partner, field: str | None = "partner") -> None:
    message = None
    if partner.network_id != network.pk:
        message = _("Deze partner hoort niet bij dit netwerk.")
    elif partner.left_on is not None:
        message = _("%(name)s is geen actieve partner meer.") % {"name": partner}
    if message:
        raise ValidationError({field: message} if field else message)


# Agreement ---------------------------------------------------------------------------------


def _same_as(previous: Agreement, purpose: str, out_of_scope: str, rows) -> bool:
    """Whether a new version would say exactly what `previous` says (notes aside)."""
    if previous.purpose != purpose.strip() or previous.out_of_scope != out_of_scope.strip():
        return False

    def key(partner_id, roles, tasks, hours, money):
        return (
            partner_id,
            (roles or "").strip(),
            (tasks or "").strip(),
            int(hours or 0),
            Decimal(str(money or 0)),
        )

    before = {
        key(t.partner_id, t.roles, t.tasks, t.hours_per_month, t.money)
        for t in previous.terms.all()
    }
    after = {key(r.partner.pk, r.roles, r.tasks, r.hours, r.money) for r in rows}
    return before == after


@transaction.atomic
def agreement_new_version(
    *,
    acting_user,
    network: Network,
    purpose: str,
    out_of_scope: str,
    notes: str = "",
    terms,
    expected_version: int | None = None,
) -> Agreement:
    """Record version n+1 of the agreement. Earlier versions stay as they are.

    Nothing is copied implicitly: `terms` is the whole of the new version, one entry per
    partner as (partner, roles, tasks, hours per month, money per year) or `Terms`. When
    `expected_version` is given (the version the editor started from; 0 for none), a version
    saved by someone else in the meantime makes this fail instead of silently replacing it.
    """
    # Serialise version numbering per network (a no-op on SQLite, where writes are serial).
    Network.objects.select_for_update().filter(pk=network.pk).first()
    current = Agreement.objects.filter(network=network).aggregate(n=Max("version"))["n"] or 0
    if expected_version is not None and expected_version != current:
        raise ConcurrentEditError()
    rows = [t if isinstance(t, Terms) else Terms(*t) for t in terms]
    seen = set()
    for row in rows:
        _check_partner(network, row.partner, field=None)
        if row.partner.pk in seen:
            raise ValidationError(
                _("%(name)s staat twee keer in de afspraken.") % {"name": row.partner}
            )
        seen.add(row.partner.pk)
        if (row.hours or 0) < 0 or (row.money or 0) < 0:
            raise ValidationError(
                _("Uren en geld van %(name)s kunnen niet negatief zijn.") % {"name": row.partner}
            )
    if current and _same_as(
        Agreement.objects.get(network=network, version=current), purpose, out_of_scope, rows
    ):
        raise ValidationError(
            _(
                "Deze versie is gelijk aan versie %(n)s: er is niets gewijzigd aan het doel, wat "
                "buiten de samenwerking valt of de afspraken per partner. Er is geen nieuwe "
                "versie gemaakt; de onderschrijvingen van versie %(n)s blijven gelden."
            )
            % {"n": current}
        )
    agreement = Agreement.objects.create(
        network=network,
        version=current + 1,
        purpose=purpose.strip(),
        out_of_scope=out_of_scope.strip(),
        notes=notes.strip(),
        created_by=acting_user,
    )
    PartnerTerms.objects.bulk_create(
        PartnerTerms(
            network=network,
            agreement=agreement,
            partner=row.partner,
            roles=(row.roles or "").strip(),
            tasks=(row.tasks or "").strip(),
            hours_per_month=row.hours or 0,
            money=row.money or 0,
        )
        for row in rows
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="agreement.version_created",
        obj=agreement,
        summary=_("Versie %(n)s van de samenwerkingsafspraken vastgelegd")
        % {"n": agreement.version},
        data={"version": agreement.version, "partners": len(rows)},
    )
    return agreement


@transaction.atomic
def endorsement_add(
    *, acting_user, agreement: Agreement, partner: Partner, level: str, name: str, endorsed_on
) -> Endorsement:
    """Record that someone of a partner endorsed the current version at a level."""
    network = agreement.network
    latest = Agreement.objects.filter(network=network).aggregate(n=Max("version"))["n"]
    if agreement.version != latest:
        raise ValidationError(
            _("Alleen de huidige versie van de afspraken kan worden onderschreven.")
        )
    _check_partner(network, partner)
    if level not in EndorsementLevel.values:
        raise ValidationError({"level": _("Onbekend niveau.")})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Vul de naam in van wie onderschrijft.")})
    if endorsed_on is None:
        raise ValidationError({"endorsed_on": _("Vul de datum in.")})
    if endorsed_on > timezone.localdate():
        raise ValidationError({"endorsed_on": _("De datum ligt in de toekomst.")})
    endorsement = Endorsement.objects.create(
        network=network,
        agreement=agreement,
        partner=partner,
        level=level,
        name=name,
        endorsed_on=endorsed_on,
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="agreement.endorsed",
        obj=endorsement,
        summary=_("%(name)s (%(partner)s) onderschreef versie %(n)s als %(level)s")
        % {
            "name": name,
            "partner": partner,
            "n": agreement.version,
            "level": endorsement.get_level_display(),
        },
    )
    return endorsement


# Funding -----------------------------------------------------------------------------------

FUNDING_FIELDS = names(declared.FUNDING_FIELDS)  # declared once in fields.py


def _validate_funding(source: FundingSource) -> None:
    errors = {}
    if not source.name.strip():
        errors["name"] = _("Vul een naam in.")
    if source.kind not in FundingKind.values:
        errors["kind"] = _("Onbekende soort financiering.")
    if source.amount is None or source.amount < 0:
        errors["amount"] = _("Het bedrag kan niet negatief zijn.")
    if source.starts_on and source.ends_on and source.ends_on < source.starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de startdatum.")
    elif not source.structural and source.ends_on is None:
        errors["ends_on"] = _(
            "Tijdelijke financiering heeft een einddatum. Vul die in, of kies structureel."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def funding_create(*, acting_user, network: Network, **fields) -> FundingSource:
    check_fields(fields, FUNDING_FIELDS, "funding")
    source = FundingSource(network=network, **fields)
    source.name = (source.name or "").strip()
    _validate_funding(source)
    source.save()
    audit.record(
        actor=acting_user,
        network=network,
        action="funding.created",
        obj=source,
        summary=_("Financieringsbron %(name)s toegevoegd") % {"name": source.name},
    )
    return source


@transaction.atomic
def funding_update(
    *, acting_user, source: FundingSource, expected_version: int, **fields
) -> FundingSource:
    check_fields(fields, FUNDING_FIELDS, "funding")
    for name, value in fields.items():
        setattr(source, name, value)
    source.name = (source.name or "").strip()
    _validate_funding(source)
    save_versioned(source, expected_version=expected_version, fields=list(fields))
    audit.record(
        actor=acting_user,
        network=source.network,
        action="funding.updated",
        obj=source,
        summary=_("Financieringsbron %(name)s bijgewerkt") % {"name": source.name},
        data={"fields": sorted(fields)},
    )
    return source


@transaction.atomic
def funding_delete(*, acting_user, source: FundingSource) -> None:
    network, name, pk = source.network, source.name, source.pk
    source.delete()
    source.pk = pk  # so the audit event still names the row
    audit.record(
        actor=acting_user,
        network=network,
        action="funding.deleted",
        obj=source,
        summary=_("Financieringsbron %(name)s verwijderd") % {"name": name},
    )
