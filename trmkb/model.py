"""Typed views over validated sources, with computed fields: localized text with its fallback,
staleness, counts of unverified facts and back-links. Pure functions of the loaded data."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .project import Sources, is_sop_phase, page_key

STALE_DAYS = 365
EVIDENCE_YEARS = 3      # a fact whose newest source is older than this is marked as such
FACT_FIELDS = ["coordinator", "rapporteur", "nrm", "identification_authority", "reflection_period",
               "residence_permits", "assistance", "return_reintegration", "children", "consular_notes",
               "risks_on_return"]
TREATIES = ["palermo", "cets197", "ilo_p029"]
CORRIDOR_DESTINATIONS = ["FR", "GR", "IT", "PL", "ES"]
CORRIDOR_ORIGINS = ["AL", "MA", "UA"]


@dataclass
class Text:
    """A piece of localized text and whether it fell back to the default language."""
    value: str
    lang: str
    fallback: bool

    def attrs(self) -> Markup:
        """The attributes of the element that holds this text: a fallback's language and direction
        (the default language's, read left to right), nothing for a text in the page's language."""
        return Markup(f' lang="{escape(self.lang)}" dir="ltr"') if self.fallback else Markup("")

    def html(self) -> Markup:
        if self.fallback:       # (what Markup.format gives, without its slow formatter)
            return Markup(f"<span{self.attrs()}>{escape(self.value)}</span>")
        return escape(self.value)

    __html__ = html

    def __str__(self):
        return self.value


def pick(loc: dict | None, lang: str, default: str = "en") -> Text | None:
    if not loc:
        return None
    if loc.get(lang):
        return Text(loc[lang], lang, False)
    return Text(loc.get(default, ""), default, True)


@dataclass
class Site:
    src: Sources
    countries: dict = field(default_factory=dict)
    resources: dict = field(default_factory=dict)
    tools: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)      # stem -> {lang: Doc}
    vocab: dict = field(default_factory=dict)
    backlinks: dict = field(default_factory=dict)  # resource id -> {"sop": [...], "countries": [...], "tools": [...]}

    @property
    def default(self):
        return self.src.default

    def sop_phases(self):
        phases = sorted(filter(is_sop_phase, self.pages), key=_sop_order)
        return [(p, self.steps_of(p)) for p in phases]

    def steps_of(self, phase_stem):
        pid = phase_stem.split("/")[-1]
        return sorted((s for s in self.pages if s.startswith(f"sop/{pid}.")), key=_sop_order)

    def neighbours(self, stem):
        """The previous and the next step of a step, or phase of a phase, in the procedure's order
        (None at either end): a trainer walks a room through the steps one after the other."""
        order = [p for p, _ in self.sop_phases()] if is_sop_phase(stem) else \
            [s for _, steps in self.sop_phases() for s in steps]
        i = order.index(stem)
        return (order[i - 1] if i else None), (order[i + 1] if i + 1 < len(order) else None)

    def corridors(self):
        """Destination -> origin pairs of the original TRM platform that both have profiles."""
        return [(d, o) for d in CORRIDOR_DESTINATIONS for o in CORRIDOR_ORIGINS
                if d in self.countries and o in self.countries]

    def resource_countries(self):
        return sorted({c for r in self.resources.values() for c in r.get("countries") or []})

    def resource_doc_languages(self):
        return sorted({l for r in self.resources.values() for l in r["doc_languages"]})

    def unverified_total(self):
        return sum(unverified_count(c) for c in self.countries.values())

    def step_count(self):
        return sum(len(s) for _, s in self.sop_phases())


def _sop_order(stem):
    return tuple(int(x) for x in stem.split("-")[-1].split("."))


def build_site(src: Sources) -> Site:
    site = Site(src)
    site.countries = {d.data["id"]: d.data for d in src.countries}
    site.resources = {d.data["id"]: d.data for d in src.resources}
    site.tools = {d.data["id"]: d.data for d in src.tools}
    site.vocab = src.vocab.data if src.vocab else {}
    for d in src.pages:
        stem, lang = page_key(d)
        site.pages.setdefault(stem, {})[lang or src.default] = d
    bl = site.backlinks
    for stem, by_lang in site.pages.items():
        for r in by_lang[src.default].data.get("resources") or []:
            bl.setdefault(r, {}).setdefault("sop", []).append(by_lang[src.default].data["id"])
    for cid, c in site.countries.items():
        for s in c.get("sources") or []:
            if s.get("resource"):
                bl.setdefault(s["resource"], {}).setdefault("countries", []).append(cid)
    for tid, t in site.tools.items():
        for r in t.get("sources") or []:
            bl.setdefault(r, {}).setdefault("tools", []).append(tid)
    return site


def facts_of(country: dict):
    """Every sourced fact of a profile as (field path, fact dict)."""
    for t in TREATIES:
        f = (country.get("ratifications") or {}).get(t)
        if f:
            yield f"ratifications.{t}", f
    for k in FACT_FIELDS:
        if country.get(k):
            yield k, country[k]
    for i, c in enumerate(country.get("contacts") or []):
        yield f"contacts[{i}]", c


def unverified_count(country: dict) -> int:
    return sum(1 for _, f in facts_of(country) if f.get("status") != "verified")


def build_date() -> dt.date:
    """The date a build is made on: today, or the day of SOURCE_DATE_EPOCH when it is set (the
    reproducible-builds convention), so that builds made around midnight can agree on it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def is_stale(country: dict, today: dt.date | None = None) -> bool:
    today = today or build_date()
    return (today - dt.date.fromisoformat(country["last_reviewed"])).days > STALE_DAYS


def _last_day(written: str) -> dt.date:
    """The last day a source's date (a year, a month or a day, as written) can mean."""
    import calendar
    parts = [int(x) for x in written.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return dt.date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


def evidence(fact: dict, country: dict, today: dt.date | None = None) -> tuple[str | None, bool]:
    """How old the evidence behind a fact is: the year of its newest dated source (None when none
    of them is dated), and whether that source is older than EVIDENCE_YEARS. A checked date says
    when someone read the sources, not when they were written."""
    by_id = {s["id"]: s for s in country.get("sources") or []}
    dates = [by_id[i]["date"] for i in fact.get("sources") or [] if i in by_id and by_id[i].get("date")]
    if not dates:
        return None, False
    newest = max(map(_last_day, dates))
    today = today or build_date()
    limit = dt.date(today.year - EVIDENCE_YEARS, today.month, min(today.day, 28))
    return str(newest.year), newest < limit
