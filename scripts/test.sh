#!/usr/bin/env bash
# The whole test suite: set up .venv (with the test extras) and run pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh -k readers -x
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" "test"
cd "$ROOT"
exec python -m pytest "$@"
