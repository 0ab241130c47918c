"""How much English a reader of each language still meets: of the English pages' sentences (six
words or more, source lists aside), the share that appears word for word on the same page in
French, Arabic, Albanian and Ukrainian. Prints one line per language, then the pages with the most.

    .venv/bin/python benchmarks/english_left.py [SITE]   (default: site/)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import lxml.html

SKIP = ('//*[contains(concat(" ", @class, " "), " trm-sources ")]', "//script", "//style", "//code", "//pre",
        '//*[@data-pagefind-ignore]')
SENTENCE = re.compile(r"[^.!?;]+[.!?;]?")


def text_of(path: Path) -> str:
    root = lxml.html.fromstring(path.read_bytes())
    article = root.xpath("//article")
    if not article:
        return ""
    article = article[0]
    for xp in SKIP:
        for el in article.xpath("." + xp):
            el.drop_tree()
    return " ".join(article.text_content().split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if len(s.split()) >= 6]


def measure(site: Path, langs=("fr", "ar", "sq", "uk")):
    english = {}
    for p in site.rglob("*.html"):
        rel = p.relative_to(site)
        if rel.parts[0] in (*langs, "assets", "pagefind", "data", "download", "search") or rel.name == "404.html":
            continue
        english[rel] = sentences(text_of(p))
    out = {}
    for lang in langs:
        total = left = 0
        worst = Counter()
        for rel, ss in english.items():
            target = site / lang / rel
            if not target.exists() or not ss:
                continue
            there = text_of(target)
            n = sum(1 for s in ss if s in there)
            total += len(ss)
            left += n
            worst[rel.as_posix()] = n
        out[lang] = (left, total, worst.most_common(5))
    return out


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    for lang, (left, total, worst) in measure(site).items():
        print(f"{lang}: {left} of {total} English sentences unchanged ({left / max(total, 1):.1%}); "
              + ", ".join(f"{p} {n}" for p, n in worst))
