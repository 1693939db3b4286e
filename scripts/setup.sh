#!/usr/bin/env bash
# Set up hubspoke on a fresh machine: a virtual environment in .venv with the package and,
# with --test, the test tools, Debian's Chromium for the browser tests and Java for HermiT.
# Used by scripts/run.sh and scripts/test.sh; safe to run again (it only adds what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
if [ "$want_test" = 1 ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
    if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
        if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
        echo "installing Debian's chromium for the browser tests" >&2
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    fi
    if ! command -v java >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
        echo "installing Debian's default-jre-headless for the reasoner tests (HermiT)" >&2
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
    fi
else
    .venv/bin/python -m pip install --quiet -e .
fi
