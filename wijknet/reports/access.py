"""Who may see and make network reports.

The full report names partners, endorsers and who handled a health signal; the funder variant
holds aggregates only. Coordinators and the core group make and read both; a funder (role
"viewer") reads only the funder variant — a full report is a 404 to them, like a missing one.
"""

from django.shortcuts import get_object_or_404

from wijknet.networks import roles

from .models import Report, Variant


def report_variants(membership) -> tuple[str, ...]:
    """The report variants this member may read: both for whoever may make reports, the
    funder variant for whoever may only read them, none otherwise."""
    if membership.can(roles.MAKE_REPORTS):
        return (Variant.FULL, Variant.FUNDER)
    if membership.can(roles.VIEW_REPORTS):
        return (Variant.FUNDER,)
    return ()


def can_make_reports(membership) -> bool:
    """May ask for a new report (either variant) and delete old ones."""
    return membership.can(roles.MAKE_REPORTS)


def visible_reports(network, membership):
    """The network's reports this member may read (by variant), newest first."""
    return Report.objects.filter(network=network, variant__in=report_variants(membership)).order_by(
        "-requested_at", "-pk"
    )


def get_report(network, membership, report_uuid) -> Report:
    """One report this member may read; another network's, or a variant they may not read,
    is the same 404 as a missing one."""
    return get_object_or_404(visible_reports(network, membership), uuid=report_uuid)
