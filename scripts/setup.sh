#!/usr/bin/env bash
# Set up .venv in the project root with every pinned dependency (idempotent, offline-safe models).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for c in python3.11 python3 python; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then PY=$c; break; fi
  done
fi
[ -n "$PY" ] || { echo "error: newsdesk needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2; exit 2; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.newsdesk-installed
want=$(cat pyproject.toml | "$PY" -c 'import hashlib,sys; print(hashlib.sha1(sys.stdin.buffer.read()).hexdigest())')
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade "pip>=24"
  .venv/bin/python -m pip install -q -e ".[test,bench,scale]"
  echo "$want" > "$stamp"
fi
# The browser tests drive Debian's chromium through Playwright (which must never download a browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }) \
      || echo "warning: could not install chromium; browser tests will fail in CI and skip elsewhere" >&2
  else
    echo "note: /usr/bin/chromium is missing; as root, apt-get install chromium for the browser tests" >&2
  fi
fi
