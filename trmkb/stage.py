"""Stage: write one Markdown file per page and language into build/docs/<lang>/ with Jinja2
(autoescape on). Only changed files are rewritten and files no longer produced are removed,
so a watching preview server does not loop."""
from __future__ import annotations

import functools
import hashlib
import html
import json
import posixpath
import re
from pathlib import Path

import yaml
from babel.numbers import format_decimal, format_percent
from jinja2 import ChainableUndefined, Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from . import i18n, phones
from .incremental import write_atomic
from .model import TREATIES, Site, Text, build_date, evidence, facts_of, is_stale, pick, unverified_count
from .project import is_sop_phase, site_stem
from .status import STATES, report, word_report

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)     # libyaml when PyYAML has it: 10x faster
_DICT_ATTRIBUTES = frozenset(dir(dict))


def dict_first_getattr(env: Environment, obj, attribute):
    """Environment.getattr, but `record.name` on a plain dict looks up the key at once. Jinja tries
    the attribute first and the key only once that has raised AttributeError, for every field of
    every record on every page (a tenth of staging's time went to those exceptions), and for every
    `page.meta.x` of the theme's templates. A plain dict has no attributes but its class's, so the
    result is the same: dict's own (`.items`) where Jinja gives them, otherwise the key, or
    undefined. Our environment's (_Environment), and MkDocs' (mkdocs_hooks.on_env)."""
    if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
        try:
            return obj[attribute]
        except KeyError:
            return env.undefined(obj=obj, name=attribute)
    return Environment.getattr(env, obj, attribute)


class _Environment(Environment):
    getattr = dict_first_getattr


TEMPLATES = _Environment(loader=PackageLoader("trmkb", "templates"), autoescape=select_autoescape(default=True),
                        undefined=ChainableUndefined,
                        # Markdown headings use {#anchor}; keep Jinja comments out of its way
                        comment_start_string="{##", comment_end_string="##}", trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def prefix_anchors(body: str, step_id: str) -> str:
    """In a printed phase every step is on one page: make section anchors unique per step and
    push headings one level down under the step's heading."""
    prefix = step_id.replace(".", "-")
    body = re.sub(r"\{#([a-z-]+)\}", lambda m: "{#" + f"{prefix}-{m.group(1)}" + "}", body)
    return re.sub(r"^(#{2,5}) ", lambda m: "#" + m.group(1) + " ", body, flags=re.M)


TEMPLATES.filters["prefix_anchors"] = prefix_anchors


def display_url(url: str) -> str:
    """A web address as people read it: percent-escapes decoded (Cyrillic, Arabic), no scheme."""
    from urllib.parse import unquote
    return unquote(url).removeprefix("https://")


@functools.lru_cache(maxsize=None)
def url_host(url: str) -> str:
    """Just the host, for printed briefs where a long address cannot be clicked anyway."""
    from urllib.parse import urlsplit
    return urlsplit(url).hostname or url


def after_title(body: str, block: str) -> str:
    """Put a block right after the page's first heading (the offline page's download button,
    where its first step says 'download the file')."""
    out, n = re.subn(r"^# .*$", lambda m: m.group(0) + "\n\n" + str(block), body, count=1, flags=re.M)
    return out if n else str(block) + "\n\n" + body


TEMPLATES.filters["after_title"] = after_title
_SECTION = re.compile(r"^## (.+?)\s*\{#([A-Za-z0-9_-]+)\}\s*$", re.M)


def md_sections(body: str) -> list[tuple[str, str]]:
    """The (title, anchor) of each second-level section of a Markdown body ('## Title {#anchor}')."""
    return [(m.group(1), m.group(2)) for m in _SECTION.finditer(body or "")]


TEMPLATES.globals["md_sections"] = md_sections
TEMPLATES.filters["display_url"] = display_url
TEMPLATES.filters["url_host"] = url_host


def compile_templates(cache: Path | None = None):
    """Compile every staging template now (before the workers fork, so they inherit them),
    through Jinja's bytecode cache in `cache` so a later build only loads them."""
    if cache is not None:
        TEMPLATES.bytecode_cache = FileSystemBytecodeCache(str(cache))
    for name in TEMPLATES.list_templates():
        TEMPLATES.get_template(name)


# Where `trmkb bundle` puts a copy of the offline zip inside the site (see bundle.py).
DOWNLOAD = "download/trm-kb-offline.zip"


class Page:
    def __init__(self, stem, template, title, ctx=None, fallback=False, index=True, body=None, hide=()):
        self.stem, self.template, self.title = stem, template, title
        self.ctx, self.fallback, self.index, self.body, self.hide = ctx or {}, fallback, index, body, list(hide)


def arrow(lang: str) -> str:
    """From the first country to the second, in reading order: in right-to-left text a '→'
    after the first name points back at it (Arabic corridors read as the reverse route)."""
    return "←" if i18n.text_direction(lang) == "rtl" else "→"


def linked_numbers(text: Text | None, country: dict):
    """A free text of a profile with each phone number in it made a tel: link (E.164), when the
    number is one of the profile's stored ones (validation makes sure it is). Only for texts shown
    with their status and sources (a fact, a contact's role or note): a number is never a link
    without them (tests/builds/test_real_facts.py)."""
    if text is None:
        return ""
    found = phones.numbers_in_text(text.value, country["id"])
    if found:       # (most texts have none: the profile's numbers are listed only then)
        stored = {p["number"] for _c, p in phones.phones_of(country)}
        found = [(s, e, n) for s, e, n in found if n in stored]
    if not found:
        return text
    out, at = [], 0
    for s, e, n in found:
        out += [escape(text.value[at:s]), Markup('<a class="trm-tel" href="tel:{}" dir="ltr">{}</a>').format(n, text.value[s:e])]
        at = e
    body = Markup("").join(out + [escape(text.value[at:])])
    return Markup("<span{}>{}</span>").format(text.attrs(), body) if text.fallback else body


def title_language(r: dict) -> str:
    """The language a publication's title is written in: English when its English title is the
    title itself, otherwise its first document language (a Greek law, a French plan)."""
    return "en" if (r.get("title_translations") or {}).get("en") == r["title"] or r["doc_languages"][0] == "en" \
        else r["doc_languages"][0]


def text_paragraph(cls: str, text) -> Markup:
    """A paragraph of class `cls` that holds one text and nothing else (a summary, a help line). A
    fallback (the English text, shown where a language has none) carries its language and
    direction on the paragraph itself, not on a span inside it: the paragraph's alignment and the
    ellipsis of a paragraph cut to a few lines follow the paragraph's own direction (in Arabic,
    the catalogue's English summaries were right-aligned and began with their "…"). `text` is what
    L() gives: a model.Text, or "" when there is none."""
    attrs, value = (text.attrs(), text.value) if isinstance(text, Text) else ("", text)
    return Markup('<p class="{}"{}>{}</p>').format(cls, attrs, value)


@functools.lru_cache(maxsize=None)
def _relative(path: str, folder: str) -> str:
    """posixpath.relpath, kept: the same few hundred links are made from the same few folders on
    every page of every language (relpath makes both paths absolute each time)."""
    return posixpath.relpath(path, folder or ".")


def _context(site: Site, strings: i18n.Strings, lang: str, stem: str):
    here = posixpath.dirname(stem)

    def href(target: str, anchor: str = "") -> str:
        rel = _relative(target + ".html", here)
        return rel + (f"#{anchor}" if anchor else "")

    def asset(target: str) -> str:
        """A file at the site root (open data), seen from this page in this language's folder."""
        folder = posixpath.join("" if lang == site.default else lang, here)
        return posixpath.relpath(target, folder or ".")

    def t(key, **kw):
        return strings.get(lang, key, **kw)

    numbers = {}

    def source_no(c, sid) -> int:
        """The number of source `sid` in country c's list of sources, from 1 (0: not there)."""
        if c["id"] not in numbers:
            numbers[c["id"]] = {s["id"]: n for n, s in enumerate(c.get("sources") or [], 1)}
        return numbers[c["id"]].get(sid, 0)

    return dict(
        site=site, lang=lang, stem=stem, build=BUILD_TOKENS, t=t, href=href, asset=asset, source_no=source_no,
        text_p=text_paragraph,
        L=lambda loc: pick(loc, lang, site.default) or "",
        sep=t("list_separator"),
        cname=lambda iso: i18n.country_name(iso, lang), i18n_name=i18n.country_name,
        by_name=lambda codes: i18n.by_name(codes, lang),
        lname=lambda code: i18n.language_name(code, lang),
        title_lang=title_language,
        fdate=lambda d: i18n.date(d, lang) if d else "",
        number=lambda n: format_decimal(n, locale=lang, numbering_system="latn"),
        percent=lambda x: format_percent(round(x, 3), locale=lang, numbering_system="latn", decimal_quantization=False),
        vlabel=lambda vocab, key: pick((site.vocab.get(vocab) or {}).get(key), lang, site.default) or key,
        facts_of=facts_of, unverified_count=unverified_count, evidence=evidence,
        shown=lambda p, c: phones.shown(p["number"], c["id"]), who_to_call=phones.who_to_call,
        listed=lambda items, label: t("list_separator").join(label(x) for x in items),
        linked=lambda loc, c: linked_numbers(pick(loc, lang, site.default), c), is_stale=is_stale, TREATIES=TREATIES,
        arrow=arrow(lang), dir=i18n.text_direction(lang), ldir=i18n.text_direction, STATES=STATES, DOWNLOAD=DOWNLOAD,
    )


def pages_for(site: Site, strings: i18n.Strings, lang: str) -> list[Page]:
    t = lambda k, **kw: strings.get(lang, k, **kw)
    out = [
        Page("index", "home.md.j2", t("home_title"), hide=["navigation", "toc"]),
        Page("search", "search.md.j2", t("search_title"), index=False, hide=["navigation", "toc"]),
        Page("countries/index", "countries.md.j2", t("countries_title")),
        Page("resources/index", "resources.md.j2", t("resources_title")),
        Page("tools/index", "tools.md.j2", t("tools_title")),
        Page("sop/index", "sop_index.md.j2", t("sop_title")),
    ]
    states = report(site, strings, [lang])[lang]    # (the status page shows it; each record's page, its own)
    for cid, c in sorted(site.countries.items()):
        out.append(Page(f"countries/{cid.lower()}", "country.md.j2", i18n.country_name(cid, lang),
                        {"c": c, "tstate": states["countries"][cid]}))
    if site.countries:
        out.append(Page("countries/compare", "compare.md.j2", t("compare_title"), index=False))
    for d, o in site.corridors():
        out.append(Page(f"countries/corridor-{d.lower()}-{o.lower()}", "corridor.md.j2",
                        f"{i18n.country_name(d, lang)} {arrow(lang)} {i18n.country_name(o, lang)}", {"d": site.countries[d], "o": site.countries[o]}))
    for rid, r in sorted(site.resources.items()):
        out.append(Page(f"resources/{rid}", "resource.md.j2", r["title"], {"r": r, "tstate": states["resources"][rid]}))
    for tid, tool in sorted(site.tools.items()):
        out.append(Page(f"tools/{tid.lower()}", "tool.md.j2", pick(tool["title"], lang).value,
                        {"tool": tool, "tstate": states["tools"][tid]}))
    out.append(Page("status", "status.md.j2", t("status_title"),
                    {"report": states, "words": word_report(site, strings, lang)}, index=False))
    for stem, by_lang in sorted(site.pages.items()):
        en = by_lang[site.default]
        doc = by_lang.get(lang, en)
        fallback = lang not in by_lang
        outdated = (not fallback and lang != site.default
                    and doc.data.get("source_version") != en.data.get("version"))
        if stem.startswith("sop/"):
            tpl = "sop_phase.md.j2" if is_sop_phase(stem) else "sop_step.md.j2"
        else:
            tpl = "content.md.j2"
            stem = site_stem(stem)
        out.append(Page(stem, tpl, doc.data["title"], {"doc": doc, "en": en, "outdated": outdated},
                        fallback=fallback, body=doc.body))
        if tpl == "sop_phase.md.j2":
            steps = [(site.pages[s].get(lang, site.pages[s][site.default]), lang not in site.pages[s])
                     for s in site.steps_of(stem)]
            out.append(Page(stem + "-print", "sop_print.md.j2", doc.data["title"], {"phase": doc, "steps": steps},
                            index=False, hide=["navigation", "toc"]))
    return out


RAW_MARKER = "\n<!--trm-raw-fragments-->\n"   # the MkDocs hook splits the staged page here
RAW_PLACEHOLDER = re.compile(r"<!--trm-raw:(\d+):[0-9a-f]+-->")   # ...and puts each block back here
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")   # (greedy: no backtracking at each character)
_HTML_START = re.compile(r"<[a-zA-Z]")
_HTML_LINE = re.compile(r"</?[a-zA-Z]")
_MARKDOWN_INSIDE = re.compile(r"\smarkdown=[\"']?1")


def _depth_change(line: str) -> int:
    d = 0
    for close, name, rest in _TAG.findall(line):
        if rest.endswith("/") or name.lower() in _VOID:      # self-closed, or void
            continue
        d += -1 if close else 1
    return d


def stash_html(body: str) -> tuple[str, list[str]]:
    """Python-Markdown re-parses every raw HTML block with a slow pure-Python HTML parser, and
    most of a generated page is HTML from our templates. Set each balanced top-level HTML block
    aside, leave a comment in its place (Markdown passes comments through untouched), and let
    the MkDocs hook put the block back into the rendered page. The output is the same HTML."""
    lines = body.split("\n")
    out, frags, i, n = [], [], 0, len(lines)
    while i < n:
        line = lines[i]
        if _HTML_START.match(line) and (i == 0 or not lines[i - 1].strip()):
            # a run of HTML lines: elements may follow each other without blank lines between
            depth, j, ok = 0, i, False
            while j < n:
                if "<" in lines[j]:
                    depth += _depth_change(lines[j])
                nxt = lines[j + 1] if j + 1 < n else ""
                if depth == 0 and not nxt.strip():
                    ok = True
                    break
                if depth <= 0 and not _HTML_LINE.match(nxt):
                    break       # Markdown text right after the HTML: leave this run to Markdown
                j += 1
            block = "\n".join(lines[i:j + 1])
            if ok and not _MARKDOWN_INSIDE.search(block):
                digest = hashlib.sha1(block.encode("utf-8")).hexdigest()[:10]
                out.append(f"<!--trm-raw:{len(frags)}:{digest}-->")
                frags.append(block)
                i = j + 1
                continue
        out.append(line)
        i += 1
    return "\n".join(out), frags


def render(site: Site, strings: i18n.Strings, lang: str, page: Page) -> str:
    ctx = _context(site, strings, lang, page.stem)
    ctx.update(page.ctx, page=page)
    body = TEMPLATES.get_template(page.template).render(ctx)
    # The theme writes the title into the page as it is (HTML), in text and in attributes: escaped
    # here, "Bosnia & Herzegovina" or a title with < or " shows as written and cannot add markup.
    meta = {"title": html.escape(str(page.title)), "fallback": page.fallback,
            "search_index": page.index and not page.fallback}
    if page.hide:
        meta["hide"] = page.hide
    text, frags = stash_html(body)
    tail = (RAW_MARKER + json.dumps(frags, ensure_ascii=False) + "\n") if frags else ""
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n" + text + tail


def stage(site: Site, strings: i18n.Strings, out: Path, langs: list[str]) -> dict:
    """Write build/docs/<lang>/... and return {lang: number of pages}. The build's version and
    date are left as tokens (see stamp)."""
    wanted = {}
    for lang in langs:
        for page in pages_for(site, strings, lang):
            wanted[out / lang / f"{page.stem}.md"] = render(site, strings, lang, page)
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for lang in langs:      # pages no longer produced in these languages (others are left alone)
        if (out / lang).exists():
            for old in (out / lang).rglob("*.md"):
                if old not in wanted:
                    old.unlink()
    return {lang: sum(1 for p in wanted if p.relative_to(out).parts[0] == lang) for lang in langs}


# The build's version and date change with every commit and every day, yet appear on few pages
# (home, about, offline, printed briefs). Pages are staged, built by MkDocs and indexed with these
# tokens in their place, and stamp() writes the real values into the built HTML: a new commit or
# a new day no longer makes every page new (restaged, rebuilt and re-indexed in every language).
# The tokens sit only in text marked data-pagefind-ignore, so neither search index holds them.
BUILD_TOKENS = {"version": "@@trm-version@@", "date": "@@trm-date@@", "date_text": "@@trm-date-text@@"}
_TOKEN = re.compile("|".join(map(re.escape, BUILD_TOKENS.values())))


def stamp(folder: Path, lang: str, info: dict) -> dict[str, bytes]:
    """Write the build's version and date (build_info) into the built pages under folder, in
    `lang`. Each page is read once for this, which also gives its digest as MkDocs wrote it
    ({name: sha1}): what the search indexes are made from (the stamped text is not indexed)."""
    from html import escape
    values = {BUILD_TOKENS["version"]: escape(info["version"]), BUILD_TOKENS["date"]: info["date"],
              BUILD_TOKENS["date_text"]: escape(i18n.date(info["date"], lang))}
    digests = {}
    for path in folder.rglob("*.html"):
        raw = path.read_bytes()
        digests[path.relative_to(folder).as_posix()] = hashlib.sha1(raw).digest()
        if b"@@trm-" in raw:    # a new file: the page may be shared with the kept output (hard link)
            write_atomic(path, _TOKEN.sub(lambda m: values[m.group(0)], raw.decode("utf-8")).encode("utf-8"))
    return digests


def build_info(root: Path) -> dict:
    import subprocess
    try:
        version = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"], capture_output=True,
                                 text=True, timeout=10).stdout.strip() or "unversioned"
    except (OSError, subprocess.SubprocessError):
        version = "unversioned"
    return {"date": build_date().isoformat(), "version": version}

