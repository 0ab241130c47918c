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


def test_void_and_self_closed_elements_do_not_open_a_block():
    body = ('<div class="x">\n<img src="a.png" alt="">\n<BR>\n<span/>\n<a href="/x/">link</a>\n</div>\n\n'
            "Text after.\n\n<p>open\n\nMarkdown again.")
    text, frags = stash_html(body)
    assert frags == ['<div class="x">\n<img src="a.png" alt="">\n<BR>\n<span/>\n<a href="/x/">link</a>\n</div>']
    assert text.endswith("Text after.\n\n<p>open\n\nMarkdown again.")     # never closed: left to Markdown
    assert restore(text, frags) == body
