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

    def add(self, value: int | None, n: int = 1) -> None:
        if value is None:
            self.dont_know += n
        else:
            self.counts[value] += n

    def merge(self, other: "Stats") -> None:
        for value, n in other.counts.items():
            self.counts[value] += n
        self.dont_know += other.dont_know

    @property
    def n(self) -> int:
        """Answers on the scale; "weet niet" is not a score and is left out."""
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        if not self.n:
            return None
        return sum(value * n for value, n in self.counts.items()) / self.n

    @property
    def sd(self) -> float | None:
        if not self.n:
            return None
        mean = self.mean
        return sqrt(sum(n * (value - mean) ** 2 for value, n in self.counts.items()) / self.n)

    @property
    def disagreement(self) -> bool:
        """Partners see this very differently: worth an open conversation (seed 002 §3.4)."""
        return self.n >= MIN_GROUP and self.sd is not None and self.sd >= DISAGREEMENT_SD

    def distribution(self) -> list[int]:
        return [self.counts[v] for v in range(1, 6)]

    def is_weak(self, threshold: float) -> bool:
        return self.mean is not None and self.mean < threshold
