"""Interface strings: every key the templates use exists in English, none is dead, and each
translation keeps the English placeholders ({count}, {date}...) so nothing breaks at build time."""
import re

import pytest
import yaml

from trmkb import ROOT
from trmkb.i18n import languages

EN = yaml.safe_load((ROOT / "i18n/strings/en.yml").read_text(encoding="utf-8"))
TEMPLATES = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "trmkb/templates").glob("*.j2"))
CODE = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "trmkb").glob("*.py"))
LITERAL = set(re.findall(r"\bt\(\s*[\"']([a-z_0-9]+)[\"']", TEMPLATES + CODE)) | \
    set(re.findall(r"strings\.get\([^,]+,\s*[\"']([a-z_0-9]+)[\"']", CODE)) | set(re.findall(r"\(\"(nav_[a-z]+)\",", CODE))
LITERAL = {k for k in LITERAL if not k.endswith("_")}
PREFIXES = set(re.findall(r"\bt\(\s*[\"']([a-z_0-9]+_)[\"']\s*~", TEMPLATES))


def test_every_used_key_exists():
    assert sorted(LITERAL - set(EN)) == []


def test_no_dead_keys():
    dead = [k for k in EN if k not in LITERAL and not any(k.startswith(p) for p in PREFIXES)]
    assert dead == []


@pytest.mark.parametrize("lang", [l.code for l in languages(ROOT) if not l.default])
def test_translation_keeps_placeholders(lang):
    path = ROOT / "i18n/strings" / f"{lang}.yml"
    assert path.exists(), f"{path} missing"
    tr = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert sorted(set(tr) - set(EN)) == [], "keys that English does not have"
    for k, v in tr.items():
        assert names(v, lang) == names(EN[k], "en"), (lang, k, v)


def names(text, lang):
    """The values a string fills in: {name}, or the names of an ICU plural message."""
    from trmkb.i18n import message_problems
    return message_problems(text, lang)[0] if ", plural," in text else set(re.findall(r"\{([a-z]+)\}", text))


def test_no_doubled_full_stop_after_a_date():
    """Ukrainian dates end with 'р.' (23 листопада 2026 р.): a string that puts {date} right before
    its own full stop printed 'р..'."""
    from babel.dates import format_date
    import datetime as dt
    for code in ("uk",):
        assert format_date(dt.date(2026, 11, 23), format="long", locale=code).endswith(".")
        strings = yaml.safe_load((ROOT / f"i18n/strings/{code}.yml").read_text(encoding="utf-8"))
        assert not [k for k, v in strings.items() if isinstance(v, str) and re.search(r"\{[a-z_]*date[a-z_]*\}\.", v)]
