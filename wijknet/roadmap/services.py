"""Writes for the step plan."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.locking import ConcurrentEditError, save_versioned

from .models import StepProgress, StepStatus


@transaction.atomic
def step_progress_update(
    *,
    acting_user,
    network,
    step,
    status: str,
    note: str = "",
    evidence_url: str = "",
    expected_version: int | None = None,
):
    """Record a network's status, note and evidence on a step.

    `expected_version` is the version the editor saw (None when there was no row yet); a
    concurrent change by someone else is refused rather than silently overwritten.
    """
    if status not in StepStatus.values:
        raise ValueError(f"unknown status {status!r}")
    progress = StepProgress.objects.filter(network=network, step=step).first()
    if progress is None:
        if expected_version not in (None, 0):
            raise ConcurrentEditError()
        try:
            with transaction.atomic():  # a savepoint: the first record may be racing another
                progress = StepProgress.objects.create(
                    network=network,
                    step=step,
                    status=status,
                    note=note,
                    evidence_url=evidence_url,
                    updated_by=acting_user,
                )
        except IntegrityError:  # one_progress_per_step: somebody else recorded it first
            raise ConcurrentEditError() from None
    else:
        if expected_version is None:
            raise ConcurrentEditError()
        progress.status, progress.note, progress.evidence_url = status, note, evidence_url
        progress.updated_by = acting_user
        save_versioned(
            progress,
            expected_version=expected_version,
            fields=["status", "note", "evidence_url", "updated_by"],
        )
    audit.record(
        actor=acting_user,
        network=network,
        action="roadmap.step_updated",
        obj=progress,
        summary=_("Stap '%(step)s': %(status)s")
        % {"step": step.title, "status": StepStatus(status).label},
        data={"step": step.key, "status": status},
    )
    return progress
