"""The theme's navigation and tabs, and its config and scripts blocks, are rendered once for all the
pages that see them the same (overrides/partials/, the memo blocks of overrides/main.html,
mkdocs_hooks._fragment_memo): every page must be byte-for-byte what the theme's own partials and
blocks give, in every language, at every depth, for pages in the navigation (whose table of
contents sits in it) and out of it."""
import pytest

from trmkb.build import build

pytestmark = pytest.mark.build


def pages(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))
            if "pagefind" not in p.parts}


def test_kept_navigation_and_tabs_are_what_the_theme_renders_for_each_page(built_mini, project, tmp_path):
    for name in ("nav.html", "tabs.html"):     # the theme's own partials, rendered for every page
        (project / "overrides" / "partials" / name).unlink()    # (language.html, not a memo, stays)
    main = project / "overrides" / "main.html"
    kept = [line for line in main.read_text(encoding="utf-8").splitlines(keepends=True) if "trm_memo(" in line]
    assert len(kept) == 2, kept                             # config and scripts: the theme's own blocks instead
    main.write_text("".join(line for line in main.read_text(encoding="utf-8").splitlines(keepends=True)
                            if line not in kept), encoding="utf-8")
    assert build(project, out=tmp_path / "theme" / "site", quiet=True) == 0
    want, got = pages(tmp_path / "theme" / "site"), pages(built_mini)
    assert sorted(got) == sorted(want)
    # the fixture has what makes the navigation differ: folders, languages, nav pages with contents
    assert {"index.html", "countries/index.html", "countries/fr.html", "resources/index.html",
            "sop/SOP-1.html", "ar/index.html", "ar/countries/index.html"} <= set(got)
    differ = [k for k in want if got[k] != want[k]]
    assert differ == [], differ[:10]
