"""Counts in the reader's language: every interface string with a number says each plural form
its language has (CLDR through Babel), and renders right for 0, 1, 2, 5, 11, 21 and 101."""
import pytest
import yaml

from trmkb import ROOT
from trmkb.i18n import format_message, message_problems, plural_tags

LANGS = ["en", "fr", "ar", "sq", "uk"]
NUMBERS = [0, 1, 2, 5, 11, 21, 101]
TABLES = {l: yaml.safe_load((ROOT / "i18n/strings" / f"{l}.yml").read_text(encoding="utf-8")) for l in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_message_has_the_forms_of_its_language_and_renders(lang):
    plural = {k: v for k, v in TABLES[lang].items() if ", plural," in v}
    assert len(plural) >= 4, "the strings with counts are plural messages"
    for key, text in plural.items():
        names, wrong = message_problems(text, lang)
        assert wrong == [], (lang, key, wrong)
        for n in NUMBERS:
            out = format_message(text, lang, {name: n for name in names})
            assert "{" not in out and "#" not in out, (lang, key, n, out)


@pytest.mark.parametrize("lang, key, values, expected", [
    ("en", "banner_unverified", {"count": 1}, "1 fact on this page is marked as needing verification. Check it "),
    ("en", "banner_unverified", {"count": 21}, "21 facts on this page are marked"),
    ("fr", "banner_unverified", {"count": 0}, "0 fait de cette page est signalé"),
    ("fr", "banner_unverified", {"count": 2}, "2 faits de cette page sont signalés"),
    ("uk", "home_sop_text", {"phases": 5, "steps": 23}, "5 фаз і 23 кроки "),
    ("uk", "home_sop_text", {"phases": 1, "steps": 21}, "1 фаза і 21 крок "),
    ("uk", "home_sop_text", {"phases": 2, "steps": 11}, "2 фази і 11 кроків "),
    ("uk", "home_resources_text", {"count": 101}, "101 публікація:"),
    ("sq", "banner_unverified", {"count": 1}, "1 fakt në këtë faqe është shënuar"),
    ("sq", "banner_unverified", {"count": 5}, "5 fakte në këtë faqe janë shënuar"),
    ("ar", "home_sop_text", {"phases": 2, "steps": 2}, "مرحلتان وخطوتان "),
    ("ar", "home_sop_text", {"phases": 5, "steps": 23}, "5 مراحل و23 خطوةً "),
    ("ar", "home_resources_text", {"count": 101}, "101 منشور:"),
    ("ar", "banner_unverified", {"count": 1}, "معلومة واحدة في هذه الصفحة"),
])
def test_counts_agree_with_their_nouns(lang, key, values, expected):
    assert format_message(TABLES[lang][key], lang, values).startswith(expected)


def test_a_missing_plural_form_is_named():
    names, wrong = message_problems("{count, plural, one {# крок} other {# кроки}}", "uk")
    assert names == {"count"} and wrong == ["{count} lacks the uk plural form(s) few, many"]
    assert plural_tags("ar") == {"zero", "one", "two", "few", "many", "other"}
