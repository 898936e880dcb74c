#!/usr/bin/env bash
# Retrain the shipped parsers (dyads/data/models/id and en) from the Universal Dependencies
# treebanks, one language after the other on one core each: ~20-25 CPU-minutes a language.
# CI never runs this (it runs `python -m dyads.syntax.train --smoke` through the tests).
# Treebanks: $DYADS_UD, else ../shared/ud beside this checkout. Extra arguments go to every
# run, e.g. scripts/train_parsers.sh --ud /data/ud
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" ""
cd "$ROOT"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
for language in id en; do
  python -m dyads.syntax.train --language "$language" "$@"
done
