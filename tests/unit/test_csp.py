"""The pages' Content-Security-Policy allows inline scripts by their hashes only (trmkb/csp.py)."""
import base64
import hashlib

from trmkb.csp import SCRIPT_HASHES, script_hash, with_script_hashes


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_inline_scripts_are_allowed_by_hash_and_nothing_else_is_added():
    page = (f'<head><meta http-equiv="Content-Security-Policy" content="script-src \'self\' {SCRIPT_HASHES}">'
            '<script>var a=1</script><script src="x.js"></script>'
            '<script id="__config" type="application/json">{"a": 1}</script></head>'
            '<body><script type="module">import("./m.js")</script><SCRIPT>b()</SCRIPT></body>')
    out = with_script_hashes(page)
    policy = out.split('content="', 1)[1].split('"', 1)[0]
    assert policy == "script-src 'self' " + " ".join(sorted([sha("var a=1"), sha('import("./m.js")'), sha("b()")]))
    assert script_hash("var a=1") == sha("var a=1")
    assert "unsafe-inline" not in out and SCRIPT_HASHES not in out


def test_a_page_without_the_placeholder_is_left_as_it_is():
    page = "<html><script>x()</script></html>"
    assert with_script_hashes(page) == page
