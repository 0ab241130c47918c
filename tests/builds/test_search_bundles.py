"""Each language has its own Pagefind bundle beside its pages, made as soon as that language is
built; the search page of a language loads its own bundle, which holds only that language."""
import json
import re

import pytest

pytestmark = pytest.mark.build


def test_one_pagefind_bundle_per_language(built_mini):
    for prefix, lang in (("", "en"), ("ar/", "ar")):
        entry = json.loads((built_mini / prefix / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {lang}
        assert entry["languages"][lang]["page_count"] > 3
        search = (built_mini / prefix / "search.html").read_text(encoding="utf-8")
        assert re.search(r'data-bundle="' + re.escape(prefix) + r'pagefind/"', search)
    assert not (built_mini / "ar" / "ar").exists()
