#!/usr/bin/env bash
# Prepare the development environment in .venv (used by `make setup`, and so by run and test):
#   a) find Python >= 3.12   b) make sure uv is available   c) create .venv and sync it with uv.lock
# Safe to run again: an up-to-date .venv costs a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="$(scripts/find-python.sh)"

# b) uv: prefer "$PY -m uv"; else a uv on PATH; else install it for this user with pip.
if "$PY" -m uv --version >/dev/null 2>&1; then
    UV=("$PY" -m uv)
elif command -v uv >/dev/null 2>&1; then
    UV=(uv)
else
    echo "Installing uv for $PY ..."
    if ! "$PY" -m pip --version >/dev/null 2>&1; then
        "$PY" -m ensurepip --upgrade >/dev/null 2>&1 || "$PY" -m ensurepip --user >/dev/null
    fi
    "$PY" -m pip install --quiet --user uv 2>/dev/null || "$PY" -m pip install --quiet uv
    if ! "$PY" -m uv --version >/dev/null 2>&1; then
        echo "error: uv could not be installed with '$PY -m pip install uv'." >&2
        exit 1
    fi
    UV=("$PY" -m uv)
fi

# Never let uv fetch a Python build of its own: we hand it the interpreter found above.
export UV_PYTHON_DOWNLOADS=never
export UV_PROJECT_ENVIRONMENT=.venv

# c) .venv: (re)create it when missing or when its interpreter no longer runs (e.g. the Python
# it was made from has gone), then install exactly what uv.lock says, dev tools included.
if [ -d .venv ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' \
    >/dev/null 2>&1; then
    echo "Existing .venv does not work with Python >= 3.12; recreating it."
    rm -rf .venv
fi
if [ ! -d .venv ]; then
    "${UV[@]}" venv --quiet --python "$PY" .venv
fi
if [ -f uv.lock ]; then
    "${UV[@]}" sync --quiet --frozen
else
    "${UV[@]}" sync --quiet
fi
