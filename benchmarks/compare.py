#!/usr/bin/env python3
"""Before/after: the build of an earlier commit against the checkout, runs interleaved.

    .venv/bin/python benchmarks/compare.py 329cccc            # 5 pairs of each case
    .venv/bin/python benchmarks/compare.py HEAD~3 --runs 7

This machine's speed drifts by 25-40% within minutes, so two benchmark runs made at different
times cannot be compared. Here the two versions alternate (base, then checkout, for each run) on
copies of their own sources, taking turns at going first, and each figure is a median of the runs. Cases: a build from nothing
(nothing kept from an earlier build, as on a fresh clone or in CI); a build after an edit to one
country's English summary (a page changes in every language); a build with nothing changed.
Reported per case: wall time and CPU time (user + system of the build and every program it ran:
MkDocs workers, Pagefind, node), medians and min-max. With --bundle, each build also writes the
offline zip, as scripts/build does: `trmkb build --bundle` where the side has it, else the build
and then bundle.bundle (what `trmkb bundle` runs) in a second process.

The base commit is checked out with `git worktree` into a temporary folder (removed at the end)
and run with this checkout's Python environment and node_modules, so only the project's own
code, templates, theme overrides and content differ."""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, copy_sources, edit_summary, med  # noqa: E402


class Side:
    """One version of the code (a tree with trmkb/ and node_modules), building a copy of its sources."""

    def __init__(self, name: str, code: Path, work: Path, bundle: bool = False):
        self.name, self.code, self.work = name, code, work
        self.env = dict(os.environ, PYTHONPATH=str(code), NO_MKDOCS_2_WARNING="1")
        # with --bundle: does this side's build write the zip itself (asked once, not before every build)
        self.bundle = bundle and "--bundle" in subprocess.run(
            [sys.executable, "-m", "trmkb.cli", "build", "--help"], cwd=work, env=self.env,
            capture_output=True, text=True).stdout
        self.bundle_after = bundle and not self.bundle
        self.src = copy_sources(code, work / name / "src")
        self.out = work / name / "warm-up" / "site"
        self.probe = sorted((self.src / "data" / "countries").glob("*.yaml"))[0]
        self.original = self.probe.read_text(encoding="utf-8")
        self.times = {}

    def build(self, case: str | None = None) -> None:
        # cwd outside both trees and PYTHONPATH first: the side's own trmkb package is imported
        env = self.env
        cmd = [sys.executable, "-m", "trmkb.cli", "--root", str(self.src), "build", "-q", "--out", str(self.out)]
        dist = self.work / self.name / "dist"
        cmds = [cmd]
        if self.bundle:
            cmd += ["--bundle", "--dist", str(dist)]
        elif self.bundle_after:
            cmds.append([sys.executable, "-c", "import sys; from pathlib import Path; from trmkb.bundle import "
                         "bundle; bundle(Path(sys.argv[1]), site=Path(sys.argv[2]), dist=Path(sys.argv[3]), "
                         "quiet=True)", str(self.src), str(self.out), str(dist)])
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        for c in cmds:
            p = subprocess.run(c, cwd=self.src.parent, env=env, capture_output=True, text=True)
            if p.returncode:
                break
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode:
            sys.exit(f"{self.name}: build failed\n{p.stderr[-3000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if case:
            self.times.setdefault(case, []).append((wall, cpu))

    def forget(self, i: int):
        """Nothing kept from an earlier build: a new output folder (removed at the end with the
        others: deleting thousands of files just before a build slows it on this machine's file
        system, see bench.py) and none of the project's own caches (validation, templates)."""
        self.out = self.work / self.name / f"run-{i}" / "site"
        shutil.rmtree(self.src / "build", ignore_errors=True)

    def edit(self, i: int):
        self.probe.write_text(edit_summary(self.original, i), encoding="utf-8")


def which(code: Path) -> str:
    p = subprocess.run([sys.executable, "-c", "import trmkb; print(trmkb.__file__)"], cwd=code.parent,
                       env=dict(os.environ, PYTHONPATH=str(code)), capture_output=True, text=True)
    return p.stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base", help="the commit to compare with (anything 'git rev-parse' takes)")
    ap.add_argument("--runs", type=int, default=5, help="pairs of runs of each case (default 5)")
    ap.add_argument("--bundle", action="store_true", help="each build also writes the offline zip (scripts/build)")
    args = ap.parse_args()
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.base + "^{commit}"],
                         capture_output=True, text=True)
    if rev.returncode:
        sys.exit(f"not a commit: {args.base}")
    work = Path(tempfile.mkdtemp(prefix="trmkb-compare-"))
    base_tree = work / "base-code"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base_tree), args.base],
                   check=True)
    try:
        (base_tree / "node_modules").symlink_to(ROOT / "node_modules")
        for code in (base_tree, ROOT):      # each side runs its own package, not the installed one
            got = which(code)
            if not got.startswith(str(code) + os.sep):
                sys.exit(f"{code}: Python imports trmkb from {got}, not from this tree")
        sides = [Side("base", base_tree, work, args.bundle), Side("checkout", ROOT, work, args.bundle)]
        for s in sides:
            s.build()                       # warm-up: disk caches, compiled bytecode
        for i in range(args.runs):
            # which side goes first alternates: a build right after the other side's runs differently
            # (measured: with nothing changed, 1.2 s first against 1.05 s second, whichever the code)
            turn = sides if i % 2 == 0 else sides[::-1]
            for s in turn:
                s.forget(i)
                s.build("build from nothing")
            for s in turn:
                s.edit(i)
                s.build("after an edit in every language")
            for s in turn:
                s.build("nothing changed")
        print(f"{rev.stdout.strip()} (base) against the checkout, {args.runs} interleaved runs each, "
              f"{os.cpu_count()} cores; medians (min-max) in seconds")
        print(f"  {'':34}" + "".join(f"{h:>21}" for h in ("base wall", "checkout wall", "base CPU", "checkout CPU")))
        for case in sides[0].times:
            cells = []
            for k in (0, 1):
                for s in sides:
                    xs = [t[k] for t in s.times[case]]
                    cells.append(f"{med(xs):6.2f} ({min(xs):.2f}-{max(xs):.2f})")
            print(f"  {case:<34}" + "".join(f"{c:>21}" for c in cells))
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base_tree)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
