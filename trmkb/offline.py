"""Offline search: one MiniSearch index per language, loaded by a classic script, so search
works from file:// where Pagefind cannot run. Documents are the same pages Pagefind indexes
(those marked data-pagefind-body), so English fallbacks never enter another language's index."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from . import ROOT

VENDOR = {"minisearch/dist/umd/index.js": "minisearch.js"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Extract(HTMLParser):
    """Collect <html lang>, the first <h1> and the text inside data-pagefind-body, minus ignored parts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.title, self.parts = None, "", []
        self.depth = 0          # >0 while inside the indexed body
        self.skip = 0           # >0 while inside an ignored element
        self.in_h1 = False
        self.stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in VOID:
            return
        body = "data-pagefind-body" in a
        ignore = ("data-pagefind-ignore" in a or "headerlink" in (a.get("class") or "") or tag in ("script", "style"))
        self.stack.append((body, ignore))
        if body or self.depth:
            self.depth += 1
        if ignore and self.depth:
            self.skip += 1
        if tag == "h1" and self.depth and not self.title:
            self.in_h1 = True

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        body, ignore = self.stack.pop()
        if ignore and self.depth:
            self.skip -= 1
        if self.depth:
            self.depth -= 1
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.depth and not self.skip:
            if self.in_h1:
                self.title += data
            self.parts.append(data)


_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"")


def extract(path: Path) -> dict | None:
    html = path.read_text(encoding="utf-8")
    # Only the indexed region needs parsing: skip the head and the navigation (most of each page).
    at = html.find("data-pagefind-body")
    if at < 0:
        return None
    p = _Extract()
    m = _HTML_LANG.search(html, 0, 2000)
    p.lang = m.group(1) if m else None
    end = html.find("</article>", at)
    p.feed(html[html.rfind("<", 0, at):end if end > 0 else len(html)])
    if not p.parts:
        return None
    text = " ".join(" ".join(p.parts).split())
    title = " ".join(p.title.split())
    body = text[len(title):].strip() if text.startswith(title) else text
    return {"lang": p.lang, "title": title, "text": body, "excerpt": body[:180]}


def documents(site: Path) -> dict[str, list[dict]]:
    by_lang: dict[str, list[dict]] = {}
    for n, path in enumerate(sorted(site.rglob("*.html"))):
        if path.parts[len(site.parts)] in ("pagefind", "assets", "search"):
            continue
        doc = extract(path)
        if doc and doc["lang"]:
            doc["id"] = n
            doc["url"] = path.relative_to(site).as_posix()
            by_lang.setdefault(doc.pop("lang"), []).append(doc)
    return by_lang


def build_offline_index(site: Path, node_modules: Path | None = None) -> dict[str, int]:
    """Write site/search/offline-<lang>.js and the vendored engine; return bytes per language."""
    node_modules = node_modules or ROOT / "node_modules"
    if not (node_modules / "minisearch").exists():
        raise RuntimeError(f"{node_modules}/minisearch is missing: run 'npm ci' (scripts/build does it)")
    vendor = site / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for src, dest in VENDOR.items():
        shutil.copy(node_modules / src, vendor / dest)
    out = site / "search"
    out.mkdir(exist_ok=True)
    sizes = {}
    env = {"TRMKB_NODE_MODULES": str(node_modules), "TRMKB_ASSETS": str(ROOT / "overrides" / "assets"),
           "PATH": "/usr/bin:/bin:/usr/local/bin", "TRMKB_CHECK_PACK": os.environ.get("TRMKB_CHECK_PACK", "0")}
    with tempfile.TemporaryDirectory() as tmp:
        procs = {}
        for lang, docs in documents(site).items():      # one node process per language, all at once
            docs_file = Path(tmp) / f"{lang}.json"
            docs_file.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
            target = out / f"offline-{lang}.js"
            procs[lang] = (target, subprocess.Popen(
                ["node", str(ROOT / "trmkb" / "js" / "build-index.js"), str(docs_file), str(target), lang],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for lang, (target, p) in procs.items():
            _out, err = p.communicate()
            if p.returncode:
                raise RuntimeError(f"offline index for {lang} failed:\n{err[-2000:]}")
            sizes[lang] = target.stat().st_size
    return sizes
