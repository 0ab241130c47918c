"""No page of the shipped site shows a volatile fact without its source: every fact on a
profile, comparison or corridor page carries its status; a verified fact cites at least one
numbered source that exists; every phone number sits inside such a fact."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.build
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent


def parse(path):
    t = _Tree()
    t.feed(path.read_text(encoding="utf-8"))
    return t.root


def fact_pages(site):
    for p in sorted(site.rglob("countries/*.html")):
        if p.name != "index.html":
            yield p


def problems_of(path, site) -> list[str]:
    root = parse(path)
    nodes = list(root.walk())
    ids = {n.attrs["id"] for n in nodes if n.attrs.get("id")}
    out = []
    rel = path.relative_to(site)
    for n in nodes:
        if n.attrs.get("data-fact") is not None:
            if not any(m.attrs.get("data-status") for m in n.walk()):
                out.append(f"{rel}: fact {n.attrs['data-fact']} shows no status")
        status = n.attrs.get("data-status")
        if status == "verified":
            # the citations follow the status inside the same container
            cites = [m for m in n.parent.walk() if "trm-cite" in m.classes()]
            if not cites:
                out.append(f"{rel}: a verified fact cites no source (in <{n.parent.tag}>)")
            for c in cites:
                href = c.attrs.get("href", "")
                page, _, anchor = href.partition("#")
                if not anchor.startswith("source-"):
                    out.append(f"{rel}: citation {href!r} does not point to a source")
                elif not page and anchor not in ids:
                    out.append(f"{rel}: citation {href!r} has no source on the page")
                elif page:
                    target = (path.parent / page).resolve()
                    if not target.exists() or f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
                        out.append(f"{rel}: citation {href!r} has no source on {page}")
        if n.tag == "a" and n.attrs.get("href", "").startswith("tel:"):
            holder = next((a for a in n.ancestors() if a.tag in ("li", "td", "dd", "div")), None)
            if holder is None or not any(m.attrs.get("data-status") for m in holder.walk()):
                out.append(f"{rel}: phone number {n.attrs['href']} shown without its status and source")
    return out


def test_every_fact_on_every_page_has_its_source(built_real):
    pages = list(fact_pages(built_real))
    # 50 profiles, comparison and corridors, in five languages
    assert len(pages) >= 5 * 50
    problems = [p for page in pages for p in problems_of(page, built_real)]
    assert problems == [], "\n".join(problems[:40])


def test_the_check_catches_an_unsourced_fact(built_real, tmp_path):
    """The rule above can fail: a profile with its citations and statuses stripped is caught."""
    page = built_real / "countries" / "ua.html"
    html = page.read_text(encoding="utf-8")
    bad = tmp_path / "countries" / "ua.html"
    bad.parent.mkdir()
    bad.write_text(html.replace('class="trm-cite"', 'class="x"').replace("data-status=", "data-x="), encoding="utf-8")
    found = problems_of(bad, tmp_path)
    assert any("cites no source" in p or "shows no status" in p for p in found)
    assert any("phone number" in p for p in found)
