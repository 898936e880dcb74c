# Sourced by run.sh and test.sh: make sure .venv exists and holds this checkout's
# dependencies. Re-installs only when pyproject.toml changed, so reruns are quick.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
EXTRAS="${1:-}"

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  echo "dyads: Python 3.11 or newer is needed (python3 --version says: $(python3 --version 2>&1))" >&2
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
  PY="$(find_python)"
  echo "dyads: creating a virtual environment in .venv ($("$PY" --version))" >&2
  rm -rf "$VENV"
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    # Debian without python3-venv: virtualenv from PyPI does the same job.
    "$PY" -m pip install --quiet --user virtualenv
    "$PY" -m virtualenv --quiet "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi

STAMP="$VENV/.dyads-installed${EXTRAS:+-$EXTRAS}"
WANT="$(cat "$ROOT/pyproject.toml" "$ROOT/requirements.lock" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  echo "dyads: installing dyads${EXTRAS:+ with [$EXTRAS]} and its dependencies into .venv" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$ROOT/requirements.lock" -e "$ROOT${EXTRAS:+[$EXTRAS]}"
  echo "$WANT" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
