"""Filter the directory, open a profile in Arabic, compare two countries."""
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(built_mini, serve):
    return serve(built_mini)


def visible_rows(page):
    return page.locator("#trm-directory tbody tr:not([hidden]) th a").all_inner_texts()


def test_filter_by_region_and_sort(page, base):
    page.goto(base + "countries/index.html")
    assert visible_rows(page) == ["Albania", "Andorra", "France"]      # sorted by name, not code
    page.get_by_label("Region").select_option("western-balkans")
    assert visible_rows(page) == ["Albania"]
    assert page.locator(".trm-filter-count").inner_text() == "1 of 3 countries shown"
    page.get_by_label("Region").select_option("")
    page.get_by_label("Roles").select_option("transit")
    assert visible_rows(page) == ["France"]
    page.get_by_label("Roles").select_option("")
    page.get_by_role("button", name="Country").click()                 # toggle to descending
    assert visible_rows(page) == ["France", "Andorra", "Albania"]


def test_profile_in_arabic(page, base):
    page.goto(base + "ar/countries/al.html")
    assert page.evaluate("document.documentElement.dir || getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1").first.inner_text().rstrip("¶") == "ألبانيا"   # country name from CLDR
    assert page.locator('[data-status="verified"]').count() >= 2


def test_compare_two_countries_and_share_the_link(page, base):
    page.goto(base + "countries/compare.html")
    page.locator('select[name="c0"]').select_option("FR")
    page.locator('select[name="c1"]').select_option("AL")
    page.get_by_role("button", name="Compare").click()
    heads = page.locator("#trm-compare thead th a").all_inner_texts()
    assert heads == ["France", "Albania"]
    assert "c=FR%2CAL" in page.url or "c=FR,AL" in page.url
    page.reload()
    assert page.locator("#trm-compare thead th a").all_inner_texts() == ["France", "Albania"]
    row = page.locator('#trm-compare tr[data-row="reflection_period"] td').all_inner_texts()
    assert len(row) == 2 and all("30 days" in r for r in row)


def test_profile_prints_as_a_brief(page, base):
    page.goto(base + "countries/fr.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-tabs").is_visible()
    brief = page.locator(".trm-print-only").first
    assert brief.is_visible() and "Last reviewed" in brief.inner_text()
    import re
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert 1 <= pages <= 2, pages


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_profile_reads_on_a_phone(page, base, lang):
    """On a 375 px screen each fact's label sits above its value, which gets the full width
    (beside a 9-14rem label column it was a few words wide)."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base + lang + "countries/ad.html")
    rows = page.locator(".trm-glance > div, .trm-facts > div")
    assert rows.count() > 3
    for i in range(min(rows.count(), 6)):
        row = rows.nth(i).bounding_box()
        value = rows.nth(i).locator("dd").first.bounding_box()
        label = rows.nth(i).locator("dt").first.bounding_box()
        assert value["width"] >= 0.9 * row["width"], (i, value, row)
        assert value["y"] >= label["y"] + label["height"] - 1


def test_find_by_the_code_on_the_tiles_or_the_english_name(page, base):
    page.goto(base + "countries/index.html")
    page.get_by_label("Find").fill("ad")           # the code shown on the tiles
    assert visible_rows(page) == ["Andorra"]
    page.goto(base + "ar/countries/index.html")
    page.locator('input[data-filter="text"]').fill("France")     # the English name, on the Arabic page
    assert len(visible_rows(page)) == 1 and page.locator("#trm-directory tbody tr:not([hidden])").get_attribute(
        "data-keys").startswith("fr ")
