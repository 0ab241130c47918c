"""scripts/_bootstrap.sh sets up what the two README commands need, once: a second run must not
reinstall anything (npm ci took 0.7-10 s on every build and test run because the check compared
package-lock.json with npm's own hidden lock file, which never matches)."""
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _copy(tmp: Path) -> Path:
    root = tmp / "p"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "_bootstrap.sh", root / "scripts")
    for name in ("pyproject.toml", "requirements.lock", "package-lock.json"):
        shutil.copy(ROOT / name, root)
    # the project's own, already set up virtualenv (a link: nothing is installed here)
    (root / ".venv").symlink_to(ROOT / ".venv")
    return root


def _fake_npm(tmp: Path) -> tuple[Path, Path]:
    bin_dir, log = tmp / "bin", tmp / "npm.log"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(f'#!/bin/sh\necho "npm $*" >> "{log}"\nmkdir -p node_modules\n')
    npm.chmod(0o755)
    return bin_dir, log


def _source(root: Path, bin_dir: Path):
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    subprocess.run(["bash", "-c", 'source scripts/_bootstrap.sh'], cwd=root, env=env, check=True,
                   capture_output=True, text=True)


def test_npm_ci_runs_once_then_again_only_when_the_lock_changes(tmp_path):
    root = _copy(tmp_path)
    bin_dir, log = _fake_npm(tmp_path)
    _source(root, bin_dir)
    assert log.read_text().count("npm ci") == 1
    _source(root, bin_dir)
    assert log.read_text().count("npm ci") == 1, "npm ci ran again with nothing changed"
    with (root / "package-lock.json").open("a") as f:
        f.write("\n")
    _source(root, bin_dir)
    assert log.read_text().count("npm ci") == 2, "a changed package-lock.json was not installed"
