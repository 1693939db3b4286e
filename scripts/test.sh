#!/usr/bin/env bash
# Set up with the test tools, then run the whole test suite (doctests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# temporary files (the doctests' folders, pytest's own) go into one folder removed at the end:
# a run leaves nothing in /tmp; give --basetemp DIR to keep a failing test's files
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
TMPDIR="$scratch" .venv/bin/python -m pytest "$@"
