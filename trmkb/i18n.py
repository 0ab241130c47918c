"""Languages and interface strings. i18n/languages.yml is the only list of languages;
names and text direction come from Babel (CLDR)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date

from .load import LoadError, fmt_path, load_yaml
from .problems import Problem


@lru_cache(maxsize=None)
def text_direction(code: str) -> str:
    """'rtl' or 'ltr' for a language code (CLDR); asked for on every staged page."""
    return "rtl" if Locale.parse(code).text_direction == "rtl" else "ltr"


@dataclass(frozen=True)
class Language:
    code: str
    default: bool

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """The language's name in itself, e.g. 'français', 'العربية'."""
        n = self.locale.get_display_name(self.code)
        return n[:1].upper() + n[1:]

    @property
    def dir(self) -> str:
        return text_direction(self.code)

    @property
    def prefix(self) -> str:
        """Folder of the language in the built site ('' for the default)."""
        return "" if self.default else self.code + "/"


def languages(root: Path) -> list[Language]:
    """The site's languages, from i18n/languages.yml. Raises load.LoadError, naming the line and
    the field, when the file is not a list of languages the site can be built in."""
    path = root / "i18n" / "languages.yml"
    if not path.is_file():
        raise LoadError(Problem("i18n/languages.yml", 1, "", "the list of the site's languages is missing",
                                "create it with two lines: 'default: en' and 'languages: [en, fr]'"))
    doc = load_yaml(path, root)
    cfg = doc.data if isinstance(doc.data, dict) else {}

    def wrong(at, message, hint):
        raise LoadError(Problem(doc.rel, doc.line(at), fmt_path(at), message, hint))
    codes = cfg.get("languages")
    if not isinstance(codes, list) or not codes:
        wrong(["languages"], "must be a list of language codes", "for example: languages: [en, fr, ar]")
    for i, code in enumerate(codes):
        if not isinstance(code, str) or not _known_language(code):
            wrong(["languages", i], f"{code!r} is not a language code that Babel (CLDR) knows",
                  "use two-letter ISO 639-1 codes, such as fr, ar, uk")
        if code in codes[:i]:
            wrong(["languages", i], f"'{code}' is listed twice", "list each language once")
    if cfg.get("default") not in codes:
        wrong(["default"], f"the default language {cfg.get('default')!r} is not in 'languages'",
              "use one of: " + ", ".join(codes))
    return [Language(c, c == cfg["default"]) for c in codes]


def _known_language(code: str) -> bool:
    from babel.core import UnknownLocaleError
    try:
        Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return bool(re.fullmatch("[a-z]{2}", code))


@lru_cache(maxsize=None)
def country_name(iso2: str, lang: str) -> str:
    return Locale.parse(lang).territories.get(iso2, iso2)


_RANKS: dict[str, dict[str, int]] = {}
_SITE_LANGUAGES: list[str] = []      # the site's languages (set by Strings): ranked together


def country_rank(lang: str) -> dict[str, int]:
    """Every country code, ranked by its name in `lang` as that language's collation orders them
    (CLDR, through Intl.Collator in Node.js, which carries ICU's full data: Babel has CLDR's names
    but no collation, and a plain sort puts "Égypte" after "Zambie" and "Вʼєтнам" out of place).
    One Node.js run ranks all the site's languages (a run costs 0.2 s)."""
    if lang not in _RANKS:
        import json
        import subprocess
        langs = [lang] + [l for l in _SITE_LANGUAGES if l not in _RANKS and l != lang]
        names = {l: {k: v for k, v in Locale.parse(l).territories.items() if re.fullmatch("[A-Z]{2}", k)} for l in langs}
        script = ("const all = JSON.parse(require('fs').readFileSync(0, 'utf8')); const out = {};"
                  "for (const [l, n] of Object.entries(all)) { const c = new Intl.Collator(l);"
                  " out[l] = Object.keys(n).sort((a, b) => c.compare(n[a], n[b]) || (a < b ? -1 : 1)); }"
                  "process.stdout.write(JSON.stringify(out))")
        out = subprocess.run(["node", "-e", script], input=json.dumps(names), capture_output=True, text=True,
                             check=True, timeout=60).stdout
        for l, codes in json.loads(out).items():
            _RANKS[l] = {code: n for n, code in enumerate(codes)}
    return _RANKS[lang]


def by_name(codes, lang: str) -> list[str]:
    """Country codes in the order of their names in `lang`."""
    rank = country_rank(lang)
    return sorted(set(codes), key=lambda c: (rank.get(c, len(rank)), c))


@lru_cache(maxsize=None)
def language_name(code: str, lang: str) -> str:
    return Locale.parse(lang).languages.get(code, code)


@lru_cache(maxsize=4096)     # a profile repeats the same few dates hundreds of times
def date(value: str, lang: str, fmt: str = "long") -> str:
    import datetime as dt
    return format_date(dt.date.fromisoformat(value), format=fmt, locale=lang)


# ---- ICU MessageFormat plurals ----------------------------------------------------------
# A string with a count says each plural form of its language, in ICU MessageFormat:
# "{count, plural, one {# fact needs} other {# facts need}} checking". The forms a language needs
# are CLDR's (Babel: English one/other, Ukrainian one/few/many/other, Arabic all six).

PLURAL_KEYWORDS = ("zero", "one", "two", "few", "many", "other")


@lru_cache(maxsize=None)
def parse_message(text: str) -> tuple:
    """The message's parts (pyicumessageformat's syntax tree), parsed once."""
    from pyicumessageformat import Parser
    return tuple(Parser().parse(text))


def plural_tags(lang: str) -> set[str]:
    """The plural categories a language's numbers fall into, 'other' included (CLDR)."""
    return set(Locale.parse(lang).plural_form.tags) | {"other"}


def format_message(text: str, lang: str, values: dict) -> str:
    rule = Locale.parse(lang).plural_form

    def render(parts, number=None):
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            elif part.get("hash"):
                out.append(str(number))
            elif part.get("type") == "plural":
                n = values[part["name"]]
                options = part["options"]
                chosen = options.get(f"={n}") or options.get(rule(n)) or options["other"]
                out.append(render(chosen, n))
            else:
                out.append(str(values[part["name"]]))
        return "".join(out)

    return render(parse_message(text))


def message_problems(text: str, lang: str) -> tuple[set[str], list[str]]:
    """The placeholders a message uses and what is wrong with its plurals (unreadable, a form
    the language does not have, a form it needs that is missing)."""
    try:
        parts = parse_message(text)
    except Exception as e:      # (the parser's own error says where)
        return set(), [f"is not a valid ICU message: {e}"]
    names, wrong = set(), []
    want = plural_tags(lang)

    def walk(items):
        for part in items:
            if isinstance(part, str) or part.get("hash"):
                continue
            names.add(part["name"])
            if part.get("type") == "plural":
                got = {k for k in part["options"] if not k.startswith("=")}
                if got - set(PLURAL_KEYWORDS):
                    wrong.append(f"unknown plural form {', '.join(sorted(got - set(PLURAL_KEYWORDS)))}")
                if want - got:
                    wrong.append(f"{{{part['name']}}} lacks the {lang} plural form(s) {', '.join(sorted(want - got))}")
                if got - want - {"other"} and not (got - set(PLURAL_KEYWORDS)):
                    wrong.append(f"{{{part['name']}}} has form(s) {lang} never uses: {', '.join(sorted(got - want))}")
                for option in part["options"].values():
                    walk(option)
    walk(parts)
    return names, wrong


class Strings:
    """Interface strings per language, looked up lang -> default -> key (Material's pattern), from
    the i18n/strings/<lang>.yml files as the sources have them loaded (project.load_all) and
    validation checked them (validate.rule_interface_strings)."""

    def __init__(self, src):
        self.default = src.default
        _SITE_LANGUAGES[:] = [l.code for l in src.langs]
        self.table = {l.code: src.strings[l.code].data if l.code in src.strings else {} for l in src.langs}

    def get(self, lang: str, key: str, **kw) -> str:
        own = self.table.get(lang, {}).get(key)
        s, in_lang = (own, lang) if own else (self.table[self.default].get(key) or key, self.default)
        if ", plural," in s:
            return format_message(s, in_lang, kw)
        return s.format(**kw) if kw else s

    def missing(self, lang: str) -> list[str]:
        return sorted(set(self.table[self.default]) - set(self.table.get(lang, {})))
