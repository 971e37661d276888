"""Writing audit events. Call from services, inside their transaction."""

from django.db import transaction

from . import analysis
from .models import AuditEvent


def record(*, actor, action: str, summary: str, network=None, obj=None, data=None) -> AuditEvent:
    """Write one audit row; must run inside the caller's atomic block so both land or neither."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside transaction.atomic()")
    event = AuditEvent.objects.create(
        network=network,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        data=data or {},
        analysis_relevant=not analysis.is_ignored(action),
    )
    # The one place every change passes: mark the network's stored analyses stale.
    analysis.note_change(network, action)
    return event
