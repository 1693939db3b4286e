#!/usr/bin/env bash
# The main job on a fresh machine: set up, then build (load, validate, export, maps).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/hubspoke build "$@"
