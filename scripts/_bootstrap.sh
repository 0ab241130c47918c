# Sourced by scripts/*: create .venv with the pinned dependencies when missing or outdated.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
stamp_want="$(cat "$ROOT/pyproject.toml" "$ROOT/requirements.lock" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.trmkb-stamp" 2>/dev/null)" != "$stamp_want" ]; then
  echo "Setting up $VENV (pinned dependencies from pyproject.toml and requirements.lock)..." >&2
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c "$ROOT/requirements.lock" -e "$ROOT[test]" \
    2> >(grep -v "^WARNING: Location" >&2)
  echo "$stamp_want" > "$VENV/.trmkb-stamp"
fi
export NO_MKDOCS_2_WARNING=1
