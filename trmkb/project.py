"""Where the sources live, and loading all of them (stage 1 of the pipeline)."""
from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import Language, languages
from .incremental import write_atomic
from .load import Doc, LoadError, load_markdown, load_yaml
from .problems import Problem

_SUFFIX = re.compile(r"^(?P<stem>.+?)(\.(?P<lang>[a-z]{2}))?\.md$")


@dataclass
class Sources:
    root: Path
    langs: list[Language]
    countries: list[Doc] = field(default_factory=list)
    resources: list[Doc] = field(default_factory=list)
    tools: list[Doc] = field(default_factory=list)
    pages: list[Doc] = field(default_factory=list)   # content/**/*.md, English and translations
    vocab: Doc | None = None
    strings: dict[str, Doc] = field(default_factory=dict)     # i18n/strings/<lang>.yml, by language
    problems: list[Problem] = field(default_factory=list)

    @property
    def default(self) -> str:
        return next(l.code for l in self.langs if l.default)

    @property
    def codes(self) -> list[str]:
        return [l.code for l in self.langs]


def page_key(doc: Doc) -> tuple[str, str | None]:
    """content/sop/SOP-4.2.fr.md -> ('sop/SOP-4.2', 'fr'); English files have no language suffix."""
    m = _SUFFIX.match(doc.path.name)
    parent = Path(doc.rel).parent.relative_to("content")
    return str(parent / m.group("stem")), m.group("lang")


def site_stem(stem: str) -> str:
    """Where a content page is on the site (its path without .html): content/pages/ at the site's
    root (pages/about -> about), the procedures under sop/ as they are."""
    return stem.split("/", 1)[1] if stem.startswith("pages/") else stem


def is_sop_phase(stem: str) -> bool:
    """sop/SOP-4 is a phase (with a printable page, sop/SOP-4-print); sop/SOP-4.2 is one of its steps."""
    return stem.startswith("sop/") and "." not in stem.split("/")[-1]


# A long-lived process (the live preview) loads the same files again after every edit: keep each
# file's parse result (and, in the Doc, its schema check) while its bytes are unchanged. Docs are
# read-only after loading. Between processes the same results are kept in build/load-cache.pickle
# (see save_cache), valid only for the same loader and checker code and library versions.
_LOADED: dict[str, tuple[bytes, Doc | None, Problem | None]] = {}
_STATE = {"loaded_from": None, "changed": False}
_CODE = ("trmkb/load.py", "trmkb/project.py", "trmkb/validate.py", "trmkb/problems.py")
_PACKAGES = ("pyyaml", "jsonschema", "referencing")


def _cache_file(root: Path) -> Path:
    return root / "build" / "load-cache.pickle"


def _code_version() -> str:
    from .incremental import code_digest
    return code_digest(_PACKAGES, _CODE)


def _read_cache(root: Path):
    """Fill _LOADED from the last process's results, once per process and root."""
    f = _cache_file(root)
    if _STATE["loaded_from"] == f:
        return
    _STATE["loaded_from"] = f
    try:
        with f.open("rb") as fh:
            version, entries = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return
    if version == _code_version():
        for key, entry in entries.items():
            _LOADED.setdefault(key, entry)


def mark_changed():
    """A kept result was replaced (for example a schema check redone after a schema edit)."""
    _STATE["changed"] = True


def save_cache(root: Path):
    """Keep this process's parse and schema results for the next one (after validation, which
    adds the schema results). Written atomically; a cache that cannot be written is no error."""
    if not _STATE["changed"] and _cache_file(root).exists():
        return
    prefix = str(root.resolve()) + "/"
    entries = {k: v for k, v in _LOADED.items() if k.startswith(prefix)}
    f = _cache_file(root)
    try:
        f.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(f, pickle.dumps((_code_version(), entries), protocol=pickle.HIGHEST_PROTOCOL))
        _STATE["changed"] = False
    except OSError:
        pass


def load_all(root: Path) -> Sources:
    try:
        src = Sources(root=root, langs=languages(root))
    except LoadError as e:      # nothing can be checked without the list of languages
        src = Sources(root=root, langs=[])
        src.problems.append(e.problem)
        return src
    _read_cache(root)

    def take(loader, path):
        key = str(path.resolve())
        try:
            digest = hashlib.sha1(path.read_bytes()).digest()
        except OSError:
            digest = b""
        hit = _LOADED.get(key)
        if hit and digest and hit[0] == digest:
            doc, problem = hit[1], hit[2]
        else:
            try:
                doc, problem = loader(path, root), None
            except LoadError as e:
                doc, problem = None, e.problem
            _LOADED[key] = (digest, doc, problem)
            _STATE["changed"] = True
        if problem is not None:
            src.problems.append(problem)
        return doc

    for kind in ("countries", "resources", "tools"):
        folder = root / "data" / kind
        for p in sorted(folder.glob("*.y*ml")) if folder.exists() else []:
            d = take(load_yaml, p)
            if d is not None:
                getattr(src, kind).append(d)
    vocab = root / "data" / "vocabularies.yml"
    if vocab.exists():
        src.vocab = take(load_yaml, vocab)
    strings = root / "i18n" / "strings"
    for p in sorted(strings.glob("*.yml")) if strings.exists() else []:
        d = take(load_yaml, p)
        if d is not None:
            src.strings[p.stem] = d
    content = root / "content"
    for p in sorted(content.rglob("*.md")) if content.exists() else []:
        d = take(load_markdown, p)
        if d is not None:
            src.pages.append(d)
    return src
