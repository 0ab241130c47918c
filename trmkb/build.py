"""Build: validate, stage, run MkDocs into a temporary folder, index with Pagefind, then swap
the result into site/ atomically. A failed build leaves the previous site untouched."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from . import i18n
from .model import build_site
from .offline import build_offline_index
from .opendata import write_open_data
from .redirects import write_redirects
from .stage import build_info, stage
from .validate import validate

NAV = [("nav_home", "index.md"), ("nav_sop", "sop/index.md"), ("nav_countries", "countries/index.md"),
       ("nav_resources", "resources/index.md"), ("nav_tools", "tools/index.md"), ("nav_search", "search.md"),
       ("nav_about", "about.md")]


class BuildError(Exception):
    pass


def mkdocs_config(root: Path, docs: Path, langs: list[i18n.Language], strings: i18n.Strings, only=None) -> dict:
    default = next(l for l in langs if l.default)
    en = lambda k: strings.get(default.code, k)
    languages = []
    for l in langs:
        entry = {"locale": l.code, "name": l.name, "build": only is None or l.code in only,
                 "site_name": strings.get(l.code, "site_name"),
                 "site_description": strings.get(l.code, "site_description")}
        if l.default:
            entry["default"] = True
        else:
            entry["nav_translations"] = {en(k): strings.get(l.code, k) for k, _ in NAV}
        languages.append(entry)
    return {
        "site_name": en("site_name"),
        "site_description": en("site_description"),
        "docs_dir": str(docs),
        "use_directory_urls": False,
        "theme": {"name": "material", "custom_dir": str(root / "overrides"), "font": False, "language": default.code,
                  "favicon": "assets/favicon.svg", "logo": "assets/favicon.svg",
                  "features": ["navigation.tabs", "navigation.top", "toc.follow"],
                  "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"}},
        "plugins": [{"i18n": {"docs_structure": "folder", "fallback_to_default": True, "reconfigure_material": True,
                              "reconfigure_search": False, "languages": languages}}],
        "markdown_extensions": ["attr_list", "admonition", "tables", "md_in_html", {"toc": {"permalink": True}}],
        "extra_css": ["assets/trm.css"],
        "extra_javascript": ["assets/trm.js", "assets/checklist.js", "assets/directory.js", "assets/catalogue.js", "assets/sop.js"],
        "nav": [{en(k): p} for k, p in NAV],
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "warn"},
                       "links": {"absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"}},
    }


def _run(cmd: list[str], what: str, quiet: bool):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise BuildError(f"{what} failed (exit {p.returncode}):\n{p.stdout[-4000:]}\n{p.stderr[-4000:]}")
    return p


def build(root: Path, out: Path | None = None, langs=None, quiet=False) -> int:
    t0 = time.perf_counter()
    out = (out or root / "site").resolve()
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    src, problems = validate(root)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"\n{len(problems)} problem(s) found; the site was not built and {out} was left as it was.",
              file=sys.stderr)
        return 1
    say(f"validated {len(src.countries)} countries, {len(src.resources)} resources, {len(src.tools)} tools, "
        f"{len(src.pages)} content files")
    all_langs = src.langs
    wanted = [l.code for l in all_langs] if not langs else list(langs)
    unknown = set(wanted) - {l.code for l in all_langs}
    if unknown:
        print(f"unknown language(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    strings = i18n.Strings(root, all_langs)
    site = build_site(src)
    build_dir = root / "build"
    docs = build_dir / "docs"
    counts = stage(site, strings, docs, wanted, build_info(root))
    say("staged " + ", ".join(f"{k}: {v}" for k, v in counts.items()) + " pages")
    cfg = build_dir / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(mkdocs_config(root, docs, all_langs, strings, only=None if not langs else wanted),
                                  allow_unicode=True, sort_keys=False), encoding="utf-8")
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        _run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(tmp)], "mkdocs build", quiet)
        say(f"mkdocs built {sum(1 for _ in tmp.rglob('*.html'))} HTML files")
        _run([sys.executable, "-m", "pagefind", "--site", str(tmp), "--quiet"], "pagefind", quiet)
        write_open_data(site, tmp, root / "schemas")
        write_redirects(site, tmp, strings, wanted)
        sizes = build_offline_index(tmp)
        say("offline search index: " + ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in sorted(sizes.items())))
        swap(tmp, out)
    except (BuildError, RuntimeError) as e:
        shutil.rmtree(tmp, ignore_errors=True)
        print(str(e), file=sys.stderr)
        print(f"\nbuild failed; {out} was left as it was.", file=sys.stderr)
        return 1
    say(f"built {out} in {time.perf_counter() - t0:.1f} s")
    return 0


def swap(new: Path, out: Path):
    """Replace out with new using renames, so readers never see a half-written site."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
