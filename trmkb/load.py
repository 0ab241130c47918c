"""Load YAML data and Markdown front matter, keeping the line of every value.

Scalars stay strings unless YAML says int, float, bool or null: dates are kept as the
text the editor wrote (the schema checks their form), so nothing is silently converted. Booleans are
only true and false (as in YAML 1.2): NO (Norway's country code), yes, no, on and off stay text.
Anchors and aliases are refused: no data file needs them and they allow "billion laughs".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 1_000_000
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # libyaml when PyYAML has it
_BOOLEANS = ("true", "false", "True", "False", "TRUE", "FALSE")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_HINT_YAML = "check indentation (spaces, not tabs) and quote text containing ': ' or starting with a special character"


@dataclass
class Doc:
    """One loaded file: plain data plus the line of every field path."""
    path: Path
    rel: str
    data: object
    lines: dict = field(default_factory=dict)
    body: str = ""          # Markdown body (content files only)
    body_line: int = 1      # line where the body starts
    schema_problems: tuple | None = None   # (schema key, problems): reused while the file is unchanged

    def line(self, path=()) -> int:
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class LoadError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _read_text(path: Path, rel: str) -> str:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise LoadError(Problem(rel, 1, "", f"file is {len(raw):,} bytes, more than the {MAX_BYTES:,} allowed",
                                "split the content or remove pasted binary data"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise LoadError(Problem(rel, line, "", f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})",
                                "save the file as UTF-8 in your editor")) from None
    if "\x00" in text:
        raise LoadError(Problem(rel, text[: text.index("\x00")].count("\n") + 1, "", "file contains NUL bytes",
                                "this looks like a binary file; save it as UTF-8 text"))
    return text


def _construct(node, path, lines, seen, rel):
    if id(node) in seen:
        raise LoadError(Problem(rel, node.start_mark.line + 1, _fmt(path), "YAML anchors and aliases (&, *) are not allowed",
                                "write the value out in full"))
    seen.add(id(node))
    lines.setdefault(tuple(path), node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for k, v in node.value:
            key = _construct(k, path, {}, seen, rel) if not isinstance(k, yaml.ScalarNode) else k.value
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise LoadError(Problem(rel, k.start_mark.line + 1, _fmt(path + [key]), f"duplicate key '{key}'",
                                        "each field may appear only once; merge the two entries"))
            lines[tuple(path + [key])] = k.start_mark.line + 1
            out[key] = _construct(v, path + [key], lines, seen, rel)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(v, path + [i], lines, seen, rel) for i, v in enumerate(node.value)]
    return _scalar(node)


def _scalar(node):
    v, tag = node.value, node.tag
    if node.style in ("'", '"', "|", ">"):
        return v
    if tag.endswith(":null") or v in ("", "~", "null", "Null", "NULL"):
        return None
    if v in _BOOLEANS:      # (not YAML 1.1's yes, no, on, off: NO is Norway's code)
        return v.lower() == "true"
    if _INT.match(v):
        return int(v)
    if _FLOAT.match(v):
        return float(v)
    return v


def _fmt(path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


fmt_path = _fmt


MAX_DEPTH = 64
_NEST = re.compile(r"[\[\]{}]")


def _depth_guard(text: str, rel: str, line_offset: int):
    """libyaml recurses on nesting and crashes the interpreter on absurd depth: refuse it first."""
    depth = 0
    for m in _NEST.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise LoadError(Problem(rel, text[: m.start()].count("\n") + 1 + line_offset, "",
                                    f"the data is nested more than {MAX_DEPTH} levels deep",
                                    "records are at most a few levels deep; check for runaway brackets"))


def parse_yaml(text: str, rel: str, path: Path, line_offset: int = 0) -> Doc:
    if not text.strip():
        raise LoadError(Problem(rel, 1 + line_offset, "", "file is empty", "start from a template in CONTRIBUTING.md"))
    _depth_guard(text, rel, line_offset)
    # (an anchor is written '&name', an alias '*name': without either character, neither can be there)
    if ("&" in text or "*" in text) and any(isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None)
                                            for ev in _events(text, rel, line_offset)):
        raise LoadError(Problem(rel, 1 + line_offset, "", "YAML anchors and aliases (&, *) are not allowed",
                                "write the value out in full"))
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError as e:
        raise _yaml_problem(e, rel, line_offset, text) from None
    except RecursionError:
        raise _too_deep(rel, line_offset) from None
    lines: dict = {}
    try:
        data = _construct(node, [], lines, set(), rel) if node is not None else None
    except RecursionError:
        raise _too_deep(rel, line_offset) from None
    if line_offset:
        lines = {k: v + line_offset for k, v in lines.items()}
    return Doc(path, rel, data, lines)


def _too_deep(rel, line_offset):
    return LoadError(Problem(rel, 1 + line_offset, "", "the data is nested too deeply",
                             "records are at most a few levels deep; check for runaway brackets"))


def _events(text, rel, line_offset):
    try:
        return list(yaml.parse(text, Loader=YAML_LOADER))
    except yaml.YAMLError as e:
        raise _yaml_problem(e, rel, line_offset, text) from None
    except RecursionError:
        raise _too_deep(rel, line_offset) from None


_DOUBLE_QUOTE = re.compile(r'(?<!\\)"')


def _unclosed_quote(text: str, first: int, last: int) -> int | None:
    """The first line (0-based) from first to last that opens a quote it does not close: a
    double-quoted value runs on into the next lines until a later quote ends it, and YAML
    reports the error there, lines below the one to fix."""
    for n, line in enumerate(text.split("\n")[first:last + 1], first):
        value = line.split(": ", 1)[-1].lstrip("- ").strip()      # a quoted value starts with its quote
        if (value.startswith('"') and len(_DOUBLE_QUOTE.findall(value)) % 2) or \
                (value.startswith("'") and value.count("'") % 2):
            return n
    return None


def _yaml_problem(e, rel, line_offset, text: str = ""):
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line = (mark.line + 1 if mark else 1) + line_offset
    msg = getattr(e, "problem", None) or str(e).splitlines()[0]
    ctx = getattr(e, "context", None)
    start = getattr(e, "context_mark", None)
    quote = _unclosed_quote(text, start.line, mark.line - 1) if start and mark and text else None
    if quote is not None:
        return LoadError(Problem(rel, quote + 1 + line_offset, "",
                                 f"YAML syntax error: a quote opened on this line is not closed ({msg} on line {line})",
                                 'close the quote on the same line; inside "...", write a quote as \\" '
                                 "(or use typographic quotes « » “ ”)"))
    if ctx and start and start.line + 1 + line_offset != line:
        ctx += f" that starts on line {start.line + 1 + line_offset}"   # an unclosed [ or { is found later
    return LoadError(Problem(rel, line, "", f"YAML syntax error: {msg}" + (f" ({ctx})" if ctx else ""), _HINT_YAML))


def load_yaml(path: Path, root: Path) -> Doc:
    rel = str(path.relative_to(root))
    return parse_yaml(_read_text(path, rel), rel, path)


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


def load_markdown(path: Path, root: Path) -> Doc:
    """A Markdown file with YAML front matter between '---' lines."""
    rel = str(path.relative_to(root))
    text = _read_text(path, rel)
    m = _FRONT.match(text)
    if not m:
        raise LoadError(Problem(rel, 1, "", "missing front matter",
                                "start the file with '---', the fields (id, title...), then '---'"))
    doc = parse_yaml(m.group(1), rel, path, line_offset=1)
    doc.body = text[m.end():]
    doc.body_line = text[: m.end()].count("\n") + 1
    return doc
