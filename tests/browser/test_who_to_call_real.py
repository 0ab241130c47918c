"""A consular officer on a phone: every profile of the shipped content shows a number that can be
called from abroad (a tel:+... link) on its first screen at 390x844, in English, Arabic and
Ukrainian; the few that have none say why and give the route that works, on that screen too."""
import pytest

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
# The profiles for which no source read gives a number callable from abroad (the target is
# at most two): each says why and what to do instead (call_note). A new one here is a regression.
WITHOUT = {"af", "co", "er"}


@pytest.fixture(scope="module")
def base(built_real, serve):
    return serve(built_real)


@pytest.mark.parametrize("lang", ["", "ar/", "uk/"])
def test_every_profile_shows_a_number_from_abroad_on_a_phones_first_screen(browser, built_real, base, lang):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    late, without = [], []
    profiles = sorted(p.stem for p in (built_real / lang / "countries").glob("??.html"))
    assert len(profiles) == 50
    for code in profiles:
        page.goto(f"{base}{lang}countries/{code}.html")
        first = page.locator('.trm-call [data-call="abroad"]')
        link = first.locator('a[href^="tel:+"]')
        shown = (link if link.count() else first).first.bounding_box()
        if not link.count():
            without.append(code)
        if shown is None or shown["y"] + shown["height"] > PHONE["height"]:
            late.append((code, shown and round(shown["y"])))
        # the warnings stay above the box, and are seen with it
        if page.locator(".trm-banners").count():
            assert page.locator(".trm-banners").bounding_box()["y"] < page.locator(".trm-call").bounding_box()["y"]
    ctx.close()
    assert late == [], f"the first number is below the first screen: {late}"
    assert set(without) <= WITHOUT, f"profiles with no number callable from abroad: {without}"


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_the_directory_table_becomes_cards_on_a_phone(browser, base, lang):
    """714 px of columns in a 358 px box scrolled sideways: on a phone each country is a card, its
    values under their column's names, and nothing is wider than the screen."""
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(f"{base}{lang}countries/index.html")
    table = page.locator("#trm-directory")
    assert table.evaluate("t => t.scrollWidth") <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    cell = page.locator("#trm-directory tbody tr").first.locator("td").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == cell.get_attribute("data-label") and label.strip('"')
    ctx.close()
