#!/usr/bin/env bash
# `make run`: prepare the database and demo data, start the task worker in the background and
# the development server in the foreground. Stopping the server (Ctrl-C) stops the worker too.
# Expects .venv to exist (`make setup`). Every step is idempotent, so running it again just works.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PORT="${PORT:-8000}"
mkdir -p var

"$PY" manage.py migrate --noinput
"$PY" manage.py load_content
"$PY" manage.py load_demo

worker_pid=""
scheduler_pid=""
stop_worker() {
    if [ -n "$scheduler_pid" ]; then
        kill -TERM "$scheduler_pid" 2>/dev/null || true
        wait "$scheduler_pid" 2>/dev/null || true
    fi
    if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
        kill -TERM "$worker_pid" 2>/dev/null || true
        # Give a running task up to 10 seconds to finish, then stop it hard.
        for _ in $(seq 1 20); do
            kill -0 "$worker_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$worker_pid" 2>/dev/null || true
        wait "$worker_pid" 2>/dev/null || true
    fi
}
trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$PY" manage.py db_worker &
worker_pid=$!
# Reminders and follow-ups: the scheduler queues the scheduled jobs, the worker runs them.
"$PY" manage.py run_scheduler &
scheduler_pid=$!

echo
echo "wijknet is starting at http://127.0.0.1:${PORT}/  (Ctrl-C stops the server, the task worker and the scheduler)"
echo
"$PY" manage.py runserver "127.0.0.1:${PORT}"
