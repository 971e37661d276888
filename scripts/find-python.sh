#!/usr/bin/env bash
# Print the path of a working Python >= 3.12, or explain and exit 1.
#
# Candidates are *run*, not just looked up: a pyenv shim such as python3.12 exists on PATH
# even when that version is not selected, and then fails when called.
set -u

check='import sys; sys.exit(sys.version_info < (3, 12))'

candidates=()
for name in python3.13 python3.12 python3; do
    if path="$(command -v "$name" 2>/dev/null)"; then
        candidates+=("$path")
    fi
done

if command -v pyenv >/dev/null 2>&1; then
    pyenv_root="$(pyenv root 2>/dev/null || true)"
else
    pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
fi
if [ -n "${pyenv_root:-}" ] && [ -d "$pyenv_root/versions" ]; then
    for path in "$pyenv_root"/versions/3.1[2-9]*/bin/python3; do
        [ -x "$path" ] && candidates+=("$path")
    done
fi

for path in "${candidates[@]}"; do
    if "$path" -c "$check" >/dev/null 2>&1; then
        # Print the real interpreter, not a shim or wrapper.
        "$path" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done

{
    echo "error: no working Python 3.12 or newer found."
    echo "  tried: python3.13 python3.12 python3 and \$(pyenv root)/versions/3.1[2-9]*/bin/python3"
    if [ "${#candidates[@]}" -gt 0 ]; then
        echo "  found but too old or not working: ${candidates[*]}"
    fi
    echo "  install Python 3.12+ (e.g. 'pyenv install 3.12' or your system's python3.12 package)"
    echo "  and run make again."
} >&2
exit 1
