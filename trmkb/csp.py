"""The pages' Content-Security-Policy runs no script but the site's own files and the inline
scripts a page was written with, allowed by their hashes: no other inline script and no
event-handler attribute runs, whatever text a page came to hold. (overrides/main.html has the
policy; the MkDocs hook and the redirect pages fill in the hashes.)"""
from __future__ import annotations

import base64
import hashlib
import re

SCRIPT_HASHES = "'trm-inline-scripts'"      # in the policy, replaced by the page's hashes
_INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_RUNS = ("", "text/javascript", "application/javascript", "module")


def script_hash(script: str) -> str:
    """The CSP source that allows this inline script, byte for byte."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def with_script_hashes(html: str) -> str:
    """html with SCRIPT_HASHES replaced by the hashes of its inline scripts (the theme's storage
    helpers, its tab restore...). Scripts from files are allowed as 'self'; data blocks (the
    theme's JSON configuration) do not run and need none."""
    if SCRIPT_HASHES not in html:
        return html
    hashes = set()
    for m in _INLINE_SCRIPT.finditer(html):
        attrs = m.group(1) or ""
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _RUNS):
            continue
        hashes.add(script_hash(m.group(2)))
    return html.replace(SCRIPT_HASHES, " ".join(sorted(hashes)), 1)
