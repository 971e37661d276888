"""The benchmark's WSGI application with a per-request account, to find where a page's time goes
under the production server (what the in-process test client does not show).

    PROFILE_OUT=/tmp/prof gunicorn bench.profwsgi:application --workers 1 ...

Per path it sums wall time, CPU time (this process), SQL time and query count, and with
PROFILE_CPROFILE=1 a cProfile of every request; each worker writes `<PROFILE_OUT>.<pid>.txt`
(and `.prof`) every 50 requests and at exit. A benchmark tool, not part of the application.
"""

import atexit
import cProfile
import os
import time
from collections import defaultdict
from pathlib import Path

from django.db import connections

from bench.wsgi import application as _application

OUT = os.environ.get(
    "PROFILE_OUT", str(Path(__file__).resolve().parent.parent / "var" / "profwsgi")
)
PROFILE = os.environ.get("PROFILE_CPROFILE") == "1"
# The first requests of a worker import modules and fill caches: not counted.
TOP = int(os.environ.get("PROFILE_TOP", "8"))
SKIP = int(os.environ.get("PROFILE_SKIP", "5"))
totals = defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0, defaultdict(float)])
profiler = cProfile.Profile() if PROFILE else None
count = 0


class SqlTimer:
    def __init__(self):
        self.seconds = 0.0
        self.queries = 0
        self.by_sql = defaultdict(float)

    def __call__(self, execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - begin
            self.seconds += took
            self.queries += 1
            self.by_sql[sql[:160]] += took


def dump():
    path = f"{OUT}.{os.getpid()}"
    with open(path + ".txt", "w") as out:
        for key, (n, wall, cpu, sql, queries, by_sql) in sorted(totals.items()):
            out.write(
                f"{key}: n={n} wall={1000 * wall / n:.1f}ms cpu={1000 * cpu / n:.1f}ms "
                f"sql={1000 * sql / n:.1f}ms queries={queries / n:.1f}\n"
            )
            for sql_text, took in sorted(by_sql.items(), key=lambda kv: -kv[1]):
                if not sql_text.startswith("SELECT"):
                    out.write(f"    WRITE {1000 * took / n:7.2f}ms  {sql_text}\n")
            for sql_text, took in sorted(by_sql.items(), key=lambda kv: -kv[1])[:TOP]:
                out.write(f"    {1000 * took / n:7.2f}ms  {sql_text}\n")
    if profiler is not None:
        profiler.dump_stats(path + ".prof")


atexit.register(dump)


def application(environ, start_response):
    global count
    timer = SqlTimer()
    wall, cpu = time.perf_counter(), time.process_time()
    counted = count >= SKIP
    if profiler is not None and counted:
        profiler.enable()
    with connections["default"].execute_wrapper(timer):
        result = _application(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    if profiler is not None and counted:
        profiler.disable()
    count += 1
    if not counted:
        return [body]
    entry = totals[environ.get("PATH_INFO", "")]
    entry[0] += 1
    entry[1] += time.perf_counter() - wall
    entry[2] += time.process_time() - cpu
    entry[3] += timer.seconds
    entry[4] += timer.queries
    for sql_text, took in timer.by_sql.items():
        entry[5][sql_text] += took
    if count % 50 == 0:
        dump()
    return [body]
