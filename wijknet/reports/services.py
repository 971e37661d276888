"""Writes of the reports: asking for one, making it (the task worker), deleting one."""

import logging
import time
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from wijknet.core import audit, formatting

from . import access
from .models import PENDING, Report, Status, Variant
from .render import build_report
from .sections import ReportInput

logger = logging.getLogger(__name__)

PERIOD_DAYS = 365
# A report still unfinished this long after it was asked for (a worker that died) no longer
# keeps a new one of its variant from being asked for.
GIVE_UP_AFTER = timedelta(hours=1)


@transaction.atomic
def report_request(*, acting_user, network, membership, variant: str) -> Report:
    """Ask for a new report of `variant` over the past year; the task worker makes it. One
    report of a variant is made at a time (unless the earlier one is stuck: GIVE_UP_AFTER)."""
    if not access.can_make_reports(membership):
        raise PermissionDenied
    if variant not in Variant.values:
        raise ValidationError(_("Kies een soort rapportage."))
    waiting = Report.objects.filter(
        network=network,
        variant=variant,
        status__in=PENDING,
        requested_at__gte=timezone.now() - GIVE_UP_AFTER,
    )
    if waiting.exists():
        raise ValidationError(
            _("Er wordt al een rapportage van deze soort gemaakt; wacht tot die klaar is.")
        )
    today = timezone.localdate()
    report = Report.objects.create(
        network=network,
        variant=variant,
        period_start=today - timedelta(days=PERIOD_DAYS - 1),
        period_end=today,
        language=translation.get_language() or "nl",
        requested_by=acting_user,
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="report.requested",
        obj=report,
        summary=_("Rapportage (%(variant)s) aangevraagd")
        % {"variant": report.get_variant_display()},
    )
    from .tasks import generate_report

    transaction.on_commit(lambda: generate_report.enqueue(report_id=report.pk))
    return report


@transaction.atomic
def report_delete(*, acting_user, network, membership, report: Report) -> None:
    """Delete a report and its file (the file once the deletion is committed)."""
    if not access.can_make_reports(membership) or report.network_id != network.pk:
        raise PermissionDenied
    if report.pending:
        raise ValidationError(
            _("Deze rapportage wordt nog gemaakt; verwijder haar als ze klaar is.")
        )
    audit.record(
        actor=acting_user,
        network=network,
        action="report.deleted",
        obj=report,
        summary=_("Rapportage (%(variant)s) van %(day)s verwijderd")
        % {"variant": report.get_variant_display(), "day": formatting.day(report.period_end)},
    )
    file = report.file
    report.delete()
    if file:
        storage, name = file.storage, file.name
        transaction.on_commit(lambda: storage.delete(name))


def _progress(report_id: int):
    def tell(percent: int, stage: str) -> None:
        Report.objects.filter(pk=report_id).update(progress=percent, stage=stage[:40])

    return tell


def report_generate(report_id: int) -> str:
    """Make the report (called by the task): build every section, render the HTML and the PDF,
    store the file. Progress is written as it goes, so the page can show it. A failure is
    stored on the report (and logged), never half a file. Returns the final status."""
    with scopes_disabled():
        report = Report.objects.select_related("network").filter(pk=report_id).first()
    if report is None or report.status not in PENDING:
        return report.status if report else "missing"
    network = report.network
    began = time.perf_counter()
    with scope(network=network), translation.override(report.language):
        Report.objects.filter(pk=report.pk).update(
            status=Status.RUNNING, started_at=timezone.now(), progress=0
        )
        given = ReportInput(
            network=network,
            variant=report.variant,
            period_start=report.period_start,
            period_end=report.period_end,
        )
        try:
            body, pdf = build_report(given, _progress(report.pk))
        except Exception as error:  # noqa: BLE001 - any failure is the report's, not the worker's
            logger.exception("report %s failed", report.uuid)
            Report.objects.filter(pk=report.pk).update(
                status=Status.FAILED,
                finished_at=timezone.now(),
                error=f"{type(error).__name__}: {error}"[:300],
            )
            return Status.FAILED
        report.file.save(f"{report.uuid}.pdf", ContentFile(pdf), save=False)
        updated = Report.objects.filter(pk=report.pk).update(
            status=Status.DONE,
            progress=100,
            stage="",
            file=report.file.name,
            size=len(pdf),
            html=body,
            finished_at=timezone.now(),
            seconds=round(time.perf_counter() - began, 2),
        )
        if not updated:  # deleted while it was being made
            report.file.storage.delete(report.file.name)
            return "missing"
    return Status.DONE
