"""Links that trainers shared never break: a step that was renamed or moved keeps its old
address (front matter 'aliases') as a small page that forwards to the new one, hash included."""
from __future__ import annotations

from html import escape
from pathlib import Path

from .csp import script_hash
from .model import Site

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {script_hash}">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
<title>{title}</title>
<script>{script}</script>
</head><body><p>{message} <a href="{target}">{title}</a></p></body></html>
"""


def write_redirects(site: Site, out: Path, strings, langs: list[str]) -> int:
    n = 0
    for stem, by_lang in site.pages.items():
        en = by_lang[site.default]
        for alias in en.data.get("aliases") or []:
            folder = Path(stem).parent
            for lang in langs:
                prefix = "" if lang == site.default else f"{lang}/"
                path = out / prefix / folder / f"{alias}.html"
                if path.exists():
                    continue   # a real page wins over an alias
                target = f"{Path(stem).name}.html"
                title = escape(by_lang.get(lang, en).data["title"])
                path.parent.mkdir(parents=True, exist_ok=True)
                script = f"location.replace({target!r} + location.search + location.hash);"
                path.write_text(PAGE.format(lang=lang, target=escape(target), script=script, script_hash=script_hash(script),
                                            title=title, message=escape(strings.get(lang, "redirect_moved"))),
                                encoding="utf-8")
                n += 1
    return n
