"""Single offers of the active network: another network's offer is a 404, like a missing one."""

from django.shortcuts import get_object_or_404

from .models import Offer


def get_offer(network, offer_uuid) -> Offer:
    return get_object_or_404(
        Offer.objects.select_related("provider__organisation"), network=network, uuid=offer_uuid
    )
