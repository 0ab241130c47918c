"""Offline search: one MiniSearch index per language, loaded by a classic script, so search
works from file:// where Pagefind cannot run. Documents are the same pages Pagefind indexes
(those marked data-pagefind-body), so English fallbacks never enter another language's index."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html

from . import ROOT

VENDOR = {"minisearch/dist/umd/index.js": "minisearch.js"}
_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"")
_IGNORED = ('.//*[@data-pagefind-ignore] | .//script | .//style'
            ' | .//*[contains(concat(" ", normalize-space(@class), " "), " headerlink ")]')


def _text(el) -> str:
    # itertext, joined with spaces: table cells and inline tags are separate words
    return " ".join(" ".join(el.itertext()).split())


def extract(path: Path) -> dict | None:
    """The page's language, its first <h1> and the text inside data-pagefind-body, minus the parts
    marked data-pagefind-ignore: the same text Pagefind indexes."""
    html = path.read_text(encoding="utf-8")
    # Only the indexed region needs parsing: skip the head and the navigation (most of each page).
    at = html.find("data-pagefind-body")
    if at < 0:
        return None
    m = _HTML_LANG.search(html, 0, 2000)
    end = html.find("</article>", at)
    wrapper = lxml.html.fragment_fromstring(html[html.rfind("<", 0, at):end if end > 0 else len(html)],
                                            create_parent="div")
    body = wrapper.xpath("./*[@data-pagefind-body]")
    if not body:
        return None
    body = body[0]
    for el in body.xpath(_IGNORED):
        el.drop_tree()
    h1 = body.xpath(".//h1")
    title = _text(h1[0]) if h1 else ""
    text = _text(body)
    if not text:
        return None
    rest = text[len(title):].strip() if text.startswith(title) else text
    return {"lang": m.group(1) if m else None, "title": title, "text": rest, "excerpt": rest[:180]}


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


def _node_modules(node_modules: Path | None) -> Path:
    node_modules = node_modules or ROOT / "node_modules"
    if not (node_modules / "minisearch").exists():
        raise RuntimeError(f"{node_modules}/minisearch is missing: run 'npm ci' (scripts/build does it)")
    return node_modules


def vendor_engine(site: Path, node_modules: Path | None = None):
    """Copy the search engine the offline pages load (no CDN) into site/assets/vendor/."""
    node_modules = _node_modules(node_modules)
    vendor = site / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for src, dest in VENDOR.items():
        shutil.copy(node_modules / src, vendor / dest)


def _node(docs: list[dict], lang: str, target: Path, node_modules: Path) -> subprocess.Popen:
    env = {"TRMKB_NODE_MODULES": str(node_modules), "TRMKB_ASSETS": str(ROOT / "overrides" / "assets"),
           "PATH": "/usr/bin:/bin:/usr/local/bin", "TRMKB_CHECK_PACK": os.environ.get("TRMKB_CHECK_PACK", "0")}
    docs_file = target.with_name(target.name + ".docs.json")
    docs_file.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return subprocess.Popen(["node", str(ROOT / "trmkb" / "js" / "build-index.js"), str(docs_file), str(target), lang],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def language_index(site: Path, lang: str, target: Path, node_modules: Path | None = None) -> int:
    """Index the pages of one language found under site (that language's own build, before the
    languages are merged) into target; return its size in bytes."""
    p = _node(documents(site).get(lang, []), lang, target, _node_modules(node_modules))
    _out, err = p.communicate()
    target.with_name(target.name + ".docs.json").unlink(missing_ok=True)
    if p.returncode:
        raise RuntimeError(f"offline index for {lang} failed:\n{err[-2000:]}")
    return target.stat().st_size


def build_offline_index(site: Path, node_modules: Path | None = None) -> dict[str, int]:
    """Write site/search/offline-<lang>.js (one node process per language, all at once) and the
    vendored engine; return bytes per language."""
    node_modules = _node_modules(node_modules)
    vendor_engine(site, node_modules)
    out = site / "search"
    out.mkdir(exist_ok=True)
    procs = {lang: _node(docs, lang, out / f"offline-{lang}.js", node_modules)
             for lang, docs in documents(site).items()}
    sizes = {}
    for lang, p in procs.items():
        _out, err = p.communicate()
        target = out / f"offline-{lang}.js"
        target.with_name(target.name + ".docs.json").unlink(missing_ok=True)
        if p.returncode:
            raise RuntimeError(f"offline index for {lang} failed:\n{err[-2000:]}")
        sizes[lang] = target.stat().st_size
    return sizes
