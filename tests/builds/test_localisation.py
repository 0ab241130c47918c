"""The reader's language on the shipped site: French typography (no breaking space before ; : ? !
and inside « »), Latin runs isolated in Arabic text, and the page's direction on <html>."""
import re

import lxml.html
import pytest

pytestmark = pytest.mark.build
LEFT_ALONE = {"code", "pre", "script", "style", "kbd", "samp", "bdi", "svg"}


def own_text(site, lang, page_lang, page_dir):
    """(page, text) for every piece of text in the pages' main content that is in the page's own
    language and direction (not code, not an element marked with another language or direction)."""
    folder = site / lang
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        root = lxml.html.fromstring(path.read_bytes())
        for article in root.xpath('//article'):
            for node in article.iter():
                if not isinstance(node.tag, str):
                    continue
                for owner, text in [(node, node.text)] + [(node, c.tail) for c in node]:
                    if not text or not text.strip():
                        continue
                    if foreign(owner, page_lang, page_dir):
                        continue
                    yield rel, text


def foreign(el, page_lang, page_dir):
    while el is not None:
        if el.tag in LEFT_ALONE:
            return True
        if el.get("lang") and el.get("lang").split("-")[0] != page_lang:
            return True
        if el.get("dir") and el.get("dir") != page_dir:
            return True
        el = el.getparent()
    return False


def test_french_pages_have_no_breaking_space_before_high_punctuation(built_real):
    texts = list(own_text(built_real, "fr", "fr", "ltr"))
    assert len(texts) > 10000
    bad = [(rel, t.strip()[:60]) for rel, t in texts
           if re.search(r"(?<=\S) [;:?!](?=\s|$)|« | »", t)]
    assert bad == [], bad[:10]
    page = (built_real / "fr" / "countries" / "al.html").read_text(encoding="utf-8")
    assert "\u202f;" in page and "\u00a0:" in page


def test_arabic_pages_isolate_every_latin_run(built_real):
    bad = [(rel, t.strip()[:60]) for rel, t in own_text(built_real, "ar", "ar", "rtl")
           if re.search(r"[A-Za-z]", t)]
    assert bad == [], bad[:10]
    page = (built_real / "ar" / "countries" / "al.html").read_text(encoding="utf-8")
    assert "<bdi>(MKR)</bdi>" in page or "<bdi>MKR</bdi>" in page


def test_the_page_direction_is_on_the_html_element(built_real):
    assert '<html lang="ar" dir="rtl"' in (built_real / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr"' in (built_real / "fr" / "index.html").read_text(encoding="utf-8")


def test_the_themes_arabic_labels_are_corrected(built_real):
    page = (built_real / "ar" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="اختر اللغة"' in page and 'aria-label="علامات التبويب"' in page
    assert "إختر" not in page and "نوافذ" not in page and "عنوان العارضة" not in page


def test_typography_never_breaks_an_entity():
    from trmkb.typography import apply
    assert apply("<p>la commande &#39;trmkb status&#39; produit ; x &amp; y &lt;z&gt;</p>", "fr") == \
        "<p>la commande 'trmkb status' produit\u202f; x &amp; y &lt;z&gt;</p>"
    assert apply("<p>شركة AT&amp;T و Bosnia &amp; Herzegovina.</p>", "ar") == \
        "<p>شركة <bdi>AT&amp;T</bdi> و <bdi>Bosnia &amp; Herzegovina</bdi>.</p>"
    assert apply("<p>اتصل بالرقم 1800 666 111 أو ‎+46 20-390 000، في 21 أغسطس 2002 و2003.</p>", "ar") == \
        "<p>اتصل بالرقم <bdi>1800 666 111</bdi> أو ‎<bdi>+46 20-390 000</bdi>، في 21 أغسطس 2002 و2003.</p>"
    assert apply("<p>نسخة @@trm-version@@ في @@trm-date-text@@.</p>", "ar") == \
        "<p>نسخة <bdi>@@trm-version@@</bdi> في <bdi>@@trm-date-text@@</bdi>.</p>"
    assert apply("<p>صدّقت (CETS No. 197) والتوجيه 2004/81/EC، في 2002.</p>", "ar") == \
        "<p>صدّقت <bdi>(CETS No. 197)</bdi> والتوجيه <bdi>2004/81/EC</bdi>، في 2002.</p>"


def _directory_names(site, prefix):
    root = lxml.html.fromstring((site / prefix / "countries" / "index.html").read_bytes())
    regions = [[t.text_content() for t in ul.xpath('.//span[@class="trm-tile-name"]')]
               for ul in root.xpath('//section[@class="trm-grid-region"]/ul')]
    rows = [tr.get("data-name") for tr in root.xpath('//table[@id="trm-directory"]/tbody/tr')]
    return regions, rows


def _collated(names, lang):
    """The names as CLDR's collation for the language orders them (ICU, through Node.js)."""
    import json
    import subprocess
    script = ("const [l, n] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(n.slice().sort(new Intl.Collator(l).compare)))")
    return json.loads(subprocess.run(["node", "-e", script], input=json.dumps([lang, names]), capture_output=True,
                                     text=True, check=True).stdout)


@pytest.mark.parametrize("prefix, lang", [("", "en"), ("fr/", "fr"), ("ar/", "ar"), ("sq/", "sq"), ("uk/", "uk")])
def test_countries_are_in_the_readers_alphabetical_order(built_real, prefix, lang):
    regions, rows = _directory_names(built_real, prefix)
    assert len(rows) == 50 and sum(map(len, regions)) >= 45
    for names in regions + [rows]:
        assert names == _collated(names, lang), names
    # what a plain sort by code point or by ISO code gets wrong
    if lang == "fr":
        assert rows.index("Égypte") < rows.index("Espagne") < rows.index("France")
    if lang == "sq":
        assert rows.index("Greqi") < rows.index("Gjermani")        # gj is a letter after g
    if lang == "en":
        assert rows.index("Albania") < rows.index("Austria") < rows.index("Bangladesh")
    # tiles lead with the name, the code after it
    page = (built_real / prefix / "countries" / "index.html").read_text(encoding="utf-8")
    assert page.count('<span class="trm-tile-name">') == page.count('</span><span class="trm-tile-code">')


def test_a_steps_standards_are_cited_in_the_pages_language(project):
    from trmkb.build import build
    step, ar = project / "content/sop/SOP-1.1.md", project / "content/sop/SOP-1.1.ar.md"
    step.write_text(step.read_text(encoding="utf-8").replace(
        "aliases: [SOP-1.0]", 'aliases: [SOP-1.0]\nstandards: ["CETS No. 197, Art. 13"]'), encoding="utf-8")
    assert build(project, quiet=True) == 0
    page = (project / "site/ar/sop/SOP-1.1.html").read_text(encoding="utf-8")
    assert '<li lang="en" dir="ltr">CETS No. 197, Art. 13</li>' in page       # not translated: marked English
    ar.write_text(ar.read_text(encoding="utf-8").replace(
        'source_version: "1"', 'source_version: "1"\nstandards: ["اتفاقية مجلس أوروبا رقم 197، المادة 13"]'), encoding="utf-8")
    assert build(project, quiet=True) == 0
    page = (project / "site/ar/sop/SOP-1.1.html").read_text(encoding="utf-8")
    assert "<li>اتفاقية مجلس أوروبا رقم 197، المادة 13</li>" in page


def test_steps_link_to_the_previous_and_next_step_and_list_their_sections(built_real):
    page = (built_real / "fr" / "sop" / "SOP-2.1.html").read_text(encoding="utf-8")
    pager = page[page.index('<nav class="trm-pager"'):]
    assert 'href="SOP-1.5.html" rel="prev"' in pager and 'href="SOP-2.2.html" rel="next"' in pager
    assert "Étape précédente" in pager
    onpage = page[page.index('<details class="trm-onpage"'):]
    assert '<a href="#purpose">' in onpage and '<a href="#standards">' in onpage
    first = (built_real / "sop" / "SOP-1.1.html").read_text(encoding="utf-8")
    assert 'rel="prev"' not in first and 'rel="next"' in first
    phase = (built_real / "sop" / "SOP-2.html").read_text(encoding="utf-8")
    assert 'href="SOP-1.html" rel="prev"' in phase and 'href="SOP-3.html" rel="next"' in phase
    profile = (built_real / "ar" / "countries" / "al.html").read_text(encoding="utf-8")
    assert profile.index('<section class="trm-call"') < profile.index('<details class="trm-onpage"') \
        < profile.index('id="summary"')
