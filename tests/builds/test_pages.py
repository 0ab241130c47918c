"""What the built pages say, in the reader's language (found by a review of the real site)."""
import re

import pytest

from trmkb.build import build

pytestmark = pytest.mark.build


def test_heading_links_are_titled_in_the_page_language(built_mini):
    for prefix, title in (("", "Link to this section"), ("ar/", "رابط إلى هذا القسم")):
        html = (built_mini / prefix / "sop" / "SOP-1.1.html").read_text(encoding="utf-8")
        links = re.findall(r'<a class="headerlink"[^>]*title="([^"]*)"', html)
        assert links and set(links) == {title}, (prefix, set(links))
        assert "Permanent link" not in html


def test_content_is_rendered_as_written(built_mini):
    """Markdown bodies are not escaped before Markdown sees them: a code span shows <date>, not
    &lt;date&gt;, and the few inline elements content may use are elements, not text."""
    html = (built_mini / "about.html").read_text(encoding="utf-8")
    assert "<code>file-&lt;date&gt;.zip</code>" in html
    assert "<kbd>Ctrl</kbd>+<kbd>P</kbd>" in html
    assert "&amp;lt;" not in html and "&amp;#34;" not in html and "&amp;#39;" not in html
    assert "Bodies are inserted" not in html        # the template's comment stays in the template


def test_home_title_logo_and_comparison_lists(built_mini):
    for prefix in ("", "ar/"):
        home = (built_mini / prefix / "index.html").read_text(encoding="utf-8")
        (title,) = re.findall(r"<title>([^<]*)</title>", home)
        assert " - " not in title, title                    # not "TRM Knowledge Base - TRM Knowledge Base"
        assert 'alt="logo"' not in home
    compare = (built_mini / "countries" / "compare.html").read_text(encoding="utf-8")
    select = re.search(r'<select name="c0">(.*?)</select>', compare, re.S).group(1)
    assert re.findall(r"<option value=\"[A-Z]+\">([^<]+)</option>", select) == ["Albania", "Andorra", "France"]
    assert "Country 1 <select" in compare


def test_the_404_page_speaks_every_language(built_mini):
    """Hosts serve the root 404.html for any missing address, whatever its language: it says so
    in each language and links each language's home page (addresses from the root, as MkDocs
    writes for 404 pages)."""
    html = (built_mini / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<section class="trm-not-found" lang="en" dir="ltr">\s*<h1>Page not found</h1>', html)
    assert re.search(r'<section class="trm-not-found" lang="ar" dir="rtl">\s*<h2>الصفحة غير موجودة</h2>', html)
    assert 'href="/ar/index.html"' in html and 'href="/index.html"' in html
    assert "404 - Not found" not in html


def test_a_title_shown_as_published_is_marked_with_its_language(built_mini):
    ar = (built_mini / "ar" / "resources" / "R-2010-test-guidelines.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>.*?</h1>", ar, re.S).group(0)
    assert re.match(r'<h1[^>]*\blang="en"', h1) and 'dir="ltr"' in h1 and "Fixture guidelines on return" in h1, h1
    assert "{" not in h1
    en = (built_mini / "resources" / "R-2010-test-guidelines.html").read_text(encoding="utf-8")
    assert 'lang="en"' not in re.search(r"<h1[^>]*>", en).group(0)


def test_corridor_arrows_point_along_the_route_in_right_to_left_text(built_mini):
    """France → Albania: in Arabic a '→' after فرنسا points back at it, so the route read reversed."""
    en = (built_mini / "countries" / "corridor-fr-al.html").read_text(encoding="utf-8")
    ar = (built_mini / "ar" / "countries" / "corridor-fr-al.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>France → Albania", en)
    h1 = re.search(r"<h1[^>]*>(.*?)<", ar).group(1)
    assert "←" in h1 and "→" not in h1 and h1.index("فرنسا") < h1.index("ألبانيا"), h1
    assert "→" not in re.search(r"<title>(.*?)</title>", ar).group(1)


def test_table_header_cells_are_never_empty(built_mini):
    """Screen readers announce a column by its header: the comparison and status tables' first
    header cells were empty."""
    for page in ("countries/compare.html", "status.html", "ar/countries/compare.html", "ar/status.html"):
        html = (built_mini / page).read_text(encoding="utf-8")
        for thead in re.findall(r"<thead>.*?</thead>", html, re.S):
            cells = re.findall(r"<th[^>]*>(.*?)</th>", thead, re.S)
            assert cells and all(re.sub(r"<[^>]+>", "", c).strip() for c in cells), (page, cells)


def test_the_directory_explains_its_question_mark_before_the_table(built_mini):
    html = (built_mini / "countries" / "index.html").read_text(encoding="utf-8")
    assert html.index("not yet verified from a named source") < html.index('id="trm-directory"')


def test_a_title_shows_as_written_and_adds_no_markup(project):
    """The theme writes a page's title into the page as HTML (the header, <title>, the footer's
    links and their aria-label): 'Bosnia & Herzegovina' was a bare &, and a " or a < in a title went
    into the markup as it was. Titles are escaped when staged. (A tag in a title is refused by
    validation: test_validate.test_data_and_front_matter_are_plain_text.)"""
    from trmkb.build import build
    step = project / "content" / "sop" / "SOP-1.1.md"
    text = step.read_text(encoding="utf-8")
    step.write_text(text.replace("title: Detection and first contact",
                                 """title: 'Detection "first" contact & more <3'""", 1), encoding="utf-8")
    assert build(project, quiet=True) == 0
    html = (project / "site" / "sop" / "SOP-1.1.html").read_text(encoding="utf-8")
    assert '"first" contact &' not in html and "more <3" not in html
    shown = "Detection &quot;first&quot; contact &amp; more &lt;3"
    assert f"<title>{shown} - " in html
    assert re.search(r'class="md-ellipsis">\s*' + re.escape(shown), html), "the header shows the title as written"


def test_every_inline_script_is_allowed_by_hash_and_no_other_is(built_mini):
    """The policy of every page (and of the redirect pages) names the hash of each inline script the
    page runs, and neither 'unsafe-inline' nor the placeholder: an event-handler attribute or an
    inline script that came into a page some other way does not run."""
    import base64
    import hashlib

    import lxml.html
    checked = 0
    for path in built_mini.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        doc = lxml.html.fromstring(path.read_bytes())
        (policy,) = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src")).split()
        assert "'unsafe-inline'" not in script_src and "'trm-inline-scripts'" not in script_src, path
        for script in doc.xpath("//script[not(@src)]"):
            if script.get("type") in ("application/json",):
                continue
            digest = base64.b64encode(hashlib.sha256((script.text or "").encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in script_src, (path, (script.text or "")[:80])
            checked += 1
    assert checked > 20
    assert (built_mini / "sop" / "SOP-1.0.html").is_file()      # a redirect page was among them


def test_an_english_summary_in_another_language_is_a_left_to_right_paragraph(project):
    """A summary shown in English where a language has none carries its language and direction on
    its paragraph, not on a span inside it: the paragraph's alignment and the ellipsis of the
    catalogue's summaries (cut to three lines) follow the paragraph's direction."""
    f = project / "data" / "resources" / "R-2015-test-report.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("  ar: منشور تجريبي.\n", "", 1), encoding="utf-8")
    assert build(project, quiet=True) == 0
    site = project / "site"
    catalogue = (site / "ar" / "resources" / "index.html").read_text(encoding="utf-8")
    summaries = re.findall(r'<p class="trm-res-summary"[^>]*>.*?</p>', catalogue, re.S)
    english = [s for s in summaries if "Third fixture" in s]
    assert english == ['<p class="trm-res-summary" lang="en" dir="ltr">A fixture publication. Third fixture.</p>']
    assert [s for s in summaries if "منشور تجريبي" in s] and all("<span" not in s for s in summaries)
    page = (site / "ar" / "resources" / "R-2015-test-report.html").read_text(encoding="utf-8")
    assert '<p class="trm-summary" lang="en" dir="ltr">A fixture publication. Third fixture.</p>' in page
    assert '<p class="trm-summary">منشور تجريبي.</p>' in (
        site / "ar" / "resources" / "R-2010-test-guidelines.html").read_text(encoding="utf-8")
    assert '<p class="trm-summary">A fixture publication. Third fixture.</p>' in (
        site / "resources" / "R-2015-test-report.html").read_text(encoding="utf-8")
