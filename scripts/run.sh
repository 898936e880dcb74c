#!/usr/bin/env bash
# The main job: set up .venv if needed, then extract the founding examples.
# Usage: scripts/run.sh [PATH...]   (default: ../shared/seeds beside this checkout)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" ""
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- "$ROOT/../shared/seeds"
fi
dyads extract --format json "$@"
