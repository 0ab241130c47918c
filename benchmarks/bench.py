#!/usr/bin/env python3
"""Build benchmark: prints medians of several runs. Not a test; figures vary on a shared machine.

    .venv/bin/python benchmarks/bench.py                 # the shipped content, 5 runs
    .venv/bin/python benchmarks/bench.py --runs 3 --synthetic 200:9   # 200 countries in 9 languages

Works on a copy of the project's sources. Reports: validate; a full build from nothing (as on a fresh
clone or in CI: nothing kept from an earlier build, in a new folder), what scripts/build takes from
nothing (its set-up check, and the build writing the offline zip as it goes: 'trmkb build --bundle'),
the same after the disk has been quiet for a while (--quiet-disk: no file deleted in the last
seconds, as on a fresh clone; see below), and the same build right after
deleting what the last build kept (as 'rm -rf build/'), with its stages (stage, MkDocs, Pagefind and the
offline index per language, and each summed over the languages); a full build after an edit to one country's English summary, after an edit to one
French page, with nothing changed, and after a commit that changes no content (a new version;
see trmkb/incremental.py); what scripts/build takes after
that French edit (its set-up check, and the build with its zip); 'trmkb bundle' of a built site, peak memory; site size, HTML per page (median and largest), the first search's
download on the served site, offline index per language, zip size; and a one-language preview rebuild."""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRMKB = [sys.executable, "-m", "trmkb.cli"]
SET_UP = ["bash", "-c", "source scripts/_bootstrap.sh"]     # what scripts/build runs before the build
EXTRA_LANGS = ["el", "it", "pl", "es", "de", "pt", "ro", "ru"]


def run(cmd, cwd=ROOT):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if p.returncode:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{p.stderr[-3000:]}")
    return time.perf_counter() - t0


def med(xs):
    return statistics.median(xs) if xs else float("nan")


SOURCES = ("schemas", "overrides", "content", "i18n", "data")


def copy_sources(tree: Path, dest: Path) -> Path:
    """The sources a build reads (not the code), copied from tree into dest."""
    for d in SOURCES:
        shutil.copytree(tree / d, dest / d, symlinks=False)
    return dest


def edit_summary(text: str, i: int) -> str:
    """An editor's change to a country file: its English summary (its page changes in every
    language, where the summary is not translated)."""
    edited = text.replace("summary:\n  en: ", f"summary:\n  en: (edit {i}) ", 1)
    if edited == text:
        sys.exit("no 'summary: en:' to edit")
    return edited


def project_copy() -> Path:
    """A copy of the project's sources, so the benchmark can edit files without touching the checkout."""
    tmp = copy_sources(ROOT, Path(tempfile.mkdtemp(prefix="trmkb-bench-src-")))
    # a repository of its own, so that a commit (a new version printed on the site) can be measured
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "benchmark copy"]):
        git(tmp, *args)
    return tmp


def git(root: Path, *args: str):
    subprocess.run(["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@localhost", *args],
                   check=True, capture_output=True)


def commit(root: Path, i: int):
    """An empty commit: the site's version changes, no content does."""
    git(root, "commit", "-q", "--allow-empty", "-m", f"bench {i}")


def synthetic(n_countries: int, n_langs: int) -> Path:
    """A copy of the project with n_countries profiles (copies of real ones under other ISO codes)
    and n_langs languages (extra languages fall back to English text)."""
    from babel import Locale
    tmp = project_copy()
    real = sorted((tmp / "data" / "countries").glob("*.yaml"))
    if not real:
        sys.exit("no country profiles to copy")
    codes = sorted(c for c in Locale.parse("en").territories if len(c) == 2 and c.isalpha() and c.isupper())
    have = {p.stem.upper() for p in real}
    new = [c for c in codes if c not in have][: max(0, n_countries - len(real))]
    for i, code in enumerate(new):
        src = real[i % len(real)]
        text = src.read_text(encoding="utf-8").replace(f"id: {src.stem.upper()}", f"id: {code}", 1)
        (tmp / "data" / "countries" / f"{code.lower()}.yaml").write_text(text, encoding="utf-8")
    langs = ["en", "fr", "ar", "sq", "uk"] + EXTRA_LANGS
    (tmp / "i18n" / "languages.yml").write_text(
        "default: en\nlanguages: [" + ", ".join(langs[:n_langs]) + "]\n", encoding="utf-8")
    # Vocabulary labels are required in every language: the extra languages borrow the English ones.
    import yaml
    vocab_file = tmp / "data" / "vocabularies.yml"
    vocab = yaml.safe_load(vocab_file.read_text(encoding="utf-8"))
    for entries in vocab.values():
        for labels in entries.values():
            for code in langs[5:n_langs]:
                labels.setdefault(code, labels["en"])
    vocab_file.write_text(yaml.safe_dump(vocab, allow_unicode=True), encoding="utf-8")
    return tmp


def site_metrics(site: Path) -> dict:
    bundles = sorted(site.glob("pagefind")) + sorted(site.glob("*/pagefind"))   # one per language
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts]
    sizes = sorted(p.stat().st_size for p in pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    fixed = ["pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js", "pagefind-entry.json"]
    first_search = {}
    for pf in bundles:
        fixed_bytes = sum((pf / f).stat().st_size for f in fixed if (pf / f).exists())
        entry = json.loads((pf / "pagefind-entry.json").read_text())
        for lang, meta in entry["languages"].items():
            wasm = pf / f"wasm.{meta.get('wasm') or 'unknown'}.pagefind"
            meta_file = pf / "pagefind.{}.pf_meta".format(meta["hash"])
            chunks = sorted(p.stat().st_size for p in (pf / "index").glob(f"{lang}_*.pf_index"))
            frags = sorted(p.stat().st_size for p in (pf / "fragment").glob(f"{lang}_*.pf_fragment"))
            first_search[lang] = fixed_bytes + (wasm.stat().st_size if wasm.exists() else 0) + \
                (meta_file.stat().st_size if meta_file.exists() else 0) + (med(chunks) if chunks else 0) + \
                5 * (med(frags) if frags else 0)
    offline = {p.stem.replace("offline-", ""): p.stat().st_size for p in (site / "search").glob("offline-*.js")}
    return {"html_pages": len(pages), "site_bytes": total, "html_median": med(sizes), "html_largest": sizes[-1],
            "first_search_bytes": first_search, "offline_index_bytes": offline}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--synthetic", metavar="COUNTRIES:LANGS", help="e.g. 200:9")
    ap.add_argument("--jobs", type=int, default=None, help="languages built at once (default: cores)")
    ap.add_argument("--quiet-disk", type=float, default=35, metavar="SECONDS",
                    help="pause before each 'scripts/build from nothing, disk quiet' run (default 35; 0: skip "
                         "those runs)")
    args = ap.parse_args()
    root = synthetic(*map(int, args.synthetic.split(":"))) if args.synthetic else project_copy()
    runs = Path(tempfile.mkdtemp(prefix="trmkb-bench-"))
    dist = runs / "dist"
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    build_to = lambda out: TRMKB + ["--root", str(root), "build", "-q", "--out", str(out)] + jobs  # noqa: E731
    zip_to = ["--bundle", "--dist", str(dist)]     # what scripts/build adds: the zip, written while building
    probe = sorted((root / "data" / "countries").glob("*.yaml"))[0]
    original = probe.read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from trmkb.build import build_dir_for, preview as preview_build
    from trmkb.bundle import bundle as make_bundle
    fr_page = root / "content" / "sop" / "SOP-1.fr.md"      # a translator's change: French pages only
    fr_original = fr_page.read_text(encoding="utf-8")
    validate, validate_kept, cold, edited, unchanged, bundle, timings = [], [], [], [], [], [], []
    edited_one, bootstrap, scripts_build, committed, after_rm = [], [], [], [], []
    scripts_cold, bundle_tail, scripts_quiet = [], [], []
    run(build_to(runs / "warm-up" / "site"))   # warm-up (disk caches)

    def forget():    # what the project keeps for itself: validation results, compiled templates
        shutil.rmtree(root / "build", ignore_errors=True)

    for i in range(args.runs):
        # Each run builds into a new folder: nothing is kept from an earlier build, as on a fresh
        # clone or in CI. These come first, one after the other, so that no build was deleted just
        # before them: the rebuilds measured next delete the site each replaces (some 2,000 files),
        # and on this machine's file system making files soon after many were deleted is slow (the
        # kernel's recently_deleted check, a tenth of a build's CPU time in `perf` right after an
        # 'rm -rf'; see after_rm below). They used to run between these builds.
        forget()
        validate.append(run(TRMKB + ["--root", str(root), "validate"]))
        validate_kept.append(run(TRMKB + ["--root", str(root), "validate"]))
        forget()
        cold.append(run(build_to(runs / f"run-{i}" / "site")))
        timings.append(json.loads((root / "build" / "timings.json").read_text()))
        # scripts/build on a fresh clone: its set-up check, then the build that also writes the zip
        forget()
        t = run(SET_UP)
        scripts_cold.append(t + run(build_to(runs / f"zipped-{i}" / "site") + zip_to))
        bundle_tail.append(json.loads((root / "build" / "timings.json").read_text())["bundle"])
    # The same on a quiet disk. On this machine's file system (ext4 without a journal) making a file
    # skips the inodes freed in the last 30 s or so (the kernel's recently_deleted check, reading the
    # inode table for each). Builds from nothing of two versions of the code, alternated back to
    # back, took 2.2 s of system time, against 1.1 s with 40 s between them (5-8 runs each). A fresh
    # clone, or CI, has deleted nothing just before its first build.
    for i in range(args.runs if args.quiet_disk > 0 else 0):
        forget()
        time.sleep(args.quiet_disk)
        t = run(SET_UP)
        scripts_quiet.append(t + run(build_to(runs / f"quiet-{i}" / "site") + zip_to))
    for i in range(args.runs):
        out = runs / f"run-{i}" / "site"
        build_cmd = build_to(out)
        run(build_cmd)      # (not measured: this run's site as the sources are now, unedited)
        probe.write_text(edit_summary(original, i), encoding="utf-8")
        edited.append(run(build_cmd))
        unchanged.append(run(build_cmd))
        commit(root, i)
        committed.append(run(build_cmd))
        t0 = time.perf_counter()
        z = make_bundle(root, site=out, dist=dist, quiet=True)
        bundle.append(time.perf_counter() - t0)
        fr_page.write_text(fr_original + f"\nModification {i}.\n", encoding="utf-8")
        edited_one.append(run(build_cmd))
        # what 'scripts/build' runs: its set-up check (nothing to install), the build with the zip
        bootstrap.append(run(SET_UP))
        fr_page.write_text(fr_original + f"\nModification {i}, again.\n", encoding="utf-8")
        scripts_build.append(bootstrap[-1] + run(build_cmd + zip_to))
        probe.write_text(original, encoding="utf-8")
        fr_page.write_text(fr_original, encoding="utf-8")
    # Preview: what 'scripts/serve --lang fr' does after an edit, in its long-lived process:
    # validate, stage French, MkDocs --dirty, Pagefind for that language (root is a copy).
    preview = []
    preview_build(root, "fr", quiet=True)           # first build of the preview folder
    for i in range(args.runs):
        probe.write_text(original + f"\n# bench edit {i}\n", encoding="utf-8")
        t0 = time.perf_counter()
        preview_build(root, "fr", quiet=True)
        preview.append(time.perf_counter() - t0)
    # 'rm -rf build/' and a build, in a checkout: the same build from nothing, but right after some
    # 3,000 files were deleted. On this machine's file system (ext4 without a journal) creating a
    # file is slow while many were deleted nearby in the last minutes (the kernel's
    # recently_deleted check), so this differs from a fresh clone. Measured last, so that these
    # deletions slow no other figure.
    for i in range(args.runs):
        out = runs / f"run-{i}" / "site"
        shutil.rmtree(build_dir_for(root, out))
        forget()
        after_rm.append(run(build_to(out)))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    m = site_metrics(out)
    langs = list(timings[0]["mkdocs_per_language"])
    print(f"TRM KB build benchmark: {'synthetic ' + args.synthetic if args.synthetic else 'shipped content'}, "
          f"{args.runs} runs, {os.cpu_count()} cores; medians (min-max) in seconds")
    row = lambda name, xs: print(f"  {name:<36}{med(xs):7.2f}  ({min(xs):.2f}-{max(xs):.2f})")
    row("trmkb validate, nothing kept", validate)
    row("trmkb validate, files kept", validate_kept)
    row("trmkb build from nothing", cold)
    row("  ... right after rm -rf of its build/", after_rm)
    row("scripts/build from nothing, with zip", scripts_cold)
    row("  ... the zip's wait once merged", bundle_tail)
    if scripts_quiet:
        row(f"  ... disk quiet {args.quiet_disk:.0f} s before", scripts_quiet)
    print("    its stages (wall):")
    for stage in ("validate", "model", "languages", "redirects", "swap"):
        row(f"  {stage}", [t[stage] for t in timings])
    where = {"stage": "in a worker", "mkdocs": "in a worker", "pagefind": "in a worker", "offline": "in the parent"}
    for l in langs:
        for what, at in where.items():
            row(f"    {what} {l} ({at})", [t[f"{what}_per_language"][l] for t in timings])
    print("    each stage, all languages together (the sum of the above; two workers share the cores):")
    for what in where:
        row(f"    {what}", [sum(t[f"{what}_per_language"].values()) for t in timings])
    row("trmkb build after an edit", edited)
    row("  ... to one language (fr)", edited_one)
    row("trmkb build, nothing changed", unchanged)
    row("  ... after a commit (new version)", committed)
    row("trmkb bundle (zip of a built site)", bundle)
    row("scripts/_bootstrap.sh, set up", bootstrap)
    row("scripts/build, one-language edit", scripts_build)
    row("preview rebuild (serve --lang fr)", preview)
    print(f"  peak memory of one process          {peak:7.0f} MiB")
    print(f"  HTML pages                          {m['html_pages']:7d}")
    print(f"  site size                           {m['site_bytes'] / 1e6:7.1f} MB")
    print(f"  HTML per page, median               {m['html_median'] / 1024:7.1f} KB")
    print(f"  HTML per page, largest              {m['html_largest'] / 1024:7.1f} KB")
    print(f"  zip                                 {z.stat().st_size / 1e6:7.1f} MB")
    for l, b in sorted(m["first_search_bytes"].items()):
        print(f"  {f'first search download ({l})':<36}{b / 1024:7.0f} KB")
    for l, b in sorted(m["offline_index_bytes"].items()):
        print(f"  {f'offline index ({l})':<36}{b / 1024:7.0f} KB")
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(runs, ignore_errors=True)


if __name__ == "__main__":
    main()
