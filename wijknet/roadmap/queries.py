"""Reads for the step plan: per-phase overview, progress figures and the next sensible step."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from wijknet.core.charts import percent

from .models import Phase, Step, StepProgress, StepStatus


@dataclass
class StepRow:
    step: Step
    progress: StepProgress | None

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else StepStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return StepStatus(self.status).label


@dataclass
class PhaseRow:
    phase: Phase
    steps: list[StepRow] = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return sum(1 for row in self.steps if row.status != StepStatus.NOT_APPLICABLE)

    @property
    def done(self) -> int:
        return sum(1 for row in self.steps if row.status == StepStatus.DONE)

    @property
    def in_progress(self) -> int:
        return sum(1 for row in self.steps if row.status == StepStatus.IN_PROGRESS)

    @property
    def percent_done(self) -> int:
        return percent(self.done, self.applicable)


def progress_by_step(network) -> dict[int, StepProgress]:
    return {
        p.step_id: p
        for p in StepProgress.objects.filter(network=network)
        .select_related("updated_by")
        .order_by("pk")
    }


def phase_overview(network, *, questions: bool = True) -> list[PhaseRow]:
    """Every phase with its current steps and this network's status on each (4 queries; 3
    without the phases' questions, which only the step plan shows)."""
    prefetch = [Prefetch("steps", queryset=Step.objects.filter(retired=False).order_by("order"))]
    if questions:
        prefetch.append(Prefetch("questions"))
    phases = Phase.objects.order_by("order").prefetch_related(*prefetch)
    progress = progress_by_step(network)
    return [
        PhaseRow(
            phase=phase, steps=[StepRow(step, progress.get(step.pk)) for step in phase.steps.all()]
        )
        for phase in phases
    ]


def next_step(network, overview: list[PhaseRow] | None = None) -> StepRow | None:
    """The next sensible step: work already started in the network's current phase first,
    then the first open step of that phase, then the first open step of any phase."""
    overview = overview if overview is not None else phase_overview(network)
    open_statuses = {StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS}
    current = [row for row in overview if row.phase.key == network.phase]
    for rows in (current, overview):
        steps = [s for phase_row in rows for s in phase_row.steps if s.status in open_statuses]
        started = [s for s in steps if s.status == StepStatus.IN_PROGRESS]
        if started:
            return started[0]
        if steps:
            return steps[0]
    return None


def get_step(key: str) -> Step:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Step.objects.select_related("phase"), key=key, retired=False)
