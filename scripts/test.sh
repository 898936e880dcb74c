#!/usr/bin/env bash
# The whole test suite: set up .venv (with the test extras), start a throwaway PostgreSQL
# server (installing Debian's package if needed) so the record's tests run against both
# SQLite and PostgreSQL, make sure Debian's chromium is there for the browser tests, run
# pytest, stop the server.
# Extra arguments go to pytest, e.g. scripts/test.sh -k readers -x
# DYADS_TEST_NO_POSTGRES=1 skips the server (outside CI only: there the tests fail without it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" "test"
source "$ROOT/scripts/postgres.sh"
source "$ROOT/scripts/chromium.sh"
cd "$ROOT"
if [ -z "${DYADS_TEST_NO_POSTGRES:-}" ]; then
  postgres_start
  trap postgres_stop EXIT
fi
chromium_ensure
python -m pytest "$@"
