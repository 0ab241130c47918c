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
# Browser-side libraries (MiniSearch for offline search, axe-core for accessibility tests), pinned in package-lock.json.
# (npm's own node_modules/.package-lock.json never equals package-lock.json, so we keep a stamp.)
npm_want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$ROOT/node_modules/.trmkb-stamp" 2>/dev/null)" != "$npm_want" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Node.js and npm (needed to build the offline search index)..." >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm >/dev/null
  fi
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$npm_want" > "$ROOT/node_modules/.trmkb-stamp"
fi
