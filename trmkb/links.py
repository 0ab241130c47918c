"""Link integrity over the built site, every language: each internal link must reach a file
and, when it names one, an anchor on that page. External links are checked for form only
(CI has no network)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .stage import DOWNLOAD

EXTERNAL_OK = re.compile(r"^(https://[^\s/$.?#][^\s]*|mailto:[^@\s]+@[^@\s]+|tel:\+?[0-9]+)$")
SKIP_DIRS = {"pagefind", "search", "assets", "data"}


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) is not None and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.links.append((self.getpos()[0], tag, a[attr]))


def _scan(path: Path, cache: dict) -> _Scan:
    if path not in cache:
        s = _Scan()
        s.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = s
    return cache[path]


def check_links(site: Path) -> list[str]:
    problems, cache = [], {}
    # 404.html is served by web hosts at any path, so MkDocs gives it root-absolute links on purpose.
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in SKIP_DIRS
             and p.name != "404.html"]
    for page in sorted(pages):
        rel = page.relative_to(site).as_posix()
        for line, tag, url in _scan(page, cache).links:
            if url.startswith(("javascript:", "data:", "vbscript:")):
                problems.append(f"{rel}:{line}: <{tag}> has a forbidden '{url.split(':')[0]}:' link")
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "tel") or url.startswith("//"):
                if tag != "a":
                    problems.append(f"{rel}:{line}: <{tag}> loads {url} from another host")
                elif not EXTERNAL_OK.match(url):
                    problems.append(f"{rel}:{line}: external link '{url}' is not a well-formed https/mailto/tel URL")
                continue
            if parts.scheme or url.startswith("/"):
                problems.append(f"{rel}:{line}: link '{url}' must be relative (it breaks from file:// and subfolders)")
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                problems.append(f"{rel}:{line}: link '{url}' points to a folder (opens a listing from file://)")
                continue
            if not target.exists() and target != (site / DOWNLOAD).resolve():   # made by 'trmkb bundle'
                problems.append(f"{rel}:{line}: broken link '{url}'")
                continue
            if parts.fragment and target.suffix == ".html" and site in target.parents:
                if unquote(parts.fragment) not in _scan(target, cache).ids:
                    problems.append(f"{rel}:{line}: link '{url}' names anchor '#{parts.fragment}' that "
                                    f"{target.relative_to(site).as_posix()} does not have")
    return problems
