"""Catalogue facets combined with free text, with counts, in English and Arabic, served and from file://."""
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(params=["http", "file"])
def root(request, built_mini, serve):
    return serve(built_mini) if request.param == "http" else built_mini.as_uri() + "/"


def shown(page):
    return page.locator("#trm-reslist li:not([hidden]) > a").all_inner_texts()


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_filter_by_country_theme_and_year(page, root, lang):
    page.goto(root + lang + "resources/index.html")
    assert len(shown(page)) == 3
    page.locator('select[name="countries"]').select_option("AL")
    assert sorted(shown(page)) == ["Fixture handbook on children", "Fixture report on Albania"]
    assert page.locator('input[name="themes"][value="children"] + .trm-facet-count').inner_text() == "(1)"
    page.locator('input[name="themes"][value="children"]').check()
    assert shown(page) == ["Fixture handbook on children"]
    page.locator('input[name="themes"][value="children"]').uncheck()
    page.locator('input[name="to"]').fill("2016")
    assert shown(page) == ["Fixture report on Albania"]
    page.locator('input[name="to"]').fill("2019")
    page.locator('input[name="q"]').fill("handbook")
    assert shown(page) == ["Fixture handbook on children"]
    assert page.locator(".trm-result-count").inner_text().startswith("1")


def test_the_address_follows_the_filters_so_a_copied_link_shares_them(page, built_mini, serve):
    base = serve(built_mini)
    page.goto(base + "resources/index.html?country=ad")
    names = page.locator('select[name="countries"] option').all_inner_texts()[1:]
    assert names == sorted(names)           # by name, not by code (Albania before Andorra before France)
    page.locator('select[name="countries"]').select_option("AL")
    page.locator('input[name="themes"][value="children"]').check()
    assert page.url.endswith("resources/index.html?country=al&theme=children")
    page.goto(page.url)                     # the shared link opens the same view
    assert shown(page) == ["Fixture handbook on children"]
    page.locator('select[name="countries"]').select_option("")
    page.locator('input[name="themes"][value="children"]').uncheck()
    assert page.url.endswith("resources/index.html")
