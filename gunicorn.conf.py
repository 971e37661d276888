"""gunicorn settings for wijknet, all from the environment (docs/deploy.md).

gunicorn reads this file when started from the project directory (scripts/serve.sh, the systemd
unit in docs/deploy.md), or give it with `-c gunicorn.conf.py`.

  GUNICORN_BIND       address to listen on (default 127.0.0.1:$PORT, PORT default 8000)
  WEB_CONCURRENCY     worker processes (default: 2 x CPU cores + 1)
  GUNICORN_THREADS    threads per worker (default 1, the sync worker; more than 1 selects gthread)
  GUNICORN_TIMEOUT    seconds before a stuck request's worker is restarted (default 30)
  GUNICORN_ACCESS_LOG 1 (default) logs every request to stdout as key=value, 0 switches it off
  FORWARDED_ALLOW_IPS proxies whose X-Forwarded-* headers are trusted (gunicorn's own variable)
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# One thread per worker by default. Threads in one process share the GIL: a thread that comes
# back from a database wait queues behind the others' Python work (the convoy effect), so with
# 4 threads the tail grew to 3-6 x the mean and throughput swung by 2-3 x between runs; with
# single-threaded workers p99 stayed within 1.5-2 x the mean and hello rose from 270-770/s to
# 820-930/s (docs/performance.md, session 8). Concurrency comes from processes; the reverse
# proxy buffers slow clients, so a sync worker is never held by one (docs/deploy.md).
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Restart a worker now and then, so a slow leak never grows without bound, but rarely: a new
# worker imports Django again (about a second of CPU) and starts with cold caches (compiled
# templates, the menu, translated choices). At 2,000 a busy worker restarted every few seconds.
# No preload_app: it would make `HUP` (the graceful reload of an upgrade) keep the old code.
max_requests = 10000
max_requests_jitter = 1000
wsgi_app = "wijknet.wsgi:application"
# No runtime control socket (gunicorn 24+): one fixed path per user would clash between
# several instances on one machine; systemd and signals manage the process instead.
control_socket_disable = True

errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
if os.environ.get("GUNICORN_ACCESS_LOG", "1") not in {"0", "false", "no", "off"}:
    accesslog = "-"
    # key=value, one line per request. The path only: query strings can hold search terms.
    access_log_format = (
        'access remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s '
        'duration_ms=%(M)s agent="%(a)s"'
    )


# Garbage collection. A full collection walks every tracked object, and a loaded worker holds
# about 160,000 (Django, every app's modules, the URLconf): 80 ms in which the worker answers
# nothing, once every few thousand requests, which showed as a p99 of 35-75 ms against a p50 of
# 10-17 ms (docs/performance.md, session 10). Objects that live as long as the process are
# frozen: collections skip them. Freezing again after the first requests takes in what those
# fill once (compiled templates, the menu, translated choices).
FREEZE_AGAIN_AFTER = 1000
_served = 0


def post_worker_init(worker):
    from django.urls import reverse

    reverse("home")  # imports every app's URLs and views and fills the reverse map
    gc.collect()
    gc.freeze()


def post_request(worker, req, environ, resp):
    global _served
    _served += 1
    if _served == FREEZE_AGAIN_AFTER:
        gc.collect()
        gc.freeze()
