"""Test helpers for concurrent writers: many people saving one thing at once.

`stale_writers` runs N saves that all start from the same loaded version, one after the other
in one test (works on SQLite and PostgreSQL): it proves the version check, and counts every
outcome. `racing_threads` runs N callables in real threads, released together by a barrier,
each on its own database connection; use it with `pytest.mark.django_db(transaction=True)` and
`postgres_only`, since SQLite serialises writers and locks the test database file.
"""

import threading
from dataclasses import dataclass, field

import pytest
from django.db import connection, connections
from django_scopes import scope

from wijknet.core.locking import ConcurrentEditError

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
)


@dataclass
class Outcomes:
    landed: list = field(default_factory=list)  # the values that were saved
    refused: list = field(default_factory=list)  # the values refused as stale
    errors: list = field(default_factory=list)  # anything else (should stay empty)

    @property
    def total(self) -> int:
        return len(self.landed) + len(self.refused) + len(self.errors)

    @property
    def counts(self) -> tuple[int, int, int]:
        """(landed, refused as stale, anything else)."""
        return len(self.landed), len(self.refused), len(self.errors)


EDITORS = 16


def stale_editors(load, save, *, editors: int = EDITORS) -> Outcomes:
    """`editors` people open the same edit form (all `load()` before anyone saves), then each
    saves their own value n with `save(copy, n)`, sequentially. Assert afterwards that
    `counts == (1, editors - 1, 0)` and that the stored value is `landed[0]`: then no change
    was lost silently (every save either landed or was refused, and the one that landed is what
    is stored)."""
    copies = [load() for _ in range(editors)]
    return stale_writers(lambda n: save(copies[n], n), list(range(editors)))


def one_edit_lands(network, model, pk, update, *, field: str, value, select_related=()):
    """The common case of `stale_editors`: EDITORS people load row `pk` of `model` (inside the
    network's scope, with `select_related`) and each saves `update(copy, value(n))`. Asserts
    that exactly one landed, the others were refused as stale, and the stored `field` is the
    value that landed; returns the stored row."""
    with scope(network=network):
        rows = model.objects.select_related(*select_related) if select_related else model.objects
        outcomes = stale_editors(
            load=lambda: rows.get(pk=pk), save=lambda copy, n: update(copy, value(n))
        )
        stored = model.objects.get(pk=pk)
    assert outcomes.counts == (1, EDITORS - 1, 0), outcomes.errors[:1]
    assert getattr(stored, field) == value(outcomes.landed[0])
    return stored


def stale_writers(save, values, *, refused=(ConcurrentEditError,)) -> Outcomes:
    """Call `save(value)` for each value; every call must start from the same loaded version.

    `save` loads the object afresh or reuses a snapshot taken before the first call; what
    matters is that it passes the version read *before* anyone saved.
    """
    outcomes = Outcomes()
    for value in values:
        try:
            save(value)
        except refused:
            outcomes.refused.append(value)
        except Exception as error:  # noqa: BLE001 - counted and reported by the test
            outcomes.errors.append((value, error))
        else:
            outcomes.landed.append(value)
    return outcomes


def racing_threads(work, values, *, refused=(ConcurrentEditError,), timeout=60) -> Outcomes:
    """Run `work(value)` for every value in its own thread, all starting at the same moment."""
    outcomes = Outcomes()
    barrier = threading.Barrier(len(values))
    lock = threading.Lock()

    def run(value):
        try:
            barrier.wait(timeout=timeout)
            work(value)
        except refused:
            with lock:
                outcomes.refused.append(value)
        except Exception as error:  # noqa: BLE001 - counted and reported by the test
            with lock:
                outcomes.errors.append((value, error))
        else:
            with lock:
                outcomes.landed.append(value)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(value,)) for value in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
