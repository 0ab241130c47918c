"""Browser tests on the served fixture site (Playwright + Debian's Chromium over http://127.0.0.1)."""
import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(built_mini, serve):
    return serve(built_mini)


def only_local(page):
    bad = [u for u in page.requests if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert bad == [], f"requests to other hosts: {bad}"


def test_home_renders_in_english_and_arabic(page, base):
    page.goto(base + "index.html")
    assert page.locator("h1").first.inner_text() == "TRM Knowledge Base"
    assert page.locator(".trm-pillar").count() == 4
    page.goto(base + "ar/index.html")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator(".trm-pillar").count() == 4
    assert page.errors == []
    only_local(page)


def test_switcher_keeps_the_page(page, base):
    page.goto(base + "countries/ad.html")
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/ar/countries/ad.html")
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.url == base + "countries/ad.html"
    only_local(page)


@pytest.mark.parametrize("lang,word,expect", [("", "Zebrafixture", "countries/ad.html"),
                                              ("ar/", "تجريبي", "ar/")])
def test_search_returns_results_in_the_page_language(page, base, lang, word, expect):
    page.goto(base + lang + "search.html?q=" + word)
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=15000)
    hrefs = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert any(expect in h for h in hrefs), hrefs
    if lang == "":
        assert not any("/ar/" in h for h in hrefs), hrefs
    else:
        assert all("/ar/" in h for h in hrefs), hrefs
    message = page.locator(".pagefind-ui__message").inner_text()      # in our words for this language
    assert (re.search(r"^\d+ results? for ", message) if lang == "" else message.startswith("عدد نتائج البحث عن")), message
    result.click()      # a result opens its page in this language
    page.wait_for_load_state()
    assert page.url.split("#")[0] in [h.split("#")[0] for h in hrefs]
    assert page.evaluate("document.documentElement.lang") == (lang.strip("/") or "en")
    assert page.locator("h1").count() == 1
    only_local(page)


def test_english_only_word_is_not_found_from_arabic(page, base):
    """Wombatfixture exists only in the English step; the Arabic index must not contain it."""
    page.goto(base + "ar/search.html?q=Wombatfixture")
    page.wait_for_selector(".pagefind-ui__message", timeout=15000)
    page.wait_for_timeout(500)
    assert page.locator(".pagefind-ui__result-link").count() == 0
    page.goto(base + "search.html?q=Wombatfixture")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)


@pytest.mark.parametrize("width", [1400, 1200, 375])
@pytest.mark.parametrize("path", ["index.html", "ar/index.html", "countries/ad.html", "ar/countries/ad.html",
                                  "ar/search.html"])
def test_no_page_scrolls_sideways(page, base, path, width):
    """Nothing sticks out past the page's edge (the language list once did by 30 px, so every
    page scrolled sideways and, in Arabic, opened with its header and title cut off)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base + path)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_tab_skips_the_closed_menu_on_a_phone(page, base, lang):
    """At 375 px the navigation drawer is off screen until opened: Tab must not walk through its
    links (it took eight presses to leave them), and they are there once the drawer is open."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(base + lang + "countries/ad.html")
    in_drawer = []
    for _ in range(12):
        page.keyboard.press("Tab")
        in_drawer.append(page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"))
    assert not any(in_drawer)
    page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator(".md-sidebar--primary .md-nav__link[href]").first
    link.wait_for(state="visible")
    link.focus()
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")


@pytest.mark.parametrize("lang,label", [("", "Skip to content"), ("ar/", "انتقل إلى المحتوى")])
def test_first_tab_offers_to_skip_to_the_content(page, base, lang, label):
    """On every page the first Tab reaches "skip to content" (Material gave it only to pages whose
    table of contents has a heading: not the home or search pages)."""
    for path in ("index.html", "search.html", "countries/ad.html"):
        page.goto(base + lang + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent.trim(),"
                                " document.activeElement.getAttribute('href')]")
        assert "md-skip" in focused[0].split() and focused[1] == label, (path, focused)
        target = focused[2].split("#")[1]
        assert page.locator(f"[id='{target}']").count() == 1, (path, target)


def test_switcher_keeps_the_view_and_the_section(page, base):
    """A trainer's link with a role and a section opens, in another language, the same view."""
    page.goto(base + "sop/SOP-1.1.html?role=consular#origin")
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    page.wait_for_load_state()
    assert page.url == base + "ar/sop/SOP-1.1.html?role=consular#origin"
    page.goto(base + "countries/compare.html?c=FR,AL")
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    page.wait_for_load_state()
    assert page.url == base + "ar/countries/compare.html?c=FR,AL"
    assert page.locator("#trm-compare").is_visible()


_NESTED = """() => { const l = document.querySelector('.pagefind-ui__result-nested .pagefind-ui__result-link');
  const b = getComputedStyle(l, '::before'), n = getComputedStyle(l.closest('.pagefind-ui__result-nested'));
  return {arrow: b.content, right: b.right, padLeft: n.paddingLeft, padRight: n.paddingRight}; }"""


@pytest.mark.parametrize("lang,word", [("", "Zebrafixture"), ("ar/", "تجريبية")])
def test_sections_found_by_search_are_indented_toward_the_reading_side(page, base, lang, word):
    """Pagefind indents a result's sections from the left with an arrow pointing right, whatever
    the direction; in Arabic they are indented from the right, the arrow on the right pointing left."""
    page.goto(base + lang + "search.html?q=" + word)
    page.locator(".pagefind-ui__result-nested").first.wait_for(timeout=15000)
    got = page.evaluate(_NESTED)
    if lang:
        assert "\u2936" in got["arrow"] and got["padLeft"] == "0px" and got["padRight"] != "0px", got
        assert got["right"].startswith("-"), got       # (left: past the link's end, on its right)
    else:
        assert "\u2937" in got["arrow"] and got["padLeft"] != "0px" and got["padRight"] == "0px", got
    only_local(page)


def test_the_theme_scripts_run_and_an_injected_handler_does_not(page, base):
    """The policy allows the theme's inline scripts by hash (its storage helpers ran) and nothing
    else: a handler attribute put into the page does not run, served or opened as a file."""
    for url in (base + "countries/ad.html", base + "ar/sop/SOP-1.1.html"):
        page.goto(url)
        assert page.evaluate("typeof __md_get") == "function"      # the theme's first inline script ran
        ran = page.evaluate("""() => new Promise(done => {
            document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__ran=1" onload="window.__ran=1">');
            setTimeout(() => done(window.__ran || 0), 300); })""")
        assert ran == 0, url
    assert page.errors == []
