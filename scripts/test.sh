#!/usr/bin/env bash
# One command: install what is missing (test extras and Chromium included), then run the test suite
# and the extraction quality gate (which skips when ../shared is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
.venv/bin/python -m pytest "$@"
.venv/bin/python benchmarks/quality_gate.py
