#!/usr/bin/env bash
# The main job: set up .venv if needed, ingest the founding examples (../shared/seeds) and
# the project's bundled samples into the record (./dyads.db, or $DYADS_DB), and print the
# South Korea–NATO timeline.
# Usage: scripts/run.sh [PATH...]   (other documents to ingest instead)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" ""
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- "$ROOT/../shared/seeds" "$ROOT/samples"
fi
status=0
dyads ingest "$@" || status=$?
dyads timeline "South Korea" NATO
exit "$status"
