"""Typography of a language, applied to a page's content as it is rendered, so that nobody types
it by hand: French no-break spaces before ; ! ? : and inside « », and in right-to-left pages every
run of Latin script isolated (<bdi>) so that the bidirectional algorithm cannot reorder it
("EC/2004/81" for "2004/81/EC", "(.CETS No" for "(CETS No. 197)")."""
from __future__ import annotations

import html
import re

_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# text inside these is left exactly as written
_VERBATIM = {"code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math", "bdi"}
_ATTR = re.compile(r"""\s(dir|lang)\s*=\s*["']?([A-Za-z-]+)""", re.I)

NNBSP, NBSP = "\u202f", "\u00a0"
_FR_TIGHT = re.compile(r"[ \u00a0\u202f]*([;!?])(?=[\s\u00a0»)<]|$)")
_FR_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]*:(?=[\s\u00a0]|$)")
_FR_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_FR_CLOSE = re.compile(r"[ \u00a0\u202f]*»")

# groups of digits with spaces or dashes between them (a phone number, 1800 666 111): in
# right-to-left text the groups would be shown in reverse order
_DIGITS = r"\+?\(?\d+\)?(?:[ \u00a0-]\(?\d+\)?)+"
_DIGIT_GROUPS = re.compile(_DIGITS)
# a run of Latin script: words (with digits and the marks inside names and citations) joined by
# spaces, with its brackets; it must hold a Latin letter
_LATIN_RUN = re.compile(
    r"@@trm-[a-z-]+@@|"     # a build token (stage.BUILD_TOKENS), stamped later: kept whole, isolated
    + _DIGITS + r"(?![0-9A-Za-z\u00c0-\u024f])|"
    r"\(?[0-9A-Za-z\u00c0-\u024f][0-9A-Za-z\u00c0-\u024f.,/&'’+:_@–-]*"
    r"(?:[ \u00a0]+&?[ \u00a0]*\(?[0-9A-Za-z\u00c0-\u024f][0-9A-Za-z\u00c0-\u024f.,/&'’+:_@–-]*\)?)*\)?")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_FR_ANY = re.compile(r"[;:!?«»]")


def _french_text(text: str) -> str:
    """Plain text in, HTML out."""
    if not _FR_ANY.search(text):
        return html.escape(text, quote=False)
    text = _FR_TIGHT.sub(lambda m: NNBSP + m.group(1), text)
    text = _FR_COLON.sub(NBSP + ":", text)
    text = _FR_OPEN.sub("«" + NBSP, text)
    return html.escape(_FR_CLOSE.sub(NBSP + "»", text), quote=False)


def _isolate_latin(text: str) -> str:
    """Plain text in, HTML out."""
    if not _LATIN_LETTER.search(text) and not _DIGIT_GROUPS.search(text):
        return html.escape(text, quote=False)
    out, at = [], 0
    for m in _LATIN_RUN.finditer(text):
        out.append(html.escape(text[at:m.start()], quote=False))
        out.append(_wrap(m))
        at = m.end()
    out.append(html.escape(text[at:], quote=False))
    return "".join(out)


def _wrap(m) -> str:
    """A run in an isolate, less the punctuation of the sentence around it (a final full stop, an
    opening bracket the run does not close)."""
    run = m.group(0)
    core = run.rstrip(".,:;–-")
    lead = "(" if run.startswith("(") and ")" not in core else ""
    core = core[len(lead):]
    if not _LATIN_LETTER.search(core) and not _DIGIT_GROUPS.fullmatch(core):
        return html.escape(run, quote=False)
    rest = run[len(lead) + len(core):]
    return f"{lead}<bdi>{html.escape(core, quote=False)}</bdi>{html.escape(rest, quote=False)}"


def _foreign(tag: str, lang: str, direction: str) -> bool:
    """Whether an element says it holds another language or direction than the page's (an English
    fallback, an address, a number): its text keeps its own typography."""
    for name, value in _ATTR.findall(tag):
        if name.lower() == "lang" and value.split("-")[0].lower() != lang:
            return True
        if name.lower() == "dir" and value.lower() != direction:
            return True
    return False


def _apply(page: str, fix, lang: str, direction: str) -> str:
    parts = _TAG.split(page)
    stack: list[bool] = []       # for each open element: is its text left alone?
    for i, part in enumerate(parts):
        if i % 2:       # a tag
            m = _NAME.match(part)
            if not m or part.startswith("<!"):
                continue
            closing, name = m.group(1), m.group(2).lower()
            if name in _VOID or part.endswith("/>"):
                continue
            if closing:
                if stack:
                    stack.pop()
                continue
            keep = name in _VERBATIM or ((" lang" in part or " dir" in part) and _foreign(part, lang, direction))
            stack.append(keep or bool(stack and stack[-1]))
        elif part and not (stack and stack[-1]) and not part.isspace():
            # on the text itself, not its HTML: an entity's ; and letters are not words (&#39;)
            parts[i] = fix(html.unescape(part) if "&" in part else part)
    return "".join(parts)


def apply(page: str, lang: str) -> str:
    """The content of a page in `lang` (HTML), with that language's typography."""
    if lang == "fr":
        return _apply(page, _french_text, "fr", "ltr")
    if lang == "ar":
        return _apply(page, _isolate_latin, "ar", "rtl")
    return page
