"""The reports' pages in the authorization matrix (wijknet/tests/test_authorization_matrix.py).

The object URLs use a finished *funder* report, which the funder (role "viewer") may read; a
full report is a 404 to them (wijknet/reports/tests/test_reports.py)."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scope

from tests.support.authz import EDITORS, REDIRECT, Case, members_only
from wijknet.reports.models import Report, Status, Variant

READERS = {"coordinator", "core", "viewer"}

MATRIX = {
    "reports:list": Case(members_only(READERS), kwargs=("network_slug",)),
    "reports:request": Case(
        {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=("network_slug",),
        method="post",
        data={"variant": Variant.FUNDER},
    ),
    "reports:detail": Case(
        members_only(READERS), kwargs=("network_slug", "report_uuid"), foreign=True
    ),
    "reports:status": Case(
        members_only(READERS), kwargs=("network_slug", "report_uuid"), foreign=True
    ),
    "reports:download": Case(
        members_only(READERS), kwargs=("network_slug", "report_uuid"), foreign=True
    ),
    "reports:delete": Case(
        members_only(EDITORS), kwargs=("network_slug", "report_uuid"), foreign=True
    ),
}


def finished_report(network, variant=Variant.FUNDER) -> Report:
    """A finished report with a (tiny) file, without running the worker."""
    today = timezone.localdate()
    with scope(network=network):
        report = Report(
            network=network,
            variant=variant,
            period_start=today,
            period_end=today,
            status=Status.DONE,
            progress=100,
            finished_at=timezone.now(),
            html="<h1>Rapportage</h1>",
        )
        report.file.save("r.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
        report.size = report.file.size
        report.save()
    return report


def world(network, other_network, coordinator):
    return {"report_uuid": (finished_report(network).uuid, finished_report(other_network).uuid)}
