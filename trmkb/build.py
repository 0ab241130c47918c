"""Build: validate, stage, run MkDocs into a temporary folder, index each language with Pagefind,
then swap the result into site/ atomically. A failed build leaves the previous site untouched.

Each language is its own MkDocs site, built in parallel processes into one shared site root.
(mkdocs-static-i18n builds languages one after another inside one process, and its switcher
degrades to root-absolute links when a default-language page is missing; staging every page in
every language ourselves makes it unnecessary.)"""
from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from . import i18n, incremental
from .bundle import PAGEFIND, Bundle, files_in, say_bundle
from .model import build_site
from .offline import Indexer, search_input, vendor_engine
from .opendata import write_open_data
from .redirects import write_redirects
from .stage import build_info, compile_templates, stage, stamp
from .validate import validate

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")   # Material's notice about MkDocs 2 is not for our readers

NAV = [("nav_home", "index.md"), ("nav_sop", "sop/index.md"), ("nav_countries", "countries/index.md"),
       ("nav_resources", "resources/index.md"), ("nav_tools", "tools/index.md"), ("nav_search", "search.md"),
       ("nav_about", "about.md")]


class BuildError(Exception):
    pass


HOOKS = [str(Path(__file__).with_name("mkdocs_hooks.py"))]


def theme_config(root: Path, language: str) -> dict:
    """Material with the project's overrides/, as every language's MkDocs site has it."""
    return {"name": "material", "custom_dir": str(root / "overrides"), "font": False, "language": language,
            "favicon": "assets/favicon.svg", "logo": "assets/favicon.svg",
            "features": ["navigation.tabs", "navigation.top", "toc.follow"],
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"}}


def mkdocs_config(root: Path, docs: Path, lang: i18n.Language, langs: list[i18n.Language],
                  strings: i18n.Strings, jinja_cache: Path | None = None) -> dict:
    """One MkDocs site per language, all sharing one site root: the default language at the
    root, the others in <code>/ (its staged pages are reached through a <code>/ folder link)."""
    t = lambda k: strings.get(lang.code, k)
    return {
        "site_name": t("site_name"),
        "site_description": t("site_description"),
        "docs_dir": str(docs),
        "use_directory_urls": False,
        "theme": theme_config(root, lang.code),
        "plugins": [],
        "hooks": HOOKS,
        "markdown_extensions": ["attr_list", "admonition", "tables", "md_in_html", {"toc": {"permalink": True, "permalink_title": t("permalink_title")}}],
        "extra_css": ["assets/trm.css"],
        "extra_javascript": ["assets/trm.js", "assets/checklist.js", "assets/directory.js", "assets/catalogue.js",
                             "assets/sop.js"],
        "extra": {"homepage": lang.prefix + "index.html", "generator": False,   # no English-only footer notice
                  "trm_language": {"code": lang.code, "prefix": lang.prefix},
                  "trm_languages": [{"code": l.code, "name": l.name, "prefix": l.prefix} for l in langs],
                  # the one 404 page hosts serve for any missing address speaks every language
                  "trm_not_found": [{"code": l.code, "dir": l.dir, "prefix": l.prefix,
                                     "title": strings.get(l.code, "not_found_title"),
                                     "text": strings.get(l.code, "not_found_text"),
                                     "home": strings.get(l.code, "not_found_home")}
                                    for l in sorted(langs, key=lambda l: l.code != lang.code)],
                  "trm_jinja_cache": str(jinja_cache) if jinja_cache else None},
        "nav": [{t(k): lang.prefix + p} for k, p in NAV],
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "warn"},
                       "links": {"absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"}},
    }


def _docs_root(build_dir: Path, docs: Path, lang: i18n.Language) -> Path:
    """The default language's pages are the docs root; another language's pages sit under <code>/."""
    if lang.default:
        return docs / lang.code
    root = build_dir / "roots" / lang.code
    link = root / lang.code
    if not link.is_symlink():
        root.mkdir(parents=True, exist_ok=True)
        link.symlink_to((docs / lang.code).resolve(), target_is_directory=True)
    return root


def jinja_cache(build_dir: Path) -> Path:
    """Compiled Jinja templates (ours and the theme's), kept between builds in build_dir."""
    path = build_dir / "jinja-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def templates_compiled_aside(root: Path, build_dir: Path):
    """In a build from nothing (no compiled templates kept in build_dir), a forked process
    compiles the staging templates and the theme's into the bytecode cache while this one
    validates, on the core validation leaves idle. Otherwise the staging templates were compiled
    after validation, and the theme's by every worker for its first language (about 0.3 s each).
    What a worker does not find compiled yet it compiles itself, so the build never waits for it
    to go on. Yields a dict: with "done" set true (the site was built), the helper is given up to
    5 s to finish at the end, so that the next build finds every template compiled (it is long
    done by then, except in a build of a few pages); otherwise (validation failed, an error) it
    is stopped at once."""
    state = {"done": False}
    cache = build_dir / "jinja-cache"
    if cache.is_dir() and any(cache.iterdir()):
        yield state
        return
    import multiprocessing
    helper = multiprocessing.get_context("fork").Process(target=_compile_aside, args=(root, build_dir), daemon=True)
    helper.start()
    try:
        yield state
    finally:
        if state["done"]:
            helper.join(timeout=5)
        helper.terminate()
        helper.join()


def _compile_aside(root: Path, build_dir: Path):
    # stopped by the build: unwind, so that Jinja removes the file it was writing (it writes each
    # compiled template to a temporary file, then renames it); Ctrl+C is the build's to handle
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        cache = jinja_cache(build_dir)
        compile_templates(cache)
        compile_theme(root, build_dir)
    except Exception:       # only a head start: whatever is missing, the build compiles itself
        pass


def compile_theme(root: Path, build_dir: Path) -> list[str]:
    """Compile the theme's templates that a page and the 404 page use into the bytecode cache, in
    an environment made as MkDocs makes it for a build (this project's hooks included): from the
    page, 404 and sitemap templates, following every template they name (names made while
    rendering, like Material's language partial, are left to the build). Returns the names."""
    import io

    import jinja2.meta
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    (build_dir / "docs").mkdir(parents=True, exist_ok=True)     # MkDocs checks that it exists
    config = load_config(config_file=io.StringIO(yaml.safe_dump({     # (the language does not change the code)
        "site_name": "templates", "docs_dir": str(build_dir / "docs"), "theme": theme_config(root, "en"),
        "hooks": HOOKS, "extra": {"trm_jinja_cache": str(jinja_cache(build_dir))}})))
    config = config.plugins.on_config(config)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=Files([]))
    todo, seen, cache = ["main.html", "404.html", "sitemap.xml"], set(), env.bytecode_cache
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        # parsed once, both to find the templates it names and to compile it (as the loader does
        # in get_template, which would parse it again: 0.06 s of the helper's CPU)
        source, filename, _ = env.loader.get_source(env, name)
        tree = env.parse(source, name, filename)
        bucket = cache.get_bucket(env, name, filename, source)
        if bucket.code is None:
            bucket.code = env.compile(tree, name, filename)
            cache.set_bucket(bucket)
        todo += [n for n in jinja2.meta.find_referenced_templates(tree) if n]
    return sorted(seen)


_JOB: dict = {}     # set before the workers fork; they inherit it instead of unpickling the site


def write_mkdocs_config(root: Path, build_dir: Path, docs: Path, lang: i18n.Language, langs, strings) -> Path:
    cfg = build_dir / f"mkdocs.{lang.code}.yml"
    cfg.write_text(yaml.safe_dump(mkdocs_config(root, _docs_root(build_dir, docs, lang), lang, langs, strings,
                                                jinja_cache(build_dir)),
                                  allow_unicode=True, sort_keys=False), encoding="utf-8")
    return cfg


_IN_WORKER = False


def _worker_signals():
    """Workers die on SIGTERM as usual (the pool stops them that way); only the parent cleans up.
    A program a worker runs dies with it (see _run)."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _die_with_worker(worker: int, notes: Path):
    """Run in the child before it starts a program, in a (single-threaded) worker on Linux: when
    the worker dies the kernel kills the program too. A worker stopped while Pagefind ran left an
    orphan that went on writing into a folder the build had already removed. If the worker died
    before this ran (a stop lands while the child is being made), the kernel would never signal:
    the child ends at once instead. Then the child notes its process id beside the unfinished
    build, before the program does anything, so that a stopped build can wait for it to be gone
    (_wait_for_programs)."""
    import ctypes
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)     # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != worker:
        os._exit(1)
    try:
        notes.mkdir(exist_ok=True)
        (notes / str(os.getpid())).touch()
    except OSError:
        pass


@contextlib.contextmanager
def without_gc():
    """Python's cyclic garbage collector off for a while (and back as it was after). It looks
    through the newest objects each time 700 more are made, and validation, staging, Markdown and
    the templates make a great many, few of them in cycles only it can free: MkDocs for two
    languages in a new process took 1.37 s of CPU without it and 1.56 s with it (medians of 6
    alternated runs), validation from nothing 0.36 s against 0.39 s. The cycles a language's build
    leaves (some 15 MB, mostly Markdown's converters) go at the collector's next pass."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@without_gc()      # (a worker's own garbage: see without_gc)
def _language_pages(code: str):
    """Worker, a language's first task: stage its pages, build them with MkDocs in this (forked)
    process (updating the output kept from the last build when nothing but page texts changed),
    copy them into the new site's part for this language and stamp them. Returns what each page
    is (stage.stamp), for its search bundle and offline index."""
    j, lang = _JOB, _job_language(code)
    t0 = time.perf_counter()
    pages = _stage_kept(j["root"], j["site"], j["strings"], j["docs"], code, j["langs"], j["staging"])
    t1 = time.perf_counter()
    cfg = write_mkdocs_config(j["root"], j["build_dir"], j["docs"], lang, j["langs"], j["strings"])
    kept = j["build_dir"] / "parts" / code
    error = _mkdocs_kept(j["root"], cfg, j["docs"] / code, kept)
    t2 = time.perf_counter()
    if error:
        return "pages", code, pages, (t1 - t0, t2 - t1), f"mkdocs build ({code}) failed: {error}", {}
    part = _part(j["tmp"], code)
    shutil.rmtree(part, ignore_errors=True)
    # hard links, not copies: MkDocs writes new files in the kept folder (see mkdocs_hooks._detach)
    shutil.copytree(kept, part, copy_function=incremental.link_or_copy)
    digests = stamp(part, code, j["info"])      # the version and date, and what each page is
    return "pages", code, pages, (t1 - t0, t2 - t1), None, digests


def _language_search(code: str, key: str):
    """Worker, a language's second task: its Pagefind bundle, taken from the last build when its
    pages are the same (`key`, incremental.pages_key), made by Pagefind otherwise."""
    j, lang = _JOB, _job_language(code)
    t0 = time.perf_counter()
    part = _part(j["tmp"], code)
    bundle = pagefind_dir(part, lang)
    cached = incremental.Derived(j["build_dir"], "pagefind", code)
    try:
        if cached.get(key):
            shutil.copytree(cached.dir, bundle, copy_function=incremental.link_or_copy)
        else:
            pagefind(part, lang)
            cached.put(key, bundle)
    except BuildError as e:
        return "search", code, time.perf_counter() - t0, str(e)
    return "search", code, time.perf_counter() - t0, None


def _job_language(code: str) -> i18n.Language:
    return next(l for l in _JOB["langs"] if l.code == code)


def _part(tmp: Path, code: str) -> Path:
    """One language's part of a build, merged into tmp at the end."""
    return tmp.parent / f"{tmp.name}.{code}"


def _stage_kept(root: Path, site, strings, docs: Path, code: str, langs, common: str) -> int:
    """Stage one language's pages, unless nothing they are made from changed since they were
    staged (incremental.stage_key; `common` is incremental.staging_inputs): then the staged folder
    is already right. Returns the count."""
    kept = incremental.Staged(docs, code)
    key = incremental.stage_key(root, code, [l.code for l in langs], common)
    count = kept.pages(key)
    if count is None:
        kept.forget()
        count = stage(site, strings, docs, [code])[code]
        kept.done(key, count)
    return count


def pagefind(site: Path, lang: i18n.Language):
    """One Pagefind bundle per language, in <prefix>pagefind/ beside that language's pages: it is
    made as soon as the language is built (while the others are still building), and a reader's
    first search downloads only their own language's index. Pagefind reads the pages cut down to
    what it indexes (offline.search_input), beside site, and removed once it is done."""
    from pagefind.service import get_executable
    exe = get_executable()
    cmd = [str(exe)] if exe else [sys.executable, "-m", "pagefind"]
    pages = site.parent / f"{site.name}.search-input"
    shutil.rmtree(pages, ignore_errors=True)
    try:
        search_input(site, pages)
        _run(cmd + ["--site", str(pages), "--output-path", str(pagefind_dir(site, lang)), "--quiet"],
             f"pagefind ({lang.code})")
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    for name in PAGEFIND_UNUSED:
        (pagefind_dir(site, lang) / name).unlink(missing_ok=True)


def pagefind_dir(site: Path, lang: i18n.Language) -> Path:
    """A language's Pagefind bundle, beside its pages (the offline zip leaves it out: bundle.in_zip)."""
    return site / lang.prefix / PAGEFIND


# Pagefind writes three user interfaces; the search page loads pagefind-ui.js (which loads the
# engine: pagefind.js, its worker, wasm and index). The others are 280 KB per language, unused.
PAGEFIND_UNUSED = ("pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-modular-ui.js",
                   "pagefind-modular-ui.css", "pagefind-highlight.js")


def _mkdocs_kept(root: Path, cfg: Path, pages: Path, folder: Path) -> str | None:
    """MkDocs into a folder kept between builds: with --dirty (only pages whose staged text
    changed) when nothing else it depends on changed, from nothing otherwise (see incremental)."""
    kept = incremental.Kept(folder)
    fingerprint = incremental.mkdocs_fingerprint(root, cfg, pages)
    error = _mkdocs(cfg, folder, dirty=kept.begin(fingerprint))
    if not error:
        kept.done(fingerprint)
    return error


def _mkdocs(cfg: Path, out: Path, dirty: bool = False) -> str | None:
    """Run MkDocs in this process (no interpreter start-up, imports already warm); return an
    error message, or None."""
    import logging
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.ERROR)         # as 'mkdocs build -q': warnings are not errors here
    captured = []
    handler = logging.Handler()
    handler.emit = lambda record: captured.append(record.getMessage())
    log.addHandler(handler)
    try:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config
        mkdocs_build(load_config(config_file=str(cfg), site_dir=str(out)), dirty=dirty)
        return None
    except (Exception, SystemExit) as e:    # report a failed build (MkDocs may exit) to the caller
        return f"{type(e).__name__}: {e}\n" + "\n".join(captured[-20:])
    finally:
        log.removeHandler(handler)


def languages_all(root: Path, build_dir: Path, docs: Path, site, strings, info: dict, langs, wanted,
                  tmp: Path, jobs: int, bundle=None, meanwhile=None) -> dict:
    """Stage, build and Pagefind-index every wanted language, `jobs` tasks at a time in forked
    processes (they share the loaded site and MkDocs' imports; each reuses what the last build kept,
    see incremental). Each language is two tasks: its pages (_language_pages), then its search
    bundle (_language_search), queued behind every language's pages. Five languages as one task
    each ran 2 + 2 + 1 on two workers, one of them idle in the last round; as ten shorter tasks
    they keep both busy longer. As a language's pages are done, its offline search index is
    made by one node process driven from this process while the workers go on. Then merge
    everything into tmp (one copy of the theme's assets). With a `bundle` (bundle.Bundle), each
    language's pages and offline index are handed to it as they are done, for the offline zip.
    `meanwhile`: a function this process runs once the workers have their tasks (it would wait for
    them otherwise); it returns [(a file or folder, its path in the site)] for the merge. Returns
    per-language pages, seconds and index sizes."""
    import multiprocessing
    import queue
    from concurrent.futures import ThreadPoolExecutor

    import mkdocs.commands.build  # noqa: F401  imported once here, shared by the forked workers
    import mkdocs.config  # noqa: F401
    compile_templates(jinja_cache(build_dir))    # once here, not once per worker
    _JOB.update(root=root, build_dir=build_dir, docs=docs, site=site, strings=strings, info=info, langs=langs,
                tmp=tmp, staging=incremental.staging_inputs(root))
    codes = [l.code for l in langs if l.code in wanted]
    parts = {c: _part(tmp, c) for c in codes}
    base_lang = next((l for l in langs if l.default and l.code in wanted), None) or \
        next(l for l in langs if l.code in wanted)
    by_code = {l.code: l for l in langs}
    indexes = {c: tmp.parent / f"{tmp.name}.offline-{c}.js" for c in codes}
    out = {"pages": {}, "stage": {}, "mkdocs": {}, "pagefind": {}, "offline": {}, "offline_bytes": {}}

    def offline_index(code, digests, key):      # in the indexer thread: timed for the benchmark
        t0 = time.perf_counter()
        size = node.index(parts[code], code, indexes[code], build_dir, digests, key)
        out["offline"][code] = time.perf_counter() - t0
        if bundle:
            bundle.add((OFFLINE, code), [(indexes[code], _offline_index_path(code))])
        return size
    failures, futures = [], {}
    parallel = jobs > 1 and len(codes) > 1
    # The workers fork first, so they do not inherit the pipes of the node process started next.
    pool = multiprocessing.get_context("fork").Pool(min(jobs, len(codes)), initializer=_worker_signals) \
        if parallel else None
    done = queue.SimpleQueue()      # what each task returned (or raised), as it finishes

    def submit(task, *args):
        if pool:        # (the pool runs its tasks in the order they were given)
            pool.apply_async(task, args, callback=done.put, error_callback=done.put)
        else:
            try:
                done.put(task(*args))
            except Exception as e:      # raised below, as from a worker
                done.put(e)

    with pool or contextlib.nullcontext(), Indexer() as node, ThreadPoolExecutor(max_workers=1) as indexer:
        for code in codes:
            submit(_language_pages, code)
        also = meanwhile() if meanwhile else []
        waiting = len(codes)
        while waiting:
            result, waiting = done.get(), waiting - 1
            if isinstance(result, BaseException):
                raise result
            if result[0] == "pages":
                _, code, n, (ts, tm), error, digests = result
                out["pages"][code], out["stage"][code], out["mkdocs"][code] = n, ts, tm
                if error:
                    failures.append(error)
                    continue
                if bundle:
                    bundle.add((PAGES, code), _merged_files(parts[code], by_code[code], code == base_lang.code))
                key = incremental.pages_key(digests)      # (both search indexes are kept by it)
                submit(_language_search, code, key)
                waiting += 1
                futures[code] = indexer.submit(offline_index, code, digests, key)
            else:
                _, code, out["pagefind"][code], error = result
                if error:
                    failures.append(error)
        for code, f in futures.items():
            try:
                out["offline_bytes"][code] = f.result()
            except (RuntimeError, OSError) as e:
                failures.append(str(e))
    shutil.rmtree(_programs_notes(tmp), ignore_errors=True)     # every program the workers ran is done
    if failures:
        raise BuildError("\n".join(failures))     # build() discards the parts
    # the base language first: its part becomes tmp
    for lang in sorted((l for l in langs if l.code in parts), key=lambda l: l.code != base_lang.code):
        for source, dest in _merged(parts[lang.code], lang, lang.code == base_lang.code):
            source.rename(tmp / dest)
        shutil.rmtree(parts[lang.code], ignore_errors=True)
    for source, dest in also:
        source.rename(tmp / dest)
    (tmp / "search").mkdir(exist_ok=True)
    for c, f in indexes.items():
        f.rename(tmp / _offline_index_path(c))
    vendor_engine(tmp)
    return out


# The offline zip's groups of files, as the build hands them over (bundle.Bundle.add): the open
# data (_open_data), each language's pages and each language's offline index (languages_all).
OPEN_DATA, PAGES, OFFLINE = ("open data",), "pages", "offline"


def zip_groups(codes: list[str]) -> list:
    """The order the zip writes those groups in, whichever is handed over first: the open data
    (ready first), then the pages of each language, then their offline indexes."""
    return [OPEN_DATA] + [(kind, c) for kind in (PAGES, OFFLINE) for c in codes]


def _open_data(site, root: Path, tmp: Path, bundle) -> list[tuple[Path, str]]:
    """Write the open data (data/, opendata.write_open_data) beside the unfinished site, while the
    workers build the languages: it depends on no page, and this process would only wait. Hand it
    to the bundle, and to the merge (which moves it into the site)."""
    folder = tmp.parent / f"{tmp.name}.data"
    write_open_data(site, folder, root / "schemas")
    if bundle:
        bundle.add(OPEN_DATA, files_in(folder, "data/"))
    return [(folder, "data")]


def _merged(part: Path, lang: i18n.Language, base: bool) -> list[tuple[Path, str]]:
    """What the merge keeps of a language's part, and where it goes in the site: all of the base
    language's part (the site's root, with the one copy of the theme's assets); of the others,
    their folder and their sitemap, which Material looks for beside each language's home page."""
    if base:
        return [(part, "")]
    if not lang.prefix:
        return []
    names = [n for n in ("sitemap.xml", "sitemap.xml.gz") if (part / n).exists()]
    return [(part / lang.code, lang.code)] + [(part / n, f"{lang.code}/{n}") for n in names]


def _merged_files(part: Path, lang: i18n.Language, base: bool) -> list[tuple[Path, str]]:
    """The files of a language's part that the merge keeps: (the file, its path in the site), for
    the offline zip (which leaves out the Pagefind bundle, bundle.in_zip)."""
    files = []
    for source, dest in _merged(part, lang, base):
        files += files_in(source, f"{dest}/" if dest else "") if source.is_dir() else [(source, dest)]
    return files


def _offline_index_path(code: str) -> str:
    return f"search/offline-{code}.js"


def _run(cmd: list[str], what: str):
    preexec = notes = None
    if _IN_WORKER and sys.platform.startswith("linux"):        # (a worker runs for a build: _JOB is set)
        worker, notes = os.getpid(), _programs_notes(_JOB["tmp"])
        preexec = lambda: _die_with_worker(worker, notes)      # noqa: E731
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec) as p:
        note = notes / str(p.pid) if notes else None
        try:
            out, err = p.communicate()
        except BaseException:               # Ctrl+C, or SIGTERM in the CLI: stop the program too
            p.kill()
            raise
        finally:
            if note:
                note.unlink(missing_ok=True)
    if p.returncode != 0:
        raise BuildError(f"{what} failed (exit {p.returncode}):\n{out[-4000:]}\n{err[-4000:]}")


class _Clock:
    """Wall time of each stage, written to build/timings.json for the benchmark."""

    def __init__(self):
        self.t0 = self.last = time.perf_counter()
        self.times = {}

    def lap(self, name):
        now = time.perf_counter()
        self.times[name] = round(now - self.last, 3)
        self.last = now


def build_dir_for(root: Path, out: Path) -> Path:
    """The checkout's own site stages in build/; a build elsewhere (tests, benchmarks) stages beside
    its output, so it never disturbs a preview or another build running from this checkout."""
    return root / "build" if out == (root / "site").resolve() else out.parent / f".{out.name}.build"


def build(root: Path, out: Path | None = None, langs=None, quiet=False, jobs: int | None = None,
          bundle_to: Path | None = None) -> int:
    """Validate and build the site into out (default site/), replacing it only once the new one is
    complete. With bundle_to (a folder, as dist/), also write the offline zip there while building
    (bundle.Bundle), with a copy in the site's download/ folder."""
    out = (out or root / "site").resolve()
    build_dir = build_dir_for(root, out)
    with templates_compiled_aside(root, build_dir) as aside:
        code = _build(root, out, build_dir, langs, quiet, jobs, bundle_to)
        aside["done"] = code == 0
        return code


def _build(root: Path, out: Path, build_dir: Path, langs, quiet: bool, jobs: int | None,
           bundle_to: Path | None) -> int:
    clock = _Clock()
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    with without_gc():
        src, problems = validate(root)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"\n{len(problems)} problem(s) found; the site was not built and {out} was left as it was.",
              file=sys.stderr)
        return 1
    clock.lap("validate")
    say(f"validated {len(src.countries)} countries, {len(src.resources)} resources, {len(src.tools)} tools, "
        f"{len(src.pages)} content files")
    all_langs = src.langs
    wanted = [l.code for l in all_langs] if not langs else list(langs)
    unknown = set(wanted) - {l.code for l in all_langs}
    if unknown:
        print(f"unknown language(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    strings = i18n.Strings(src)
    site = build_site(src)
    docs = build_dir / "docs"
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    codes = [l.code for l in all_langs if l.code in wanted]
    zipped = None
    clock.lap("model")
    try:
        if bundle_to:
            zipped = Bundle(bundle_to, tmp, zip_groups(codes))
        with incremental.lock(build_dir):
            per = languages_all(root, build_dir, docs, site, strings, build_info(root), all_langs, wanted, tmp,
                                jobs or os.cpu_count() or 1, zipped,
                                meanwhile=lambda: _open_data(site, root, tmp, zipped))
        clock.lap("languages")
        say("staged, built and indexed " + ", ".join(
            f"{k}: {n} pages in {per['stage'][k] + per['mkdocs'][k] + per['pagefind'][k]:.1f} s"
            for k, n in per["pages"].items()))
        say("offline search index: " + ", ".join(f"{k} {v / 1024:.0f} KB"
                                                 for k, v in sorted(per["offline_bytes"].items())))
        write_redirects(site, tmp, strings, wanted)
        clock.lap("redirects")
        if zipped:
            zipped.finish()      # (most of it was written while the languages were built)
            clock.lap("bundle")
        swap(tmp, out)
        if zipped:
            zipped.keep()
    except (BuildError, RuntimeError) as e:
        if zipped:
            zipped.abandon()
        _discard(tmp)
        print(str(e), file=sys.stderr)
        print(f"\nbuild failed; {out} was left as it was.", file=sys.stderr)
        return 1
    except BaseException:       # interrupted (Ctrl+C, SIGTERM): leave no half-built folders behind
        if zipped:
            zipped.abandon()
        _discard(tmp)
        raise
    clock.lap("swap")
    total = time.perf_counter() - clock.t0
    (root / "build").mkdir(exist_ok=True)
    (root / "build" / "timings.json").write_text(json.dumps(
        {"total": round(total, 3), **clock.times,
         **{f"{k}_per_language": {c: round(v, 3) for c, v in per[k].items()}
            for k in ("stage", "mkdocs", "pagefind", "offline")}},
        indent=1), encoding="utf-8")
    say(f"built {out} in {total:.1f} s")
    if zipped and not quiet:
        say_bundle(zipped.target, zipped.name)
    return 0


def preview(root: Path, lang_code: str, quiet: bool = False) -> Path | None:
    """Fast rebuild of one language for 'trmkb serve --lang': MkDocs rebuilds only the staged
    pages that changed (--dirty) in a persistent folder (all of them after a change to the theme,
    the configuration or the set of pages: see incremental), and Pagefind indexes just that language.
    Offline index, open data and the atomic swap are left to the full build."""
    t0 = time.perf_counter()
    src, problems = validate(root)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"\n{len(problems)} problem(s); the preview was not rebuilt.", file=sys.stderr)
        return None
    lang = next((l for l in src.langs if l.code == lang_code), None)
    if lang is None:
        print(f"unknown language: {lang_code} (this site has {', '.join(src.codes)})", file=sys.stderr)
        return None
    strings = i18n.Strings(src)
    build_dir = root / "build"
    docs = build_dir / "docs"
    with incremental.lock(build_dir):
        compile_templates(jinja_cache(build_dir))
        _stage_kept(root, build_site(src), strings, docs, lang.code, src.langs, incremental.staging_inputs(root))
        cfg = write_mkdocs_config(root, build_dir, docs, lang, src.langs, strings)
        out = build_dir / f"preview-{lang.code}"
        error = _mkdocs_kept(root, cfg, docs / lang.code, out)
        if error:
            print(f"mkdocs build failed: {error}", file=sys.stderr)
            return None
        stamp(out, lang.code, build_info(root))     # in place: --dirty rewrites only changed pages
        try:
            pagefind(out, lang)
        except BuildError as e:
            print(str(e), file=sys.stderr)
            return None
    if not quiet:
        print(f"preview of {lang.code} rebuilt in {time.perf_counter() - t0:.1f} s", flush=True)
    return out


def _programs_notes(tmp: Path) -> Path:
    return tmp.parent / f"{tmp.name}.programs"


def _wait_for_programs(tmp: Path, timeout: float = 5.0):
    """Before a stopped build removes its folders: wait until the programs its workers were running
    are gone. The kernel kills them with their workers (_die_with_worker), but nobody waited for
    them, and one could still write into a folder just removed (a part left behind, now and then)."""
    deadline = time.monotonic() + timeout
    for note in sorted(_programs_notes(tmp).glob("*")):
        while time.monotonic() < deadline:
            try:
                state = Path(f"/proc/{int(note.name)}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, ValueError, IndexError):
                break                       # gone (or not Linux: nothing to wait for)
            if state in ("Z", "X"):         # dead, not yet reaped by init: writes nothing more
                break
            time.sleep(0.01)


def _discard(tmp: Path):
    """Remove an unfinished build: the merged folder and each language's parts and index files,
    once the programs its workers ran are gone (_wait_for_programs)."""
    _wait_for_programs(tmp)
    for p in [tmp, *tmp.parent.glob(f"{tmp.name}.*")]:
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)


def swap(new: Path, out: Path):
    """Replace out with new using renames, so readers never see a half-written site."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
