"""The answering flow of a scan: the round's statements split into screens, one perspective
(indicator group) per screen, plus what the respondent has answered so far.

Pure functions over items and answers, and the one read of a respondent's own answers. Kept apart
from `queries.py` (the results): nothing here reads anybody else's answers.
"""

from dataclasses import dataclass, field
from math import ceil

from django.utils.translation import gettext as _

from .models import ScanAnswer

# An honest estimate: reading a statement and choosing takes about ten seconds.
SECONDS_PER_STATEMENT = 10


@dataclass
class Screen:
    """One screen of the scan: a perspective of an instrument, or the network's own items."""

    number: int  # 1-based
    instrument: object | None  # None: the network's own statements
    group: object | None
    items: list = field(default_factory=list)
    only_part: bool = False  # the instrument's only perspective: the screen carries its name

    @property
    def key(self):
        return (self.instrument.pk if self.instrument else None, self.group_pk)

    @property
    def group_pk(self):
        return self.group.pk if self.group else None

    @property
    def title(self) -> str:
        if self.instrument is None:
            return _("Eigen stellingen van het netwerk")
        if self.only_part or self.group is None:
            return self.instrument.name
        return self.group.name


@dataclass
class Progress:
    """Where a respondent is: answers per screen, open statements, and the screen to resume."""

    screens: list[Screen]
    answers: dict[int, int | None]  # item id → value (None: "weet niet")

    @property
    def total(self) -> int:
        return sum(len(s.items) for s in self.screens)

    @property
    def answered(self) -> int:
        return sum(1 for s in self.screens for item in s.items if item.pk in self.answers)

    @property
    def open_count(self) -> int:
        return self.total - self.answered

    def open_items(self, screen: Screen) -> list:
        return [item for item in screen.items if item.pk not in self.answers]

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    @property
    def resume_at(self) -> Screen | None:
        """The first screen with an open statement (None when everything is answered)."""
        return next((s for s in self.screens if self.open_items(s)), None)


def screens_of(items) -> list[Screen]:
    """Split the round's items (in `round_items` order, with `instrument` and `indicator__group`
    selected) into screens: one per perspective of each instrument, the own items last."""
    screens: list[Screen] = []
    for item in items:
        group = item.indicator.group if item.indicator_id else None
        instrument = item.instrument if item.instrument_id else None
        key = (instrument.pk if instrument else None, group.pk if group else None)
        if not screens or screens[-1].key != key:
            screens.append(Screen(len(screens) + 1, instrument, group))
        screens[-1].items.append(item)
    per_instrument: dict = {}
    for screen in screens:
        per_instrument.setdefault(screen.key[0], []).append(screen)
    for instrument_pk, parts in per_instrument.items():
        if instrument_pk is not None and len(parts) == 1:
            parts[0].only_part = True
    return screens


def estimate_minutes(statements: int) -> int:
    """Minutes to fill in a scan of this many statements, rounded up; at least one."""
    return max(1, ceil(statements * SECONDS_PER_STATEMENT / 60))


def own_answers(invitation) -> dict[int, int | None]:
    """Item id → value of the answers given through this invitation (halfway or submitted)."""
    return dict(
        ScanAnswer.objects.filter(response__invitation=invitation)
        .order_by()
        .values_list("item_id", "value")
    )
