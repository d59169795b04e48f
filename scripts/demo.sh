#!/usr/bin/env bash
# Set up, then digest the bundled examples/ corpus and print the report (exit 1 only means some files were refused).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit $?
mkdir -p out
.venv/bin/newsdesk digest examples/ --json out/digest.json --md out/digest.md "$@"
status=$?
[ $status -le 1 ] && echo "(reports written to out/digest.json and out/digest.md; files refused, if any, are listed above)"
[ $status -le 1 ] && exit 0 || exit $status
