"""Where the sources live, and loading all of them (stage 1 of the pipeline)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import Language, languages
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


# A long-lived process (the live preview) loads the same files again after every edit: keep each
# file's parse result while its bytes are unchanged. Docs are read-only after loading.
_LOADED: dict[str, tuple[bytes, Doc | None, Problem | None]] = {}


def load_all(root: Path) -> Sources:
    src = Sources(root=root, langs=languages(root))

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
    content = root / "content"
    for p in sorted(content.rglob("*.md")) if content.exists() else []:
        d = take(load_markdown, p)
        if d is not None:
            src.pages.append(d)
    return src
