"""Offline search: one MiniSearch index per language, loaded by a classic script, so search
works from file:// where Pagefind cannot run. Documents are the same pages Pagefind indexes
(those marked data-pagefind-body), so English fallbacks never enter another language's index."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
from pathlib import Path

import lxml.etree

from . import ROOT, incremental

VENDOR = {"minisearch/dist/umd/index.js": "minisearch.js"}
_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]+)\"")
_IGNORED = ".//*[@data-pagefind-ignore] | .//script | .//style"   # heading permalinks: see mkdocs_hooks


_PARSER = lxml.etree.HTMLParser()


def _drop(el):
    """Remove an element and what it holds, keeping the text that follows it (lxml.html's drop_tree)."""
    parent, tail = el.getparent(), el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text(el) -> str:
    # itertext, joined with spaces: table cells and inline tags are separate words
    return " ".join(" ".join(el.itertext()).split())


def indexed_region(html: str) -> tuple[int, int] | None:
    """Where the text both search indexes read sits in a built page: from the element marked
    data-pagefind-body to the end of the article. The head, the header, the navigation and the
    footer (most of each page's bytes) hold none of it. None: the page is not indexed."""
    at = html.find("data-pagefind-body")
    if at < 0:
        return None
    end = html.find("</article>", at)
    return html.rfind("<", 0, at), end if end > 0 else len(html)


# Pagefind makes a sub-result of every heading with an id: the page's <h1> (which has one, for its
# permalink) gave every result a first sub-result repeating its title. Without it, the text before
# the first <h2> is the page's own, and the search page shows it as the result's excerpt.
_TITLE_ANCHOR = re.compile(r'(<h1\b[^>]*?)\s+id="[^"]*"')


# Pagefind joins the text of adjacent elements it does not take for blocks: a term and its value
# (<dt>Roles</dt><dd>Country of origin</dd> was indexed as "RolesCountry of origin"), table cells,
# list items. Whatever template wrote them.
_JOINED = re.compile(r"(</(?:dt|dd|th|td|li)>)(?=<)")


def pagefind_html(html: str) -> str:
    """A page as Pagefind reads it, besides the cut (search_input): no anchor on its <h1>, and a
    space after each term, value, cell and list item that another element follows at once."""
    return _JOINED.sub(r"\1 ", _TITLE_ANCHOR.sub(r"\1", html))


def search_input(site: Path, dest: Path) -> int:
    """For Pagefind: a copy under dest of each indexed page under site, cut down to its <html>
    tag, its title (Pagefind's title for a page with no <h1>: a tried fact) and its indexed
    region, as pagefind_html gives it. Pagefind gives the very same bundle, byte for byte, as from
    the whole pages with that change
    (tests/builds/test_search_bundles.py), and parses a third of the bytes. Returns the number
    of pages."""
    n = 0
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        region = indexed_region(html)
        if region is None:
            continue
        top = html.find(">", html.find("<html")) + 1
        title = html.find("<title>")
        title = html[title:html.find("</title>", title) + 8] if title >= 0 else ""
        out = dest / path.relative_to(site)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f'{html[:top]}<head><meta charset="utf-8">{title}</head><body>'
                       f'{pagefind_html(html[region[0]:region[1]])}</body></html>', encoding="utf-8")
        n += 1
    return n


def extract(path: Path) -> dict | None:
    """The page's language, its first <h1> and the text inside data-pagefind-body, minus the parts
    marked data-pagefind-ignore: the same text Pagefind indexes."""
    html = path.read_text(encoding="utf-8")
    # Only the indexed region needs parsing: skip the head and the navigation (most of each page).
    region = indexed_region(html)
    if region is None:
        return None
    m = _HTML_LANG.search(html, 0, 2000)
    # plain lxml.etree: lxml.html's element classes cost a call into Python for every element
    doc = lxml.etree.fromstring("<div>" + html[region[0]:region[1]] + "</div>", _PARSER)
    body = doc.xpath("/html/body/div/*[@data-pagefind-body]") if doc is not None else []
    if not body:
        return None
    body = body[0]
    for el in body.xpath(_IGNORED):
        _drop(el)
    h1 = body.xpath(".//h1")
    title = _text(h1[0]) if h1 else ""
    text = _text(body)
    if not text:
        return None
    rest = text[len(title):].strip() if text.startswith(title) else text
    return {"lang": m.group(1) if m else None, "title": title, "text": rest, "excerpt": rest[:180]}


def documents(site: Path, known: dict | None = None, digests: dict[str, bytes] | None = None) -> dict[str, list[dict]]:
    """The documents of every page under site, by language. With `known` ({page: (sha1 of its
    bytes, what extract gave)}, from an earlier call, updated here), a page whose bytes are
    unchanged is not parsed again; `digests` ({page: sha1}, see stage.stamp) saves reading them."""
    by_lang: dict[str, list[dict]] = {}
    seen = set()
    for n, path in enumerate(sorted(site.rglob("*.html"))):
        if path.parts[len(site.parts)] in ("pagefind", "assets", "search"):
            continue
        rel = path.relative_to(site).as_posix()
        if known is None:
            doc = extract(path)
        else:
            seen.add(rel)
            digest = (digests or {}).get(rel) or hashlib.sha1(path.read_bytes()).digest()
            hit = known.get(rel)
            if hit is None or hit[0] != digest:
                hit = known[rel] = (digest, extract(path))
            doc = dict(hit[1]) if hit[1] else None
        if doc and doc["lang"]:
            doc["id"] = n
            doc["url"] = rel
            by_lang.setdefault(doc.pop("lang"), []).append(doc)
    if known is not None:
        for rel in set(known) - seen:
            del known[rel]
    return by_lang


def _known_pages(path: Path | None) -> dict:
    try:
        with open(path, "rb") as f:
            known = pickle.load(f)
        return known if isinstance(known, dict) else {}
    except Exception:       # none yet, or unreadable: every page is read
        return {}


def _keep_pages(path: Path, known: dict):
    path.parent.mkdir(parents=True, exist_ok=True)
    incremental.write_atomic(path, pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL))


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


class Indexer:
    """One node process (js/build-index.js --jobs) that makes each language's offline index in
    turn, so node starts once per build. Use as a context manager; index() is not thread-safe
    (the build calls it from one thread)."""

    def __init__(self, node_modules: Path | None = None):
        node_modules = _node_modules(node_modules)
        env = {"TRMKB_NODE_MODULES": str(node_modules), "TRMKB_ASSETS": str(ROOT / "overrides" / "assets"),
               "PATH": "/usr/bin:/bin:/usr/local/bin", "TRMKB_CHECK_PACK": os.environ.get("TRMKB_CHECK_PACK", "0")}
        # --single-threaded: no helper threads for V8's collector and compiler. This process runs
        # beside the build's two busy workers, where helpers only take turns on the same cores: the
        # five languages' indexes took 0.90-1.02 s of CPU with it, 1.07-1.18 s without (3 runs each)
        self.proc = subprocess.Popen(["node", "--single-threaded", str(ROOT / "trmkb" / "js" / "build-index.js"),
                                      "--jobs"], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8")

    def index(self, site: Path, lang: str, target: Path, cache: Path | None = None,
              digests: dict[str, bytes] | None = None, pages_key: str | None = None) -> int:
        """Index the pages of one language found under site (that language's own build, before
        the languages are merged) into target; return its size in bytes. With cache (a folder
        kept between builds), an index made from the same documents is reused; when the pages
        themselves are unchanged (their digests, from stage.stamp) without even reading them.
        pages_key: incremental.pages_key(digests), when the caller has it already."""
        if pages_key is None:
            pages_key = incremental.pages_key(digests) if digests else ""
        kept = incremental.Derived(cache, "offline", lang) if cache else None
        if kept and kept.get(pages_key):        # the very pages of last time: nothing to read
            shutil.copy2(kept.dir / kept.FILE, target)
            return target.stat().st_size
        # what each page gave last time, by its bytes: after an edit, only the changed pages are parsed
        pages = cache / "derived" / f"offline-pages-{lang}.pickle" if cache else None
        known = _known_pages(pages) if pages else None
        text = json.dumps(documents(site, known, digests).get(lang, []), ensure_ascii=False)
        if pages:
            _keep_pages(pages, known)
        key = incremental.text_key(text) if kept else ""
        if kept and kept.get(key):               # other pages, the same documents (a theme edit)
            shutil.copy2(kept.dir / kept.FILE, target)
            kept.also(key, pages_key)
            return target.stat().st_size
        size = self._index(text, lang, target)
        if kept:
            kept.put(key, target, also=pages_key)
        return size

    def _index(self, text: str, lang: str, target: Path) -> int:
        docs_file = target.with_name(target.name + ".docs.json")
        docs_file.write_text(text, encoding="utf-8")
        try:
            self.proc.stdin.write(json.dumps({"docs": str(docs_file), "out": str(target), "lang": lang}) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError:
            line = ""
        finally:
            docs_file.unlink(missing_ok=True)
        answer = json.loads(line) if line.strip() else {"error": "node stopped: " + self.proc.stderr.read()[-2000:]}
        if "ok" not in answer:
            raise RuntimeError(f"offline index for {lang} failed:\n{answer['error'][-2000:]}")
        return answer["ok"]

    def close(self):
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
