"""The production server's settings (gunicorn.conf.py) come from the environment."""

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
