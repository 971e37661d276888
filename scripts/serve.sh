#!/usr/bin/env bash
# `make serve`: the production stack, locally, against DATABASE_URL (docs/deploy.md):
#   collectstatic (hashed + compressed, served by whitenoise), then three processes:
#   gunicorn (gunicorn.conf.py: WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_BIND or PORT),
#   the task worker (manage.py db_worker) and the scheduler (manage.py run_scheduler).
# Options: --migrate  run `migrate` and `load_content` first.
# Ctrl-C or TERM stops all three; when one of them exits, the others are stopped too.
# The environment is used as it is: with DEBUG=0 set SECRET_KEY and FIELD_ENCRYPTION_KEYS, and
# SECURE_SSL_REDIRECT=0 when no HTTPS proxy is in front (plain http://127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
migrate=0
for arg in "$@"; do
    case "$arg" in
        --migrate) migrate=1 ;;
        -h | --help)
            sed -n '2,9p' "$0"
            exit 0
            ;;
        *)
            echo "serve.sh: unknown option $arg" >&2
            exit 2
            ;;
    esac
done

mkdir -p var
export STATIC_MANIFEST=1
if [ "$migrate" = 1 ]; then
    "$PY" manage.py migrate --noinput
    "$PY" manage.py load_content
fi
"$PY" manage.py collectstatic --noinput -v 0

pids=()
stop_all() {
    trap - EXIT INT TERM
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    # Let a running request or task finish (up to 15 s), then stop hard.
    for _ in $(seq 1 30); do
        local alive=0
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        [ "$alive" = 0 ] && break
        sleep 0.5
    done
    for pid in "${pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$PY" manage.py db_worker &
pids+=($!)
"$PY" manage.py run_scheduler &
pids+=($!)
.venv/bin/gunicorn -c gunicorn.conf.py &
pids+=($!)

echo "wijknet (production stack) on ${GUNICORN_BIND:-127.0.0.1:${PORT:-8000}}: gunicorn, worker and scheduler; Ctrl-C stops them" >&2
# Wait until any one process ends; then the trap stops the others.
set +e
wait -n "${pids[@]}"
status=$?
set -e
echo "serve.sh: a process exited (status $status); stopping the others" >&2
exit "$status"
