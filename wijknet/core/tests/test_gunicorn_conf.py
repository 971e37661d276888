"""The production server's settings (gunicorn.conf.py) come from the environment."""

import gc
import multiprocessing
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[3] / "gunicorn.conf.py"


def load(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_default_is_single_threaded_workers_one_more_than_twice_the_cores(monkeypatch):
    # Threads share the GIL: the tail grew to 3-6 x the mean (docs/performance.md, session 8).
    conf = load(monkeypatch)
    assert conf["threads"] == 1
    assert conf["worker_class"] == "sync"
    assert conf["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert conf["max_requests"] >= 10000


def test_threads_and_workers_from_the_environment(monkeypatch):
    conf = load(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_THREADS="4")
    assert conf["workers"] == 3
    assert conf["threads"] == 4
    assert conf["worker_class"] == "gthread"


def test_a_worker_freezes_what_it_loaded_so_full_collections_skip_it(monkeypatch):
    # A full collection over a loaded worker's ~160,000 objects took 40-120 ms: the p99 misses
    # of session 9 (docs/performance.md, session 10).
    conf = load(monkeypatch)
    gc.unfreeze()
    try:
        conf["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10000
    finally:
        gc.unfreeze()


def test_a_worker_freezes_again_once_after_its_first_requests(monkeypatch):
    conf = load(monkeypatch)
    post_request = conf["post_request"]
    gc.unfreeze()
    try:
        for _ in range(conf["FREEZE_AGAIN_AFTER"] - 1):
            post_request(None, None, {}, None)
        assert gc.get_freeze_count() == 0
        post_request(None, None, {}, None)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        gc.unfreeze()
        for _ in range(5):
            post_request(None, None, {}, None)
        assert gc.get_freeze_count() == 0, "froze more than once"
    finally:
        gc.unfreeze()
