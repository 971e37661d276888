from wijknet.core.models import AuditEvent


def recent_changes(network, limit: int = 8):
    return list(
        AuditEvent.objects.filter(network=network)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
