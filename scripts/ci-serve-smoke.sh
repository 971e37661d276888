#!/usr/bin/env bash
# CI smoke test of the production stack (.ci/run): scripts/serve.sh --migrate against a fresh
# PostgreSQL database, with DEBUG=0; wait for /healthz to answer 200 (database, migrations,
# worker heartbeat), fetch the login page, then stop everything. Fails on any miss.
#   SERVE_DB (default wijknet_serve), SERVE_PORT (default: a free port), SERVE_WAIT (seconds, default 240: a busy machine)
set -euo pipefail
export PGOPTIONS="-c client_min_messages=warning"
cd "$(dirname "$0")/.."

db="${SERVE_DB:-wijknet_serve}"
# A free port unless one is given: another server (a benchmark, a developer's) may hold any fixed one.
port="${SERVE_PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
wait_s="${SERVE_WAIT:-240}"
log="$(mktemp)"
base="http://127.0.0.1:${port}"

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" \
    -c "CREATE DATABASE ${db}" >/dev/null

serve_pid=""
cleanup() {
    local status=$?
    if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        for _ in $(seq 1 40); do
            kill -0 "$serve_pid" 2>/dev/null || break
            sleep 0.5
        done
        # serve.sh runs in its own process group: whatever is left goes hard.
        kill -KILL -- "-$serve_pid" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ]; then
        echo "--- serve.sh output (last 60 lines) ---" >&2
        tail -n 60 "$log" >&2 || true
    fi
    rm -f "$log"
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" \
        >/dev/null 2>&1 || true
}
trap cleanup EXIT

env DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}" \
    DEBUG=0 \
    SECRET_KEY="ci-smoke-test-secret-key-not-used-anywhere-else-0123456789" \
    FIELD_ENCRYPTION_KEYS="$(.venv/bin/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    SECURE_SSL_REDIRECT=0 \
    PORT="$port" WEB_CONCURRENCY=2 \
    SCHEDULER_INTERVAL_SECONDS=10 \
    setsid scripts/serve.sh --migrate >"$log" 2>&1 &
serve_pid=$!

started=$SECONDS
code=""
while [ $((SECONDS - started)) -lt "$wait_s" ]; do
    kill -0 "$serve_pid" 2>/dev/null || { echo "serve.sh exited early" >&2; exit 1; }
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base/healthz" || true)"
    [ "$code" = 200 ] && break
    sleep 2
done
if [ "$code" != 200 ]; then
    echo "/healthz did not answer 200 within ${wait_s} s (last: ${code:-none}):" >&2
    curl -s --max-time 10 "$base/healthz" >&2 || true
    exit 1
fi
body="$(curl -s --max-time 10 "$base/healthz")"
echo "/healthz 200 after $((SECONDS - started)) s: $body"

login="$(curl -s --max-time 20 -w '\n%{http_code}' "$base/account/inloggen/")"
[ "$(tail -n 1 <<<"$login")" = 200 ] || { echo "login page: $(tail -n 1 <<<"$login")" >&2; exit 1; }
grep -q 'name="password"' <<<"$login" || { echo "login page has no password field" >&2; exit 1; }
css="$(grep -o '/static/css/wijknet\.[0-9a-f]*\.css' <<<"$login" | head -n 1)"
[ -n "$css" ] || { echo "login page links no hashed stylesheet" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base$css")" = 200 ] \
    || { echo "static file $css not served" >&2; exit 1; }
echo "login page 200 with hashed static $css (served by whitenoise)"
