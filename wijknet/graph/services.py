from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijknet.core import audit

from .models import DesiredRelation


@transaction.atomic
def desired_relation_add(*, acting_user, network, partner_a, partner_b, note: str = ""):
    if partner_a.pk == partner_b.pk:
        raise ValidationError(_("Kies twee verschillende partners."))
    if partner_a.network_id != network.pk or partner_b.network_id != network.pk:
        raise ValidationError(_("Deze partner hoort niet bij dit netwerk."))
    a, b = sorted([partner_a, partner_b], key=lambda p: p.pk)
    if DesiredRelation.objects.filter(network=network, partner_a=a, partner_b=b).exists():
        raise ValidationError(_("Deze gewenste relatie staat er al."))
    relation = DesiredRelation.objects.create(
        network=network, partner_a=a, partner_b=b, note=note, created_by=acting_user
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="graph.desired_added",
        obj=relation,
        summary=_("Gewenste relatie %(a)s – %(b)s toegevoegd")
        % {"a": a.organisation.name, "b": b.organisation.name},
    )
    return relation


@transaction.atomic
def desired_relation_delete(*, acting_user, relation):
    audit.record(
        actor=acting_user,
        network=relation.network,
        action="graph.desired_deleted",
        obj=relation,
        summary=_("Gewenste relatie verwijderd"),
    )
    relation.delete()
