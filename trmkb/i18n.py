"""Languages and interface strings. i18n/languages.yml is the only list of languages;
names and text direction come from Babel (CLDR)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date

from .load import YAML_LOADER


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
    cfg = yaml.safe_load((root / "i18n" / "languages.yml").read_text(encoding="utf-8"))
    return [Language(c, c == cfg["default"]) for c in cfg["languages"]]


@lru_cache(maxsize=None)
def country_name(iso2: str, lang: str) -> str:
    return Locale.parse(lang).territories.get(iso2, iso2)


@lru_cache(maxsize=None)
def language_name(code: str, lang: str) -> str:
    return Locale.parse(lang).languages.get(code, code)


@lru_cache(maxsize=4096)     # a profile repeats the same few dates hundreds of times
def date(value: str, lang: str, fmt: str = "long") -> str:
    import datetime as dt
    return format_date(dt.date.fromisoformat(value), format=fmt, locale=lang)


class Strings:
    """Interface strings per language, looked up lang -> default -> key (Material's pattern)."""

    def __init__(self, root: Path, langs: list[Language]):
        self.default = next(l.code for l in langs if l.default)
        self.table = {}
        for l in langs:
            p = root / "i18n" / "strings" / f"{l.code}.yml"
            self.table[l.code] = (yaml.load(p.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}) if p.exists() else {}

    def get(self, lang: str, key: str, **kw) -> str:
        s = self.table.get(lang, {}).get(key) or self.table[self.default].get(key) or key
        return s.format(**kw) if kw else s

    def missing(self, lang: str) -> list[str]:
        return sorted(set(self.table[self.default]) - set(self.table.get(lang, {})))
