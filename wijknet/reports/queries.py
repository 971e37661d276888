"""Reads of the reports pages."""

from .access import visible_reports
from .models import PENDING


def reports_list(network, membership):
    """The reports this member may read, newest first, without their stored HTML."""
    return visible_reports(network, membership).select_related("requested_by").defer("html")


def any_pending(network, membership) -> bool:
    return visible_reports(network, membership).filter(status__in=PENDING).exists()
