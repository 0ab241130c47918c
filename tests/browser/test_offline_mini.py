"""The offline bundle of the fixture site, unzipped and opened from file:// (no server)."""
import re
import zipfile

import pytest
from playwright.sync_api import expect

from trmkb.bundle import bundle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(built_mini, tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    z = bundle(built_mini.parent, site=built_mini, dist=dist, quiet=True)
    assert z.name.startswith("trm-kb-offline-") and z.suffix == ".zip"
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(z) as f:
        f.extractall(out)
    (top,) = out.iterdir()
    assert (top / "index.html").exists()
    return top


def only_files(page):
    bad = [u for u in page.requests if not u.startswith(("file://", "data:", "blob:"))]
    assert bad == [], bad


@pytest.mark.parametrize("lang,query,expect", [("", "zebrafixture", "countries/ad.html"),
                                              ("ar/", "تجريبي", "ar/countries/ad.html")])
def test_offline_search_in_the_page_language(page, unzipped, lang, query, expect):
    page.goto((unzipped / lang / "search.html").as_uri() + "?q=" + query)
    page.locator(".trm-search-result-link").first.wait_for(timeout=10000)
    hrefs = page.locator(".trm-search-result-link").evaluate_all("els => els.map(e => e.href)")
    assert any(h.endswith(expect) for h in hrefs), hrefs
    assert all(("/ar/" in h) == (lang == "ar/") for h in hrefs), hrefs
    page.locator(".trm-search-result-link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://")
    assert page.errors == []
    only_files(page)


def test_offline_search_english_only_word_not_in_arabic(page, unzipped):
    page.goto((unzipped / "ar" / "search.html").as_uri() + "?q=Wombatfixture")
    expect(page.locator(".trm-search-status")).to_have_text(re.compile(r"\S"))   # (no eval: the CSP forbids it)
    assert page.locator(".trm-search-result-link").count() == 0


def test_switcher_and_navigation_from_file(page, unzipped):
    page.goto((unzipped / "countries" / "ad.html").as_uri())
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/ar/countries/ad.html")
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.locator(".md-tabs__link").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ar/index.html")
    only_files(page)
