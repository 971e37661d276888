"""Statistics over answer distributions. Pure functions, no database: easy to check by hand."""

from dataclasses import dataclass, field
from math import sqrt

DISAGREEMENT_SD = 1.2  # population standard deviation on the 1–5 scale
MIN_GROUP = 3  # smallest group shown in a breakdown (privacy)


@dataclass
class Stats:
    """Counts per answer value 1–5 plus "weet niet"; derived figures as properties."""

    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    dont_know: int = 0
    # n, mean and sd once computed (a results page reads them thousands of times); cleared by
    # every change.
    _derived: tuple | None = field(default=None, repr=False, compare=False)

    def add(self, value: int | None, n: int = 1) -> None:
        self._derived = None
        if value is None:
            self.dont_know += n
        else:
            self.counts[value] += n

    def merge(self, other: "Stats") -> None:
        self._derived = None
        for value, n in other.counts.items():
            self.counts[value] += n
        self.dont_know += other.dont_know

    def _figures(self) -> tuple:
        if self._derived is None:
            n = sum(self.counts.values())
            if not n:
                self._derived = (0, None, None)
            else:
                mean = sum(value * k for value, k in self.counts.items()) / n
                sd = sqrt(sum(k * (value - mean) ** 2 for value, k in self.counts.items()) / n)
                self._derived = (n, mean, sd)
        return self._derived

    @property
    def n(self) -> int:
        """Answers on the scale; "weet niet" is not a score and is left out."""
        return self._figures()[0]

    @property
    def mean(self) -> float | None:
        return self._figures()[1]

    @property
    def sd(self) -> float | None:
        return self._figures()[2]

    @property
    def disagreement(self) -> bool:
        """Partners see this very differently: worth an open conversation (seed 002 §3.4)."""
        return self.n >= MIN_GROUP and self.sd is not None and self.sd >= DISAGREEMENT_SD

    def distribution(self) -> list[int]:
        return [self.counts[v] for v in range(1, 6)]

    def is_weak(self, threshold: float) -> bool:
        return self.mean is not None and self.mean < threshold
