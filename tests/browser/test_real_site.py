"""The shipped content, built and used as readers use it: served over http://127.0.0.1 and
unzipped from the offline bundle over file://, in all five languages."""
import json
import re

import pytest
from playwright.sync_api import expect

from trmkb import ROOT
from trmkb.links import check_links

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Searching a country's name (from CLDR) finds its profile, in each language's own index.
SEARCHES = [("", "Albania", "countries/al.html"), ("fr/", "Albanie", "fr/countries/al.html"),
            ("ar/", "ألبانيا", "ar/countries/al.html"), ("sq/", "Shqipëri", "sq/countries/al.html"),
            ("uk/", "Албанія", "uk/countries/al.html"), ("uk/", "Україна", "uk/countries/ua.html"),
            ("ar/", "أوكرانيا", "ar/countries/ua.html")]


@pytest.fixture(scope="module")
def base(built_real, serve):
    return serve(built_real)


def external(page, allowed):
    return [u for u in page.requests if not u.startswith(allowed + ("data:", "blob:"))]


def test_links_and_anchors_resolve(built_real):
    assert check_links(built_real) == []


@pytest.mark.parametrize("lang,query,expect", SEARCHES)
def test_served_search_in_each_language(page, base, lang, query, expect):
    page.goto(base + lang + "search.html?q=" + query)
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=20000)
    hrefs = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert hrefs[0].endswith(expect), hrefs         # the country's profile comes first
    titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert titles and not any("¶" in t for t in titles), titles     # heading permalinks are not indexed
    prefix = base + lang
    assert all(h.startswith(prefix) and (lang or not re.match(re.escape(base) + r"(fr|ar|sq|uk)/", h)) for h in hrefs), hrefs
    for h in set(hrefs):        # every result opens its page (they once led to ar/ar/... and a 404)
        assert page.request.get(h.split("#")[0]).status == 200, h
    assert external(page, ("http://127.0.0.1",)) == []


@pytest.mark.parametrize("lang,query,expect", SEARCHES)
def test_offline_search_in_each_language(page, real_bundle, lang, query, expect):
    page.goto((real_bundle / lang / "search.html").as_uri() + "?q=" + query)
    page.locator(".trm-search-result-link").first.wait_for(timeout=20000)
    hrefs = page.locator(".trm-search-result-link").evaluate_all("els => els.map(e => e.href)")
    assert any(h.endswith(expect) for h in hrefs), hrefs
    assert external(page, ("file://",)) == []


@pytest.fixture(scope="module")
def unzipped_base(real_bundle, serve):
    """The offline zip's copy of the site, unzipped and served over http (it holds no Pagefind bundle)."""
    return serve(real_bundle)


@pytest.mark.parametrize("lang,query,expect", [SEARCHES[0], SEARCHES[2], SEARCHES[4]])
def test_the_unzipped_site_served_over_http_searches_with_its_offline_index(page, unzipped_base, lang, query,
                                                                             expect):
    page.goto(unzipped_base + lang + "search.html?q=" + query)
    page.locator(".trm-search-result-link").first.wait_for(timeout=20000)
    hrefs = page.locator(".trm-search-result-link").evaluate_all("els => els.map(e => e.href)")
    assert any(h.endswith(expect) for h in hrefs), hrefs
    assert page.locator("#trm-search input[type=search]").count() == 1        # one search box, the offline one
    assert page.errors == [] and external(page, ("http://127.0.0.1",)) == []
    # the only things missing are Pagefind's script and stylesheet, which it asked for first
    assert [f for f in page.failed if not re.search(r"/pagefind/pagefind-ui\.(js|css)$", f)] == [], page.failed


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_deep_link_to_a_step(page, base, lang):
    page.goto(f"{base}{lang}/sop/SOP-4.2.html#origin")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h2#origin").count() == 1
    page.goto(f"{base}{lang}/sop/SOP-4.html#SOP-4.2")
    assert page.locator('[id="SOP-4.2"]').count() == 1


def test_every_page_type_stays_on_this_machine(page, base, real_bundle):
    paths = ["index.html", "countries/index.html", "countries/al.html", "countries/compare.html?c=FR,AL",
             "countries/corridor-fr-al.html", "resources/index.html", "sop/index.html", "sop/SOP-4.2.html",
             "sop/SOP-4-print.html", "tools/index.html", "tools/t3.html", "search.html?q=return", "about.html"]
    for lang in ("", "ar/"):
        for p in paths:
            page.goto(base + lang + p)
            page.wait_for_load_state("networkidle")
    assert external(page, ("http://127.0.0.1",)) == []
    assert page.failed == []        # every file a page asks for is in the site
    page.requests.clear()
    for lang in ("", "uk/"):
        for p in paths:
            page.goto((real_bundle / lang / p.split("?")[0]).as_uri())
    assert external(page, ("file://",)) == []
    assert page.failed == []
    assert page.errors == []


def test_checklist_from_the_bundle(page, real_bundle):
    page.goto((real_bundle / "tools" / "t1.html").as_uri())
    total = page.locator(".trm-item").count()
    assert 15 <= total <= 40
    page.locator(".trm-item input[type=checkbox], .trm-item input[type=radio]").first.check()
    assert page.locator(".trm-progress").inner_text() == f"1 of {total} answered"
    page.reload()
    assert page.locator(".trm-progress").inner_text() == f"1 of {total} answered"


@pytest.mark.parametrize("lang", ["", "ar/"])
@pytest.mark.parametrize("path", ["index.html", "countries/al.html", "resources/index.html", "sop/SOP-4.2.html",
                                  "tools/t3.html", "search.html?q=return"])
def test_accessibility(page, base, lang, path):
    page.goto(base + lang + path)
    if path.startswith("search"):       # Pagefind's box and results, once they are there
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=20000)
    page.evaluate(AXE.read_text(encoding="utf-8"))      # (not a <script> tag: see test_a11y_mini.serious)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=1)


def test_no_country_profile_scrolls_sideways_on_a_phone(page, base, built_real):
    """Every profile in every language on a 375 px screen: the ratifications table once pushed 46
    of them sideways (up to 56 px in Ukrainian) and cut off the sources column."""
    page.set_viewport_size({"width": 375, "height": 740})
    wide = []
    for html in sorted(built_real.glob("**/countries/*.html")):
        rel = html.relative_to(built_real).as_posix()
        if rel.endswith(("/index.html", "/compare.html")) or "/corridor-" in rel or rel.startswith("pagefind"):
            continue
        page.goto(base + rel, wait_until="domcontentloaded")
        over = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if over > 0:
            wide.append(f"{rel} +{over}px")
    assert wide == []


def test_the_served_site_offers_itself_for_download(page, base, real_bundle, built_real):
    """The home page leads to the offline page, whose button downloads the zip (put in the site by
    'trmkb build --bundle', as by 'trmkb bundle'); in the unzipped copy the button is hidden (the zip does not hold itself)."""
    import zipfile
    for lang in ("", "ar/"):
        page.goto(base + lang + "index.html")
        page.locator(".trm-build a[href$='offline.html']").click()
        assert page.url == base + lang + "offline.html"
        button = page.locator(".trm-download a")
        assert button.is_visible()
        with page.expect_download() as d:
            button.click()
        saved = d.value.path()
        assert d.value.suggested_filename.startswith("trm-kb-offline-")
        with zipfile.ZipFile(saved) as z:
            names = z.namelist()
        assert any(n.endswith("/index.html") and n.count("/") == 1 for n in names)
        assert not any("/download/" in n for n in names)
    page.goto((real_bundle / "offline.html").as_uri())
    assert page.locator(".trm-download a").count() == 1 and not page.locator(".trm-download a").is_visible()
    # a site built but not bundled (no zip in download/): no button that leads to a 404
    page.route("**/download/trm-kb-offline.zip", lambda route: route.fulfill(status=404, body="not here"))
    page.goto(base + "offline.html")
    expect(page.locator(".trm-download")).to_be_hidden()


@pytest.mark.parametrize("lang,width", [("", 1280), ("", 375), ("ar/", 375), ("ar/", 1280)])
def test_keyboard_focus_is_never_hidden_under_the_checklist_bar(page, base, lang, width):
    """Going back through a long checklist with Shift+Tab, each control must come into view below
    the header and the checklist's bar that stay on top (45 of 73 ended up hidden under them)."""
    page.set_viewport_size({"width": width, "height": 740 if width < 600 else 800})
    page.goto(base + lang + "tools/t3.html")
    page.locator("footer").last.scroll_into_view_if_needed()
    page.locator(".trm-item input").last.focus()
    hidden = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        box = page.evaluate("""() => {
            const el = document.activeElement, r = el.getBoundingClientRect();
            const covers = [document.querySelector('.md-header'), document.querySelector('.trm-tool-bar')]
              .filter(c => c && ['sticky', 'fixed'].includes(getComputedStyle(c).position))
              .map(c => c.getBoundingClientRect().bottom);
            return {tag: el.tagName, name: el.name || el.textContent.trim().slice(0, 30), top: r.top,
                    under: Math.max(0, ...covers), inBar: !!el.closest('.trm-tool-bar, .md-header')};
        }""")
        if not box["inBar"] and box["top"] < box["under"] - 1:
            hidden.append(box)
    assert hidden == [], [(b["name"], round(b["top"]), round(b["under"])) for b in hidden] + [
        page.evaluate("document.documentElement.style.scrollPaddingTop")]


@pytest.mark.parametrize("lang,width", [("", 1280), ("ar/", 375), ("uk/", 375)])
def test_directory_names_are_not_broken_inside_a_word(page, base, lang, width):
    """A one-word country name stays on one line in the directory table ("Afghani/stan" at 1280 px,
    48 Arabic names cut between joined letters at 375 px); the table scrolls in its box instead."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base + lang + "countries/index.html")
    broken = page.evaluate("""() => Array.from(document.querySelectorAll('#trm-directory tbody th a'))
        .filter(a => !/\\s/.test(a.textContent.trim()) && a.getClientRects().length > 1)
        .map(a => a.textContent.trim())""")
    assert broken == []
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_compare_keeps_names_and_labels_in_view_on_a_phone(page, base):
    """Comparing four countries on a phone: the table scrolls in its box, and the countries' names
    (its header row) and the facts' labels (its first column) stay in view; on paper nothing is cut."""
    page.set_viewport_size({"width": 375, "height": 700})
    for lang in ("", "ar/"):
        page.goto(base + lang + "countries/compare.html?c=FR,AL,UA,MA")
        box = page.locator(".trm-compare-wrap")
        expect(page.locator("#trm-compare thead th a")).to_have_count(4)
        name = page.locator("#trm-compare thead th a").last     # at the far end once scrolled sideways
        label = page.locator('#trm-compare tr[data-row="reviewed"] th')
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
        top = box.bounding_box()["y"]
        # down to the middle of the tallest row (a long fact), and sideways to the last country
        box.evaluate("""b => { const rows = Array.from(b.querySelectorAll('tbody tr'));
            const tall = rows.reduce((x, r) => r.offsetHeight > x.offsetHeight ? r : x);
            b.scrollTop = tall.offsetTop + tall.offsetHeight / 2;
            b.scrollLeft = (getComputedStyle(b).direction === 'rtl' ? -1 : 1) * b.scrollWidth; }""")
        assert box.evaluate("b => b.scrollTop") > 0 and box.evaluate("b => Math.abs(b.scrollLeft)") > 0
        head = name.bounding_box()
        assert abs(head["y"] - top) < 40, (lang, head, top)          # still at the top of the box
        assert name.evaluate("a => document.elementFromPoint(a.getBoundingClientRect().x + 2, "
                             "a.getBoundingClientRect().y + 2) === a || a.contains(document.elementFromPoint("
                             "a.getBoundingClientRect().x + 2, a.getBoundingClientRect().y + 2))")
        wrap = box.bounding_box()
        cell = label.bounding_box()
        edge = wrap["x"] if not lang else wrap["x"] + wrap["width"] - cell["width"]
        assert abs(cell["x"] - edge) < 2, (lang, cell, wrap)           # the label column stays at its edge
        # in the tall row now under the names, its label is shown just below them
        row = page.evaluate("""() => { const b = document.querySelector('.trm-compare-wrap').getBoundingClientRect();
            const head = document.querySelector('#trm-compare thead th').getBoundingClientRect();   // sticky: where the names are
            const th = Array.from(document.querySelectorAll('#trm-compare tbody th')).find(t => {
                const r = t.getBoundingClientRect(); return r.top < head.bottom && r.bottom > head.bottom + 40; });
            if (!th) return null;
            const s = th.querySelector('span').getBoundingClientRect();
            return [s.top - head.bottom, s.bottom <= b.bottom, th.textContent]; }""")
        assert row is not None, "no row taller than the box after scrolling"
        assert 0 <= row[0] < 2 and row[1], (lang, row)
        page.emulate_media(media="print")
        assert box.evaluate("b => b.scrollHeight <= b.clientHeight + 1"), "printed comparison cut off"
        page.emulate_media(media="screen")


@pytest.mark.parametrize("lang", ["", "ar/", "fr/"])
def test_a_page_title_takes_no_empty_line_on_a_phone(page, base, lang):
    """A page's title has no permalink: the page's own address is that. Its hidden mark (¶) took
    room after the last word, and where the title only just fitted on a line (the Arabic offline
    page at 390 px), it went to a line of its own, an empty line under the title."""
    page.set_viewport_size({"width": 390, "height": 800})
    tall = []
    for path in ("offline.html", "countries/index.html", "resources/index.html", "tools/index.html", "about.html"):
        page.goto(base + lang + path)
        # the heading's height against where its text ends (the text outside the permalink mark)
        lines = page.evaluate("""() => {
            const h = document.querySelector("article h1"), top = h.getBoundingClientRect().top;
            const walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
            let bottom = top;
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                if (n.parentElement.closest(".headerlink") || !n.textContent.trim()) continue;
                const range = document.createRange(); range.selectNodeContents(n);
                for (const r of range.getClientRects()) bottom = Math.max(bottom, r.bottom);
            }
            return [Math.round(h.getBoundingClientRect().height), Math.round(bottom - top)];
        }""")
        if lines[0] > lines[1] + 8:      # the heading is taller than its text
            tall.append(f"{lang}{path}: {lines}")
    assert tall == []
