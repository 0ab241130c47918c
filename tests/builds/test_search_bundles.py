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


def test_no_unused_theme_or_search_files(built_mini):
    """Material's own search (worker, lunr), source maps and the Pagefind interfaces the search
    page does not load are left out: every build copied them, every offline bundle carried them."""
    files = [p.relative_to(built_mini).as_posix() for p in built_mini.rglob("*") if p.is_file()]
    assert not [f for f in files if f.endswith(".map") or "/lunr/" in f or "javascripts/workers/" in f]
    assert not [f for f in files if re.search(r"pagefind-(component-ui|modular-ui|highlight)", f)]
    for prefix in ("", "ar/"):      # what the search page does load is there
        for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js"):
            assert (built_mini / prefix / "pagefind" / name).is_file()
    assert (built_mini / "assets" / "javascripts").is_dir()     # Material's bundle itself stays


def test_pages_carry_no_head_alternates(built_mini):
    """Material's script fetches sitemap.xml beside every <link rel=alternate hreflang>: from a
    profile, five requests that fail. The language list in the header still links every language."""
    html = (built_mini / "ar" / "index.html").read_text(encoding="utf-8")
    head, _, body = html.partition("</head>")
    assert 'hreflang="' not in head
    assert body.count('hreflang="') >= 2


def test_the_offline_zip_holds_no_pagefind_bundle_and_stores_what_is_already_compressed(built_mini, tmp_path):
    """Pagefind cannot run from file://, where the search page uses the offline index: its bundles
    stay out of the zip. What is already compressed is stored, the rest deflated."""
    import zipfile
    from trmkb import ROOT
    from trmkb.bundle import bundle
    with zipfile.ZipFile(bundle(ROOT, site=built_mini, dist=tmp_path, quiet=True)) as z:
        names = [i.filename for i in z.infolist()]
        methods = {i.filename.rsplit(".", 1)[-1]: i.compress_type for i in z.infolist() if not i.is_dir()}
    assert (built_mini / "ar" / "pagefind" / "pagefind-entry.json").exists()
    assert not [n for n in names if "/pagefind/" in n or n.endswith((".pf_fragment", ".pf_index", ".pagefind"))]
    assert any(n.endswith("/search/offline-ar.js") for n in names)
    assert methods["gz"] == zipfile.ZIP_STORED          # the sitemap's
    assert methods["html"] == methods["js"] == zipfile.ZIP_DEFLATED


def test_bundle_is_the_one_the_whole_pages_give(built_mini, tmp_path):
    """Pagefind reads each page cut down to its indexed text (offline.search_input): the bundle
    must be byte for byte the one Pagefind makes from the whole pages (with no anchor on their
    <h1>), in each language."""
    import shutil
    import subprocess
    from pagefind.service import get_executable
    from trmkb.build import PAGEFIND_UNUSED
    from trmkb.offline import pagefind_html
    for prefix in ("", "ar/"):
        part = tmp_path / f"part-{prefix.strip('/') or 'en'}"     # one language's pages, as a worker has them
        shutil.copytree(built_mini / prefix, part / prefix, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("pagefind", "ar", "search", "assets"))
        for page in part.rglob("*.html"):       # the one change search_input makes besides the cut
            page.write_text(pagefind_html(page.read_text(encoding="utf-8")), encoding="utf-8")
        subprocess.run([str(get_executable()), "--site", str(part), "--output-subdir", prefix + "pagefind",
                        "--quiet"], check=True, capture_output=True)
        whole, built = part / prefix / "pagefind", built_mini / prefix / "pagefind"
        files = lambda d: sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())   # noqa: E731
        expected = [f for f in files(whole) if f not in PAGEFIND_UNUSED]
        assert files(built) == expected and len(expected) > 10
        changed = [f for f in expected if (whole / f).read_bytes() != (built / f).read_bytes()]
        assert changed == [], f"{prefix or 'en'}: these files differ from the whole pages' bundle"


def _fragments(bundle):
    import gzip
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        yield json.loads(data[len(b"pagefind_dcd"):])


def test_search_results_do_not_repeat_the_title_as_a_sub_result(built_mini):
    """Pagefind makes a sub-result of each heading with an id. The page's <h1> keeps its id on the
    page (its permalink) but not in what Pagefind reads: a result's first sub-result repeated its
    title. The sections (<h2>) stay sub-results."""
    sop = (built_mini / "sop" / "SOP-1.1.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="[^"]+"', sop), "the page's <h1> has an id: the case this is about"
    for prefix in ("", "ar/"):
        fragments = list(_fragments(built_mini / prefix / "pagefind"))
        assert len(fragments) > 3
        elements = [a["element"] for f in fragments for a in f["anchors"]]
        assert "h1" not in elements
        assert "h2" in elements


def test_a_term_and_its_value_stay_separate_words_in_the_index(built_mini):
    """Pagefind joins the text of adjacent elements with no space: a profile's glance read
    "RolesCountry of origin", "RegionWestern Balkans", and its tables "InstrumentStatusDate",
    in search excerpts and as the words indexed. What Pagefind reads has a space between a term and
    its value, and between table cells (offline.pagefind_html)."""
    import lxml.html
    (doc,) = [d for d in _fragments(built_mini / "pagefind") if d["url"].endswith("countries/ad.html")]
    page = lxml.html.fromstring((built_mini / "countries" / "ad.html").read_bytes())
    terms = [t.text_content().strip() for t in page.xpath("//dl[@class='trm-glance']//dt")]
    heads = [t.text_content().strip() for t in page.xpath("//table//th")]
    assert len(terms) >= 3 and len(heads) >= 3, (terms, heads)
    for label in terms + heads:
        assert label and (label + " ") in doc["content"] or doc["content"].endswith(label), (label, doc["content"][:300])
