"""Single objects of the active network: "missing" and "not yours" are the same 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import queries
from .models import Agreement, FundingSource


def get_agreement(network, agreement_uuid) -> Agreement:
    """One version with its terms and endorsements prefetched."""
    agreement = queries.agreement_with_details(
        Agreement.objects.filter(network=network, uuid=agreement_uuid)
    )
    if agreement is None:
        raise Http404
    return agreement


def get_agreement_plain(network, agreement_uuid) -> Agreement:
    return get_object_or_404(Agreement, network=network, uuid=agreement_uuid)


def get_funding_source(network, funding_uuid) -> FundingSource:
    return get_object_or_404(FundingSource, network=network, uuid=funding_uuid)
