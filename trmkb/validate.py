"""Validation in three layers, every problem collected before failing once:
1) JSON Schemas in schemas/, 2) named cross-record rules, 3) HTML safety of text that reaches a page."""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

from babel import Locale

from .load import Doc, fmt_path
from .problems import Problem
from .project import Sources, is_sop_phase, load_all, mark_changed, page_key, save_cache, site_stem

TODAY = dt.date.today


# ---- Layer 1: schemas ---------------------------------------------------------------------

def _schema_signature(schema_dir: Path) -> tuple:
    """Changes whenever a schema file changes, so a long-lived preview never checks against stale schemas."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in schema_dir.glob("*.schema.json")))


@lru_cache(maxsize=8)
def _schemas(schema_dir: str, signature: tuple = ()) -> dict[str, dict]:
    """The schema files, by file name, read once for both validators."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in Path(schema_dir).glob("*.schema.json")}


@lru_cache(maxsize=32)
def _validator(schema_dir: str, name: str, signature: tuple = ()):
    """The Python validator (jsonschema), for the documents the fast one finds invalid: imported
    only then (a tenth of a second of every build and validation, which are valid most times)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    schemas = _schemas(schema_dir, signature)
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    return Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry)


# A made-up address under which the schema files refer to each other ("common.schema.json#/...").
_SCHEMA_BASE = "https://trmkb.invalid/schemas/"


@lru_cache(maxsize=32)
def _fast_validator(schema_dir: str, name: str, signature: tuple = ()):
    """The same schema compiled by jsonschema-rs (about 70 times faster): it only says whether a
    document is valid; for one that is not, the Python validator (_validator) says what is wrong,
    with the details the messages and hints need. The fast answer is only trusted when it is
    "valid", and the two agree on that: the schemas' regular expressions mean the same in both
    (tests/unit/test_schema_patterns.py)."""
    import jsonschema_rs
    schemas = _schemas(schema_dir, signature)
    registry = jsonschema_rs.Registry([(_SCHEMA_BASE + n, s) for n, s in schemas.items()])
    return jsonschema_rs.validator_for(schemas[f"{name}.schema.json"], registry=registry,
                                       base_uri=_SCHEMA_BASE + f"{name}.schema.json", validate_formats=False)


def schema_for(src: Sources, doc: Doc) -> str:
    parts = Path(doc.rel).parts
    if parts[0] == "data":
        return {"countries": "country", "resources": "resource", "tools": "tool"}[parts[1]]
    return "sop" if parts[1] == "sop" else "page"


def _hint(err, schema_name: str) -> str:
    return _hint_text(err) or f"see the field descriptions in schemas/{schema_name}.schema.json"


def _hint_text(err) -> str:
    s = err.schema if isinstance(err.schema, dict) else {}
    if err.validator == "required":
        missing = re.findall(r"'([^']+)'", err.message)[:1]
        prop = (s.get("properties") or {}).get(missing[0], {}) if missing else {}
        if missing and missing[0] in ("sources", "checked"):
            return "a verified fact needs 'sources' and 'checked'; otherwise set status: needs_verification"
        return prop.get("description", "") if isinstance(prop, dict) else ""
    desc = s.get("description", "")
    ex = s.get("examples")
    if err.validator == "additionalProperties":
        fields = sorted(err.schema.get("properties", {}))
        extra = _extra_field(err)
        return (_did_you_mean(extra, fields) if extra else "") + \
            f"check the spelling; allowed fields here: {', '.join(fields)}"
    if err.validator == "enum":
        return "use one of: " + ", ".join(map(str, err.validator_value))
    if err.validator == "type" and err.validator_value == "boolean":
        return "write true or false, without quotes" + (f" ({desc})" if desc else "")
    if err.validator == "type" and err.validator_value == "string" and isinstance(err.instance, (int, float)) \
            and not isinstance(err.instance, bool):
        # YAML reads 1 or 2.10 as a number: a version or a code must be quoted to stay text
        said = f'YAML reads {err.instance} as a number, "{err.instance}" as text' \
            if isinstance(err.instance, int) else "YAML reads it as a number"
        return f"put it in quotes, as written: {said}" + (f" ({desc})" if desc else "")
    out = desc
    if ex:
        out += (" " if out else "") + f"Example: {json.dumps(ex[0], ensure_ascii=False)}"
    return out


def _extra_field(err) -> str | None:
    """The unknown field an additionalProperties error names (its first, if several)."""
    extra = re.findall(r"'([^']+)'", err.message)
    return extra[0] if extra else None


def _message(err) -> str:
    if err.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        return f"missing required field '{missing[0]}'" if missing else err.message
    if err.validator == "additionalProperties":
        extra = _extra_field(err)
        return f"unknown field '{extra}'" if extra else err.message
    if err.validator == "pattern":
        return f"{json.dumps(err.instance, ensure_ascii=False)} is not in the expected form"
    return err.message


def check_schemas(src: Sources, schema_dir: Path):
    signature = _schema_signature(schema_dir)
    for doc in src.countries + src.resources + src.tools + src.pages:
        name = schema_for(src, doc)
        # A loaded Doc is reused while its file is unchanged (project.load_all): so are its results.
        key = (str(schema_dir), name, signature)
        cached = doc.schema_problems
        if cached and cached[0] == key:
            yield from cached[1]
            continue
        found = []
        data = doc.data if doc.data is not None else {}
        try:
            valid = _fast_validator(str(schema_dir), name, signature).is_valid(data)
        except (ValueError, TypeError):     # a value it cannot take: let the Python validator say
            valid = False
        for err in [] if valid else _validator(str(schema_dir), name, signature).iter_errors(data):
            path = list(err.absolute_path)
            if err.validator == "additionalProperties" and _extra_field(err):
                path = path + [_extra_field(err)]
            found.append(Problem(doc.rel, doc.line(path), fmt_path(path), _message(err), _hint(err, name)))
        doc.schema_problems = (key, found)
        mark_changed()
        yield from found


# ---- Layer 2: cross-record rules ----------------------------------------------------------

def _walk(node, path=()):
    """Every (path, value) pair of a loaded document."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, path + (i,))


_NODES: dict[int, tuple[object, list]] = {}


def _nodes(doc) -> list:
    """_walk(doc.data) as a list, made once per validation for the several rules that go through
    every field of every document."""
    hit = _NODES.get(id(doc))
    if hit is None or hit[0] is not doc.data:
        hit = _NODES[id(doc)] = (doc.data, list(_walk(doc.data)))
    return hit[1]


def _d(doc):
    return doc.data if isinstance(doc.data, dict) else {}


@lru_cache(maxsize=None)
def _territories() -> frozenset:
    return frozenset(k for k in Locale.parse("en").territories if re.fullmatch("[A-Z]{2}", k)) | {"XK"}


@lru_cache(maxsize=None)
def _iso639() -> frozenset:
    return frozenset(k for k in Locale.parse("en").languages if re.fullmatch("[a-z]{2}", k))


def rule_ids_unique_and_match_files(src: Sources, ix):
    for kind, docs, name_of in (("country", src.countries, lambda i: i.lower()),
                                ("resource", src.resources, lambda i: i),
                                ("tool", src.tools, lambda i: i.lower())):
        seen = {}
        for doc in docs:
            i = _d(doc).get("id")
            if not isinstance(i, str):
                continue
            if i in seen:
                yield Problem(doc.rel, doc.line(["id"]), "id", f"{kind} id '{i}' is also used by {seen[i]}",
                              "ids must be unique; pick another id")
            seen[i] = doc.rel
            if doc.path.stem != name_of(i):
                yield Problem(doc.rel, doc.line(["id"]), "id", f"id '{i}' does not match the file name '{doc.path.name}'",
                              f"rename the file to {name_of(i)}{doc.path.suffix} or fix the id")
    for doc in src.pages:
        i = _d(doc).get("id")
        stem, _lang = page_key(doc)
        if i is not None and Path(stem).name != i:
            yield Problem(doc.rel, doc.line(["id"]), "id", f"id '{i}' does not match the file name '{doc.path.name}'",
                          f"name the file {i}.md (translations {i}.<lang>.md)")


def rule_country_codes(src: Sources, ix):
    for doc in src.countries:
        i = _d(doc).get("id")
        if isinstance(i, str) and re.fullmatch("[A-Z]{2}", i) and i not in _territories():
            yield Problem(doc.rel, doc.line(["id"]), "id", f"'{i}' is not an ISO 3166-1 alpha-2 country code",
                          "use the two-letter code, e.g. AL for Albania (XK for Kosovo)")
    for doc in src.resources:
        for n, c in enumerate(_d(doc).get("countries") or []):
            if isinstance(c, str) and c not in _territories():
                yield Problem(doc.rel, doc.line(["countries", n]), f"countries[{n}]",
                              f"'{c}' is not an ISO 3166-1 alpha-2 country code", "e.g. FR, MA, UA")
        for n, c in enumerate(_d(doc).get("doc_languages") or []):
            if isinstance(c, str) and c not in _iso639():
                yield Problem(doc.rel, doc.line(["doc_languages", n]), f"doc_languages[{n}]",
                              f"'{c}' is not an ISO 639-1 language code", "e.g. en, fr, ar, sq, uk")


def rule_site_languages(src: Sources, ix):
    """Translations only in languages the site has (i18n/languages.yml)."""
    codes = set(src.codes)
    for doc in src.countries + src.resources + src.tools + ([src.vocab] if src.vocab else []):
        for path, v in _nodes(doc):
            if isinstance(v, dict) and "en" in v and all(isinstance(k, str) and re.fullmatch("[a-z]{2}", k) for k in v) \
                    and all(isinstance(x, str) for x in v.values()):
                for k in v:
                    if k not in codes:
                        yield Problem(doc.rel, doc.line(path + (k,)), fmt_path(path + (k,)),
                                      f"'{k}' is not a language of this site",
                                      f"site languages (i18n/languages.yml): {', '.join(src.codes)}")
    for doc in src.pages:
        _stem, lang = page_key(doc)
        if lang is not None and lang not in codes:
            yield Problem(doc.rel, 1, "", f"'{lang}' in the file name is not a language of this site",
                          f"use one of {', '.join(src.codes)}, e.g. about.fr.md")


def rule_vocabulary(src: Sources, ix):
    """Every id used in data/ is listed in its vocabulary (data/vocabularies.yml), which has a label
    for each in every site language. When the vocabulary file itself is wrong, that is said once,
    on its own line, instead of once for every id the data uses (1,207 times for the shipped data)."""
    checks = [("countries", "region", "regions"), ("countries", "roles", "roles"),
              ("countries", "exploitation", "exploitation"), ("resources", "type", "types"),
              ("resources", "regions", "regions"), ("resources", "themes", "themes"),
              ("resources", "audience", "audiences")]
    rel = src.vocab.rel if src.vocab else "data/vocabularies.yml"
    if src.vocab is None:       # (absent; a file that does not load has its own problem already)
        if not (src.root / rel).exists():
            yield Problem(rel, 1, "", "the vocabularies file is missing",
                          "restore data/vocabularies.yml: regions, roles, exploitation, types, themes and audiences")
        return
    vocab = src.vocab.data
    if not isinstance(vocab, dict):
        yield Problem(rel, 1, "", "must map each vocabulary's name to its ids",
                      "for example 'roles:' then, indented, 'origin: {en: Country of origin, fr: ...}'")
        return
    usable = set()
    for vname in sorted({v for _, _, v in checks}):
        entries = vocab.get(vname)
        if not isinstance(entries, dict) or not entries:
            yield Problem(rel, src.vocab.line([vname]), vname,
                          f"the '{vname}' vocabulary is missing" if vname not in vocab else
                          f"the '{vname}' vocabulary must map each id to its labels",
                          f"for example '{vname}:' then, indented, 'some-id: {{en: Label, fr: Libellé}}'")
        else:
            usable.add(vname)
    for kind, fieldname, vname in checks:
        if vname not in usable:
            continue
        allowed = set(vocab[vname])
        for doc in getattr(src, kind):
            v = _d(doc).get(fieldname)
            for n, x in ([(None, v)] if isinstance(v, str) else enumerate(v or [])):
                if isinstance(x, str) and x not in allowed:
                    path = [fieldname] + ([n] if n is not None else [])
                    yield Problem(doc.rel, doc.line(path), fmt_path(path), f"'{x}' is not in the '{vname}' vocabulary",
                                  f"use one of: {', '.join(sorted(allowed))} (data/vocabularies.yml)")
    for vname, entries in vocab.items():
        for vid, labels in (entries.items() if isinstance(entries, dict) else []):
            missing = [c for c in src.codes if not (isinstance(labels, dict) and labels.get(c))]
            if missing:
                yield Problem(rel, src.vocab.line([vname, vid]), f"{vname}.{vid}",
                              f"label missing in {', '.join(missing)}", "vocabulary labels are needed in every site language")


def rule_references(src: Sources, ix):
    resources = {_d(d).get("id") for d in src.resources}
    tools = {_d(d).get("id") for d in src.tools}
    sops = {_d(d).get("id") for d in src.pages if page_key(d)[1] is None and _d(d).get("id")}

    def check(doc, path, value, known, what, hint):
        if isinstance(value, str) and value not in known:
            yield Problem(doc.rel, doc.line(path), fmt_path(path), f"{what} '{value}' does not exist", hint)

    for doc in src.resources:
        d = _d(doc)     # (its countries need no profile: a publication may cover any country)
        for n, s in enumerate(d.get("sop_refs") or []):
            yield from check(doc, ["sop_refs", n], s, sops, "SOP", "use an id of a file in content/sop/, e.g. SOP-4.2")
        if d.get("superseded_by"):
            yield from check(doc, ["superseded_by"], d["superseded_by"], resources, "resource",
                             "give the id of a record in data/resources/")
    for doc in src.tools:
        d = _d(doc)
        for n, s in enumerate(d.get("sop_refs") or []):
            yield from check(doc, ["sop_refs", n], s, sops, "SOP", "use an id of a file in content/sop/")
        for n, r in enumerate(d.get("sources") or []):
            yield from check(doc, ["sources", n], r, resources, "resource", "use an id of a file in data/resources/")
    for doc in src.pages:
        d = _d(doc)
        for n, t in enumerate(d.get("tools") or []):
            yield from check(doc, ["tools", n], t, tools, "tool", "use an id of a file in data/tools/, e.g. T3")
        for n, r in enumerate(d.get("resources") or []):
            yield from check(doc, ["resources", n], r, resources, "resource", "use an id of a file in data/resources/")
    for doc in src.countries:
        d = _d(doc)
        ids = [s.get("id") for s in d.get("sources") or [] if isinstance(s, dict)]
        for n, s in enumerate(d.get("sources") or []):
            if isinstance(s, dict) and ids.count(s.get("id")) > 1:
                yield Problem(doc.rel, doc.line(["sources", n, "id"]), f"sources[{n}].id",
                              f"source id '{s.get('id')}' is used twice", "number sources S1, S2, ... once each")
            if isinstance(s, dict) and s.get("resource"):
                yield from check(doc, ["sources", n, "resource"], s["resource"], resources, "resource",
                                 "use an id of a file in data/resources/ or leave 'resource' out")
        for path, v in _nodes(doc) if d else ():
            if path and path[-1] == "sources" and path != ("sources",) and isinstance(v, list):
                for n, sid in enumerate(v):
                    if isinstance(sid, str) and sid not in ids:
                        yield Problem(doc.rel, doc.line(path + (n,)), fmt_path(path + (n,)),
                                      f"source '{sid}' is not in this file's 'sources' list",
                                      f"add {sid} to 'sources' at the end of the file, or use one of {', '.join(map(str, ids))}")


def rule_dates(src: Sources, ix):
    """Dates are real calendar dates, and not in the future."""
    today = TODAY()
    for doc in src.countries + src.resources + src.tools + src.pages:
        for path, v in _nodes(doc):
            if isinstance(v, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v):
                try:
                    day = dt.date.fromisoformat(v)
                except ValueError:
                    yield Problem(doc.rel, doc.line(path), fmt_path(path), f"'{v}' is not a real date",
                                  "write YYYY-MM-DD with a valid month and day")
                    continue
                if day > today:
                    yield Problem(doc.rel, doc.line(path), fmt_path(path), f"date {v} is in the future",
                                  "dates record what has happened or been checked; use today or earlier")
        d = _d(doc)
        if isinstance(d.get("year"), int) and d["year"] > today.year:
            yield Problem(doc.rel, doc.line(["year"]), "year", f"year {d['year']} is in the future", "")


def rule_tool_items(src: Sources, ix):
    for doc in src.tools:
        d = _d(doc)
        tid = d.get("id", "")
        seen = set()
        for s_n, sec in enumerate(d.get("sections") or []):
            if not isinstance(sec, dict):
                continue
            sid = sec.get("id", "")
            if isinstance(sid, str) and not sid.startswith(f"{tid}."):
                yield Problem(doc.rel, doc.line(["sections", s_n, "id"]), f"sections[{s_n}].id",
                              f"section id '{sid}' does not start with the tool id '{tid}.'", f"e.g. {tid}.A")
            for i_n, item in enumerate(sec.get("items") or []):
                iid = item.get("id") if isinstance(item, dict) else None
                path = ["sections", s_n, "items", i_n, "id"]
                if isinstance(iid, str) and not iid.startswith(f"{sid}."):
                    yield Problem(doc.rel, doc.line(path), fmt_path(path),
                                  f"item id '{iid}' does not start with its section id '{sid}.'", f"e.g. {sid}.01")
                if iid in seen:
                    yield Problem(doc.rel, doc.line(path), fmt_path(path), f"item id '{iid}' is used twice",
                                  "item ids must be unique and never reused")
                seen.add(iid)


def rule_unknown_is_unverified(src: Sources, ix):
    """A ratification whose party status is unknown cannot be marked verified."""
    for doc in src.countries:
        for k, f in (_d(doc).get("ratifications") or {}).items():
            if isinstance(f, dict) and f.get("party") == "unknown" and f.get("status") == "verified":
                yield Problem(doc.rel, doc.line(["ratifications", k, "status"]), f"ratifications.{k}.status",
                              "party is 'unknown' but the fact is marked verified",
                              "set status: needs_verification, or give party: true/false from a source")


SOP_STEP_ANCHORS = ["purpose", "destination", "transit", "origin", "consular", "child"]


def rule_sop_structure(src: Sources, ix):
    english = {page_key(d)[0] for d in src.pages if page_key(d)[1] is None}
    for doc in src.pages:
        stem, lang = page_key(doc)
        if lang is not None and stem not in english:
            yield Problem(doc.rel, 1, "", f"translation has no English source file content/{stem}.md",
                          "English is the source: add it first, or fix the file name")
        i = _d(doc).get("id")
        if isinstance(i, str) and "." in i:
            found = [(n, m.group(1)) for n, line in enumerate(doc.body.splitlines())
                     if (m := re.match(r"^##\s.*\{#([a-z-]+)\}\s*$", line))]
            anchors = [a for _, a in found]
            if anchors != SOP_STEP_ANCHORS:
                bad = next((n for (n, a), want in zip(found, SOP_STEP_ANCHORS) if a != want), 0)
                yield Problem(doc.rel, doc.body_line + bad, "body",
                              f"step sections are {anchors or 'missing'}; expected {SOP_STEP_ANCHORS} in this order",
                              "each step has '## <heading> {#purpose}', then destination, transit, origin, consular, child")
            phase = i.split(".")[0]
            if phase not in {_d(d).get("id") for d in src.pages}:
                yield Problem(doc.rel, doc.line(["id"]), "id", f"phase {phase} has no file content/sop/{phase}.md",
                              "add the phase page")


def rule_translated_lists(src: Sources, ix):
    """A translation's list of standards cites the same instruments as English, one for one (a
    translated list is shown instead of the English one, so none may be dropped)."""
    english = {page_key(d)[0]: d for d in src.pages if page_key(d)[1] is None}
    for doc in src.pages:
        stem, lang = page_key(doc)
        mine, en = _d(doc).get("standards"), _d(english.get(stem)) if stem in english else {}
        if lang is None or mine is None or not isinstance(mine, list):
            continue
        want = en.get("standards") or []
        if len(mine) != len(want):
            yield Problem(doc.rel, doc.line(["standards"]), "standards",
                          f"has {len(mine)} citations where English has {len(want)}",
                          "translate each citation of the English list, in the same order")


def site_pages(src: Sources) -> set[str]:
    """Every page the site will have, by its path without .md or .html (as stage.pages_for makes
    them; tests/unit/test_validate.py checks that the two agree): the generated pages and the content
    pages, content/pages/ at the site's root."""
    from .model import CORRIDOR_DESTINATIONS, CORRIDOR_ORIGINS
    pages = {"index", "search", "status", "countries/index", "countries/compare", "resources/index",
             "tools/index", "sop/index"}
    ids = lambda docs: [i for d in docs if isinstance(i := _d(d).get("id"), str)]   # noqa: E731
    countries = set(ids(src.countries))
    pages |= {f"countries/{c.lower()}" for c in countries}
    pages |= {f"countries/corridor-{d.lower()}-{o.lower()}" for d in CORRIDOR_DESTINATIONS for o in CORRIDOR_ORIGINS
              if d in countries and o in countries}
    pages |= {f"resources/{r}" for r in ids(src.resources)} | {f"tools/{t.lower()}" for t in ids(src.tools)}
    for doc in src.pages:
        stem, lang = page_key(doc)
        if lang is None:
            pages.add(site_stem(stem))
            if is_sop_phase(stem):
                pages.add(stem + "-print")      # a phase's printable page
    return pages


_LINK = re.compile(r"\]\(\s*<?([^()\s<>]+)>?(?:\s+[\"'(][^)]*)?\)")           # [text](target "title")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s<>]+)>?")                # [label]: target
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _did_you_mean(word: str, choices, shown=str, cutoff: float = 0.6) -> str:
    """The start of a hint naming the choice closest to a misspelt word, as `shown` writes it
    ("did you mean X? "), or "" when none is close."""
    import difflib
    near = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return f"did you mean {shown(near[0])}? " if near else ""


def rule_content_links(src: Sources, ix):
    """A link in a page's Markdown to another page of the site must reach one: MkDocs only logs
    such a link (and the build keeps its log quiet), so a mistyped SOP-9.9.md was published as a
    broken link that only the test suite would have found."""
    import posixpath
    pages = site_pages(src)
    for doc in src.pages:
        stem, _ = page_key(doc)
        here = posixpath.dirname(site_stem(stem))
        in_fence = False
        for n, line in enumerate(doc.body.splitlines()):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            if in_fence or "](" not in line and "]:" not in line:
                continue
            text = _CODE.sub("", line)
            for target in [m.group(1) for m in _LINK.finditer(text)] + [m.group(1) for m in _LINK_DEF.finditer(text)]:
                if _SCHEME.match(target) or target.startswith("#"):
                    continue        # other sites (checked as addresses elsewhere), or this page
                path = target.split("#", 1)[0].split("?", 1)[0]
                if target.startswith("/"):
                    yield Problem(doc.rel, doc.body_line + n, "body", f"link '{target}' starts from the server's root",
                                  "link relative to this page (e.g. SOP-1.5.md, ../about.md): the site also opens "
                                  "from a folder and from the offline zip")
                    continue
                if not path.endswith((".md", ".html")):
                    continue        # a file beside the pages (open data, the download)
                to = posixpath.normpath(posixpath.join(here, path.rsplit(".", 1)[0]))
                if to in pages:
                    continue
                near = _did_you_mean(to, sorted(pages), lambda c: posixpath.relpath(c, here or ".") + ".md", 0.8)
                yield Problem(doc.rel, doc.body_line + n, "body", f"link '{target}' goes to no page of this site",
                              near + "link to a page's Markdown file, relative to this one (e.g. SOP-1.5.md, ../about.md)")


def rule_schema_modeline(src: Sources, ix):
    """Data files name their schema on line 1, so editors' IDEs check them as they type."""
    for doc in src.countries + src.resources + src.tools:
        want = f"# yaml-language-server: $schema=../../schemas/{schema_for(src, doc)}.schema.json"
        with open(doc.path, encoding="utf-8-sig", errors="replace") as f:
            first = f.readline().strip()
        if first != want:
            yield Problem(doc.rel, 1, "", "the first line does not name the schema for editors' IDEs",
                          f"make line 1 exactly: {want}")


def _placeholders(text: str, lang: str) -> tuple[set[str] | None, list[str]]:
    """The {names} a text fills in, and what is wrong with its plural forms (an ICU message, see
    i18n.format_message); names None when its braces do not pair up."""
    from .i18n import message_problems
    if ", plural," in text:
        return message_problems(text, lang)
    import string
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}, []
    except ValueError:
        return None, []


_STRING_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>?")


def rule_interface_strings(src: Sources, ix):
    """i18n/strings/<lang>.yml: a text for each key, every key one that en.yml has, and the
    placeholders ({count}...) that English fills in spelled as in English (a misspelt one
    stopped the build with a KeyError)."""
    en = src.strings.get(src.default)
    english = en.data if en is not None and isinstance(en.data, dict) else {}
    default = f"i18n/strings/{src.default}.yml"
    if en is None and not (src.root / default).exists():
        yield Problem(default, 1, "", "the default language's interface strings are missing",
                      "restore it: every other language falls back to it, and without it pages show key names")
    elif en is not None and en.data == {}:
        yield Problem(en.rel, 1, "", "has no interface strings",
                      "restore its 'key: text' lines: without them pages show key names such as nav_home")
    for code, doc in sorted(src.strings.items()):
        if not isinstance(doc.data, dict):
            yield Problem(doc.rel, 1, "", "interface strings must be lines of 'key: text'",
                          f"see i18n/strings/{src.default}.yml")
            continue
        for key, value in doc.data.items():
            line = doc.line([key])
            if not isinstance(value, str) or not value.strip():
                yield Problem(doc.rel, line, key, f"must be text, not {json.dumps(value)}",
                              "write the text after the colon, in quotes if it is a number or true/false")
                continue
            tag = _STRING_TAG.search(value)
            if tag:     # the theme writes some of them into pages as they are (the site's name...)
                yield Problem(doc.rel, line, key, f"interface strings are plain text: found {tag.group(0)}",
                              "remove the HTML; the theme puts these texts into every page as they are")
            if '"' in value:        # ...also inside attributes (title="..."), where a " ends the value
                yield Problem(doc.rel, line, key, 'interface strings may not contain a straight double quote (")',
                              "use the quotation marks of the language instead: “ ”, « », „ “")
            got, plural_problems = _placeholders(value, code)
            for wrong in plural_problems:
                yield Problem(doc.rel, line, key, wrong,
                              "write each plural form the language has, e.g. {count, plural, one {# fact} "
                              "other {# facts}} (forms from CLDR: " + ", ".join(sorted(_plural_tags(code))) + ")")
            if doc is en or not english:
                continue
            if key not in english:
                near = _did_you_mean(str(key), [k for k in english if isinstance(k, str)])
                yield Problem(doc.rel, line, key, f"'{key}' is not a key of {en.rel}",
                              near + "check the spelling, or remove it if English no longer has it")
                continue
            wanted = _placeholders(english[key], src.default)[0] if isinstance(english[key], str) else None
            if not wanted:
                continue        # (English has none: the text is used as it is)
            hint = "placeholders are written as in English: " + ", ".join(f"{{{n}}}" for n in sorted(wanted))
            if got is None:
                yield Problem(doc.rel, line, key, "has a { or } that does not pair up", hint)
            elif got - wanted:
                yield Problem(doc.rel, line, key,
                              "unknown placeholder " + ", ".join(f"{{{n}}}" for n in sorted(got - wanted)),
                              "use the placeholders English has, unchanged: "
                              + ", ".join(f"{{{n}}}" for n in sorted(wanted)))
            elif wanted - got:
                yield Problem(doc.rel, line, key,
                              "drops placeholder " + ", ".join(f"{{{n}}}" for n in sorted(wanted - got)),
                              "the page would lose that value (a number, a date): " + hint)


def _plural_tags(code: str) -> set[str]:
    from .i18n import plural_tags
    try:
        return plural_tags(code)
    except Exception:       # (not a language Babel knows: said elsewhere)
        return {"other"}


def rule_phones(src: Sources, ix):
    """Every number a person dials is valid for its profile's country (libphonenumber, with its
    reason when not), a short code is never said to work from abroad, a hotline has a number, a
    profile with no number callable from abroad says why (call_note), and a number written in
    a free text is also in the structured list, where its source and reach are recorded."""
    from . import phones
    for doc in src.countries:
        d = _d(doc)
        region = d.get("id")
        if not isinstance(region, str) or region not in _territories():
            continue
        stored, abroad = set(), False
        for n, c in enumerate(d.get("contacts") or []):
            if not isinstance(c, dict):
                continue
            if c.get("kind") == "hotline" and not c.get("phones"):
                yield Problem(doc.rel, doc.line(["contacts", n]), f"contacts[{n}].phones", "a hotline without a number",
                              "add its number under 'phones' from a source, or give the contact another kind")
            for m, p in enumerate(c.get("phones") or []):
                number = p.get("number") if isinstance(p, dict) else None
                if not isinstance(number, str) or not re.fullmatch(r"\+[1-9][0-9]{6,14}|[0-9]{2,8}", number):
                    continue        # (the schema says what is wrong with its form)
                path = ["contacts", n, "phones", m, "number"]
                found = phones.problem(number, p.get("reach"), region)
                if found:
                    yield Problem(doc.rel, doc.line(path), fmt_path(path), *found)
                    continue
                stored.add(number)
                abroad = abroad or (p.get("reach") == "abroad" and not phones.is_short(number))
                for k, code in enumerate(p.get("languages") or []):
                    if isinstance(code, str) and code not in _iso639():
                        lp = ["contacts", n, "phones", m, "languages", k]
                        yield Problem(doc.rel, doc.line(lp), fmt_path(lp), f"'{code}' is not an ISO 639-1 language code",
                                      "e.g. en, fr, ar, sq, uk, it")
        if not abroad and not d.get("call_note") and d.get("contacts") is not None:
            yield Problem(doc.rel, doc.line(["contacts"]), "contacts", "no number here can be called from abroad",
                          "add one from a source (a hotline's landline, the coordinator's switchboard, the IOM office: "
                          "E.164 with reach: abroad), or say why there is none and what to do instead in 'call_note'")
        for path, v in _nodes(doc):
            if isinstance(v, str) and path and path[-1] in src.codes and "number" not in path:
                for _s, _e, e164 in phones.numbers_in_text(v, region):
                    if e164 not in stored and e164.removeprefix("+" + str(phones.parsed(e164, region).country_code)) not in stored:
                        yield Problem(doc.rel, doc.line(path), fmt_path(path),
                                      f"the number {v[_s:_e]} is written in the text but not listed in 'contacts'",
                                      "add it to a contact's 'phones' with its source and reach; the page then links it")


RULES = [rule_schema_modeline, rule_ids_unique_and_match_files, rule_country_codes, rule_site_languages, rule_vocabulary,
         rule_references, rule_dates, rule_tool_items, rule_sop_structure, rule_unknown_is_unverified,
         rule_interface_strings, rule_content_links, rule_phones,
         rule_translated_lists]


# ---- Layer 3: HTML safety -----------------------------------------------------------------

_ACTIVE_ELEMENT = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|form|meta|link|base)\b", re.I)
_UNSAFE = [
    (_ACTIVE_ELEMENT, "contains {a} <{0}> element", "remove it; data and pages may not carry active HTML"),
    # (browsers also read an attribute after a / or a quote: <svg/onload=...>, <img src="x"onerror=...>)
    (re.compile(r"<[^>]*[\s/\"'](on[a-z]+)\s*=", re.I), "contains an event-handler attribute ({0})",
     "remove the attribute; scripts are not allowed in content"),
    (re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*((?:javascript|vbscript|data):)", re.I),
     "contains a '{0}' link", "use an https:// address"),
    (re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data):)", re.I), "contains a '{0}' link",
     "use an https:// address"),
    (re.compile(r"^\s*((?:javascript|vbscript|data):)", re.I), "is a '{0}' address", "use an https:// address"),
]


def _unsafe(text: str):
    if "<" not in text and ":" not in text:
        return
    for rx, msg, hint in _UNSAFE:
        m = rx.search(text)
        if m:
            name = m.group(1).lower()
            yield msg.format(name, a="an" if name[0] in "aeiou" else "a"), hint


# Raw HTML in Markdown content: a few inline elements only, balanced; everything else is Markdown.
ALLOWED_TAGS = {"abbr", "b", "br", "code", "em", "i", "kbd", "mark", "small", "span", "strong", "sub", "sup"}
VOID_TAGS = {"br"}
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>")
_CODE = re.compile(r"`[^`]*`")


def check_markdown_html(doc: Doc, active: frozenset = frozenset()):
    """Raw HTML in a Markdown body: allowed elements only, balanced. `active`: the (line, element)
    pairs already reported as active HTML (_unsafe), not reported a second time as not allowed."""
    stack = []
    in_fence = False
    for n, line in enumerate(doc.body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        for m in _TAG.finditer(_CODE.sub("", line)):
            closing, tag, selfclose = m.group(1), m.group(2).lower(), m.group(3)
            if tag not in ALLOWED_TAGS:
                if (n, tag) in active:
                    continue
                yield Problem(doc.rel, doc.body_line + n, "body", f"HTML element <{tag}> is not allowed in content",
                              "write it in Markdown; raw HTML is limited to " + ", ".join(sorted(ALLOWED_TAGS)))
            elif tag in VOID_TAGS or selfclose:
                continue
            elif not closing:
                stack.append((tag, n))
            elif stack and stack[-1][0] == tag:
                stack.pop()
            else:
                yield Problem(doc.rel, doc.body_line + n, "body", f"closing </{tag}> does not match an open element",
                              "check the HTML is balanced, or use Markdown")
    for tag, n in stack:
        yield Problem(doc.rel, doc.body_line + n, "body", f"<{tag}> is never closed", f"add </{tag}> or use Markdown")


def check_html(src: Sources):
    for doc in src.countries + src.resources + src.tools + src.pages + ([src.vocab] if src.vocab else []):
        for path, v in _nodes(doc):
            if isinstance(v, str):
                found = list(_unsafe(v))
                for msg, hint in found:
                    yield Problem(doc.rel, doc.line(path), fmt_path(path), msg, hint)
                if not found and (tag := _STRING_TAG.search(v)):
                    # data and front matter are shown as written (escaped): markup would show as text
                    yield Problem(doc.rel, doc.line(path), fmt_path(path), f"this text is shown as written: found {tag.group(0)}",
                                  "remove the HTML: data and front matter are plain text (only a page's Markdown "
                                  "body may use a few inline elements)")
        if doc.body:
            # one mistake, one problem: a <script> is reported as active HTML, not also as not allowed
            active = set()
            for n, line in enumerate(doc.body.splitlines()):
                for msg, hint in _unsafe(line):
                    yield Problem(doc.rel, doc.body_line + n, "body", msg, hint)
                active.update((n, m.group(1).lower()) for m in _ACTIVE_ELEMENT.finditer(line))
            yield from check_markdown_html(doc, frozenset(active))


# ---- Entry point ------------------------------------------------------------------------

def validate(root: Path, src: Sources | None = None) -> tuple[Sources, list[Problem]]:
    src = src or load_all(root)
    problems = list(src.problems)
    if not src.langs:           # i18n/languages.yml is wrong: that is the one problem to fix first
        return src, problems
    schema, rules = list(check_schemas(src, root / "schemas")), []
    _NODES.clear()
    try:
        for rule in RULES:
            rules += rule(src, None)
        rules += check_html(src)
    finally:
        _NODES.clear()
    # One mistake, one problem: where a rule says what is wrong with a field ("tool 'T9' does not
    # exist"), the schema's general complaint about the same field ("not in the expected form") is
    # left out.
    named = {(p.file, p.line, p.field) for p in rules if p.field}
    problems += [p for p in schema if (p.file, p.line, p.field) not in named] + rules
    save_cache(root)
    return src, sorted(set(problems))
