#!/usr/bin/env bash
# One command: install what is missing, then build the seed briefing in every format into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/briefing build seeds -o out --title "Iran–Pakistan cross-border strikes, January 2024"
