"""Incremental builds: a full build reuses what an earlier build made from the same inputs.

Each language keeps its MkDocs output in build/parts/<code>/ with a fingerprint of everything
that output depends on besides the staged pages themselves: the language's MkDocs config, the
list of staged pages, the theme overrides, our hook and stage code, and the versions of MkDocs,
Material, Markdown and Jinja. When the fingerprint matches, MkDocs runs with --dirty and
re-renders only the pages whose staged Markdown was rewritten since (staging rewrites a file
only when its text changes). Anything else, or a build that did not finish, means a clean
build of that language. A language's Pagefind bundle is reused when its HTML is byte-for-byte
the same as when it was made; its offline index when the documents extracted for it are the same.

A build after an edit gives the same site as a build from nothing (tests/builds/test_incremental.py)."""
from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import platform
import shutil
from importlib import metadata
from pathlib import Path

import jinja2

from . import ROOT

PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions", "pagefind", "lxml")
CODE = ("trmkb/mkdocs_hooks.py", "trmkb/csp.py", "trmkb/stage.py", "trmkb/typography.py", "trmkb/i18n.py", "trmkb/offline.py",
        "trmkb/js/build-index.js")
INDEXING = CODE + ("trmkb/build.py", "overrides/assets/search-text.js", "node_modules/minisearch/package.json")


@contextlib.contextmanager
def lock(build_dir: Path):
    """One build or preview at a time uses a build folder (its staged pages and kept outputs):
    a second one waits here until the first is done."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_INSTALLED_THEME_FILES: dict[str, list[str]] = {}
THEME_PREFIX = "theme:"


def _visible_files(folder: str) -> list[str]:
    """The files under folder (paths with /), but none under a hidden folder or hidden itself:
    hidden folders are not even walked (Material's .icons/ holds 14,300 of its 14,500 files)."""
    found = []
    for path, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(path, folder)
        found += [f if rel == "." else f"{rel}/{f}".replace(os.sep, "/") for f in files if not f.startswith(".")]
    return found


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's template loader, with one difference: the list of files in an installed theme
    folder (Material's has 14,500, mostly icons, walked by MkDocs at the start of every build of
    every language) is read once per process, without walking hidden folders (its .icons/,
    which MkDocs' own filter of theme files drops after matching each name against its patterns;
    templates include them by name, which does not use this list). The project's own folder
    (custom_dir) is read every time, so a file added to overrides/ is seen."""

    def __init__(self, searchpath, installed, **kw):
        super().__init__(searchpath, **kw)
        self.installed = set(installed)

    def get_source(self, environment, template):
        """'theme:NAME' is the installed theme's own NAME, which a file of the same name in
        overrides/ may wrap (see overrides/partials/)."""
        if template.startswith(THEME_PREFIX):
            inner = jinja2.FileSystemLoader([d for d in self.searchpath if d in self.installed],
                                            encoding=self.encoding, followlinks=self.followlinks)
            return inner.get_source(environment, template[len(THEME_PREFIX):])
        return super().get_source(environment, template)

    def list_templates(self) -> list[str]:
        found = set()
        for folder in self.searchpath:
            if folder in self.installed:
                if folder not in _INSTALLED_THEME_FILES:
                    _INSTALLED_THEME_FILES[folder] = _visible_files(folder)
                found.update(_INSTALLED_THEME_FILES[folder])
            else:
                found.update(jinja2.FileSystemLoader(folder, followlinks=self.followlinks).list_templates())
        return sorted(found)


@functools.lru_cache(maxsize=None)
def _version(name: str) -> str:
    try:
        return f"{name}=={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} missing"


def code_digest(packages: tuple[str, ...], files: tuple[str, ...]) -> str:
    """sha1 over the Python version, the installed versions of packages and the bytes of files
    (relative to the checkout; a missing file counts as missing): what a kept result was made with."""
    h = hashlib.sha1(platform.python_version().encode())
    for name in packages:
        h.update(_version(name).encode() + b"\0")
    for f in files:
        path = ROOT / f
        h.update(hashlib.sha1(path.read_bytes()).digest() if path.is_file() else b"missing")
    return h.hexdigest()


def combine(digests: dict[str, bytes]) -> str:
    """One sha1 over files' relative names and their own sha1s ({name: digest}), in name order."""
    h = hashlib.sha1()
    for name in sorted(digests):
        h.update(name.encode("utf-8") + b"\0")
        h.update(digests[name])
    return h.hexdigest()


def digest_tree(path: Path, pattern: str = "**/*", skip: tuple[str, ...] = ()) -> str:
    """sha1 over the relative names and bytes of the files under path, leaving out those whose
    names end with one of `skip`."""
    return combine({f.relative_to(path).as_posix(): hashlib.sha1(f.read_bytes()).digest()
                    for f in path.glob(pattern) if f.is_file() and not f.name.endswith(skip)}
                   if path.is_dir() else {})


STAGING = ("trmkb/stage.py", "trmkb/model.py", "trmkb/phones.py", "trmkb/status.py", "trmkb/i18n.py", "trmkb/project.py",
           "trmkb/load.py")


def staging_inputs(root: Path) -> str:
    """The part of stage_key that is the same for every language (made once per build): the
    staging code and library versions, the templates, every data file, the list of languages and
    the English interface strings."""
    h = hashlib.sha1(code_digest(PACKAGES + ("babel", "pyyaml"), STAGING).encode())
    h.update(digest_tree(ROOT / "trmkb" / "templates").encode())       # the package's, not the project's
    h.update(digest_tree(root / "data").encode())
    for f in ("i18n/languages.yml", "i18n/strings/en.yml"):
        p = root / f
        h.update(f.encode() + b"\0" + (hashlib.sha1(p.read_bytes()).digest() if p.is_file() else b"-"))
    return h.hexdigest()


def stage_key(root: Path, code: str, codes: list[str], common: str) -> str:
    """What a language's staged pages are made from: what every language's are (staging_inputs,
    given as `common`), the English and this language's content files (not the other languages': a
    page shows its own language or falls back to English) and its interface strings; not the
    build's version and date (pages hold tokens for them, see stage.stamp). When it has not
    changed, the pages staged last time are still right."""
    other = tuple(f".{c}.md" for c in codes if c != code)
    h = hashlib.sha1(f"{code}\0{common}".encode())
    h.update(digest_tree(root / "content", "**/*.md", skip=other).encode())
    p = root / "i18n" / "strings" / f"{code}.yml"
    h.update(hashlib.sha1(p.read_bytes()).digest() if p.is_file() else b"-")
    return h.hexdigest()


class Staged:
    """A language's staged pages (build/docs/<code>/) and the key they were made with, kept beside
    them (build/docs/<code>.staged), with their count. Removed while staging runs, so pages staged
    halfway, or by a run that did not record its key, are never trusted."""

    def __init__(self, docs: Path, code: str):
        self.dir = docs / code
        self.stamp = docs / f"{code}.staged"

    def pages(self, key: str) -> int | None:
        try:
            kept_key, count = self.stamp.read_text().split()
        except (OSError, ValueError):
            return None
        return int(count) if kept_key == key and self.dir.is_dir() else None

    def forget(self):
        self.stamp.unlink(missing_ok=True)

    def done(self, key: str, count: int):
        self.stamp.write_text(f"{key} {count}")


def mkdocs_fingerprint(root: Path, cfg: Path, docs_root: Path) -> str:
    """What a language's MkDocs output depends on, apart from the text of each staged page."""
    h = hashlib.sha1()
    for part in [cfg.read_text(encoding="utf-8"), code_digest(PACKAGES, CODE),
                 *sorted(p.relative_to(docs_root).as_posix() for p in docs_root.rglob("*.md")),
                 digest_tree(root / "overrides")]:
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


class Kept:
    """A language's MkDocs output kept between builds (build/parts/<code>/ for the full build,
    build/preview-<code>/ for the preview), and the fingerprint it was made with."""

    def __init__(self, folder: Path):
        self.dir = folder
        self.stamp = folder.with_name(folder.name + ".fingerprint")

    def begin(self, fingerprint: str) -> bool:
        """Return True when the kept output can be updated in place (MkDocs --dirty). The stamp is
        removed until the build succeeds, so an interrupted or failed build is never trusted."""
        dirty = self.dir.is_dir() and self.stamp.is_file() and self.stamp.read_text() == fingerprint
        self.stamp.unlink(missing_ok=True)
        if not dirty:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir.parent.mkdir(parents=True, exist_ok=True)
        return dirty

    def done(self, fingerprint: str):
        self.stamp.write_text(fingerprint)


class Derived:
    """Outputs made from a language's built pages (its Pagefind bundle, its offline index), kept
    in build/derived/<name>-<code>/ beside the keys they are valid for, one per line: the key they
    were made with, and possibly one more that is known to give the same output (for the offline
    index: the digest of the pages its documents were last extracted from)."""

    def __init__(self, build_dir: Path, name: str, code: str):
        self.dir = build_dir / "derived" / f"{name}-{code}"
        self.stamp = build_dir / "derived" / f"{name}-{code}.digest"

    def _keys(self) -> list[str]:
        try:
            return self.stamp.read_text().split("\n")
        except OSError:
            return []

    def get(self, key: str) -> Path | None:
        return self.dir if key and self.dir.is_dir() and key in self._keys() else None

    FILE = "output"     # where a kept file (not a folder) is stored

    def put(self, key: str, source: Path, also: str = ""):
        """Keep a copy of source (a folder, or a file stored as FILE) for the next build with the same key."""
        self.stamp.unlink(missing_ok=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, self.dir, copy_function=link_or_copy)
        else:
            self.dir.mkdir()
            shutil.copy2(source, self.dir / self.FILE)
        self.stamp.write_text("\n".join(k for k in (key, also) if k))

    def also(self, key: str, also: str):
        """The output kept for key is right for `also` too (it replaces the previous extra key)."""
        keys = self._keys()
        if keys and keys[0] == key and also:
            self.stamp.write_text(f"{key}\n{also}")


def write_atomic(path: Path, data: bytes):
    """Replace path with a new file holding data (a reader never sees half of it, and a hard link
    to the old file keeps the old bytes)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def link_or_copy(src, dst):
    """shutil.copytree's copy_function for files that nobody writes again in place (a Pagefind
    bundle: each run writes a new one; MkDocs' kept output: see mkdocs_hooks._detach): a hard link,
    which shares the file instead of making a new one (making and deleting files is much of a
    build's system time); a copy across file systems."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def pages_key(pages: dict[str, bytes]) -> str:
    """Digest of a language's built HTML pages ({name: sha1 of its bytes}, from stage.stamp), plus
    the code that indexes them: what its Pagefind bundle is made from."""
    return hashlib.sha1((combine(pages) + code_digest(PACKAGES, INDEXING)).encode()).hexdigest()


def text_key(text: str) -> str:
    """Digest of the documents an offline index is made from, plus the code that makes it: the
    index is reused when only text it leaves out changed (the version printed on briefs, the theme)."""
    return hashlib.sha1(text.encode("utf-8") + code_digest(PACKAGES, INDEXING).encode()).hexdigest()
