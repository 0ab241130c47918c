"""Generated HTML blocks are set aside from Markdown (stage.stash_html) and put back by the MkDocs
hook: putting them back gives the staged text exactly, and only whole HTML blocks are set aside."""
from trmkb.stage import RAW_PLACEHOLDER, stash_html

BODY = """# Title {#t}

<div class="a">
<p>one</p>
</div>
<ul><li>two</li></ul>

Some *Markdown* text.

<section markdown="1">
**kept for Markdown**
</section>

<p>html</p>
followed by text on the next line

<dl><dt>x</dt><dd>y</dd></dl>"""


def restore(text, frags):
    return RAW_PLACEHOLDER.sub(lambda m: frags[int(m.group(1))], text)


def test_round_trip_and_what_is_set_aside():
    text, frags = stash_html(BODY)
    assert restore(text, frags) == BODY
    assert frags == ['<div class="a">\n<p>one</p>\n</div>\n<ul><li>two</li></ul>', "<dl><dt>x</dt><dd>y</dd></dl>"]
    assert "Some *Markdown* text." in text and '<section markdown="1">' in text
    assert "<p>html</p>\nfollowed by text" in text     # HTML run into Markdown text: left to Markdown
