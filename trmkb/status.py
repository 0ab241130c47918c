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


def counts(rep: dict) -> dict:
    return {lang: {kind: Counter(items.values()) for kind, items in kinds.items()} for lang, kinds in rep.items()}


def format_table(rep: dict) -> str:
    c = counts(rep)
    kinds = list(next(iter(c.values())))
    lines = [f"{'language':<9}" + "".join(f"{k:>22}" for k in kinds),
             " " * 9 + "".join(f"{'ok/old/part/miss':>22}" for _ in kinds)]
    for lang, by_kind in c.items():
        cells = ["/".join(str(by_kind[k][s]) for s in STATES) for k in kinds]
        lines.append(f"{lang:<9}" + "".join(f"{x:>22}" for x in cells))
    return "\n".join(lines)
