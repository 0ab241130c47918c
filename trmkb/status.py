"""Translation status: per language, how many SOP steps, pages, profiles, resources, tools and
interface strings are translated, outdated (made from an older English version), partial or missing."""
from __future__ import annotations

from collections import Counter

from .model import Site

STATES = ("translated", "outdated", "partial", "missing")


def _localized(node):
    """Every localized-text dict in a record (a dict with an 'en' key and only language keys)."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(k, str) and len(k) == 2 for k in node) \
                and all(isinstance(v, str) for v in node.values()):
            yield node
        else:
            for v in node.values():
                yield from _localized(v)
    elif isinstance(node, list):
        for v in node:
            yield from _localized(v)


def record_state(record: dict, lang: str, default: str) -> str:
    if lang == default:
        return "translated"
    texts = list(_localized(record))
    done = sum(1 for t in texts if t.get(lang))
    if texts and done == 0:
        return "missing"
    made_from = (record.get("translations") or {}).get(lang)
    if record.get("version") and made_from and made_from != record["version"]:
        return "outdated"
    return "translated" if done == len(texts) else "partial"


def page_state(by_lang: dict, lang: str, default: str) -> str:
    if lang == default:
        return "translated"
    if lang not in by_lang:
        return "missing"
    made_from = by_lang[lang].data.get("source_version")
    return "translated" if made_from == by_lang[default].data.get("version") else "outdated"


def report(site: Site, strings, langs: list[str]) -> dict:
    """{lang: {kind: Counter(state -> n)}} plus per-item detail for editors."""
    d = site.default
    out = {}
    for lang in langs:
        kinds = {}
        steps = {s: v for s, v in site.pages.items() if s.startswith("sop/")}
        pages = {s: v for s, v in site.pages.items() if not s.startswith("sop/")}
        kinds["sop"] = {s.split("/")[-1]: page_state(v, lang, d) for s, v in sorted(steps.items())}
        kinds["pages"] = {s.split("/")[-1]: page_state(v, lang, d) for s, v in sorted(pages.items())}
        for kind, records in (("countries", site.countries), ("resources", site.resources), ("tools", site.tools)):
            kinds[kind] = {k: record_state(r, lang, d) for k, r in sorted(records.items())}
        missing = set(strings.missing(lang))
        kinds["strings"] = {k: ("missing" if k in missing else "translated") for k in sorted(strings.table[d])}
        out[lang] = kinds
    return out


def _words(text) -> int:
    return len(str(text).split())


def word_report(site: Site, strings, lang: str) -> dict:
    """What a reader of `lang` meets in English, counted in words of the English source (a file
    count called a profile "translated" while half its words were English): words with a current
    translation, an outdated one (the English changed since) and none; and the pages with the most
    English words left, worst first."""
    d = site.default
    totals = Counter()
    by_page = Counter()

    def add(page, english, state):
        n = _words(english)
        totals[state] += n
        if state != "current":
            by_page[page] += n

    for kind, records in (("countries", site.countries), ("resources", site.resources), ("tools", site.tools)):
        for rid, r in records.items():
            page = f"{kind}/{rid.lower() if kind != 'resources' else rid}"
            old = record_state(r, lang, d) == "outdated"
            texts = list(_localized(r))
            if kind == "resources":
                texts.append(r.get("title_translations") or {"en": r["title"]})
            for t in texts:
                add(page, t["en"], "missing" if not t.get(lang) else "outdated" if old else "current")
    for stem, by_lang in site.pages.items():
        en = by_lang[d]
        english = f"{en.data.get('title', '')} {en.body}"
        state = {"translated": "current", "outdated": "outdated", "missing": "missing"}[page_state(by_lang, lang, d)]
        add(stem, english, state)
    missing = set(strings.missing(lang))
    for key, text in strings.table[d].items():
        add("interface", text, "missing" if key in missing else "current")
    total = sum(totals.values()) or 1
    return {"current": totals["current"], "outdated": totals["outdated"], "missing": totals["missing"],
            "share": totals["current"] / total, "worst": by_page.most_common(10)}


def counts(rep: dict) -> dict:
    return {lang: {kind: Counter(items.values()) for kind, items in kinds.items()} for lang, kinds in rep.items()}


def format_words(site: Site, strings, langs: list[str]) -> str:
    lines = [f"{'language':<9}{'current':>10}{'share':>8}{'outdated':>10}{'missing':>10}   most English (words)"]
    for lang in langs:
        w = word_report(site, strings, lang)
        worst = ", ".join(f"{p} {n}" for p, n in w["worst"][:3])
        lines.append(f"{lang:<9}{w['current']:>10}{w['share']:>8.1%}{w['outdated']:>10}{w['missing']:>10}   {worst}")
    return "\n".join(lines)


def format_table(rep: dict) -> str:
    c = counts(rep)
    kinds = list(next(iter(c.values())))
    lines = [f"{'language':<9}" + "".join(f"{k:>22}" for k in kinds),
             " " * 9 + "".join(f"{'ok/old/part/miss':>22}" for _ in kinds)]
    for lang, by_kind in c.items():
        cells = ["/".join(str(by_kind[k][s]) for s in STATES) for k in kinds]
        lines.append(f"{lang:<9}" + "".join(f"{x:>22}" for x in cells))
    return "\n".join(lines)
