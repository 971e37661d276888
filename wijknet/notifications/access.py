from django.shortcuts import get_object_or_404

from .models import Notification


def get_own_notification(network, user, notification_uuid) -> Notification:
    """Someone else's notification is as missing as a non-existent one."""
    return get_object_or_404(Notification, network=network, recipient=user, uuid=notification_uuid)
