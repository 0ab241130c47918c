"""What the built pages say, in the reader's language (found by a review of the real site)."""
import re

import pytest

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
