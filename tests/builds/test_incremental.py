"""A build after an edit reuses what the last build made (MkDocs --dirty on the kept output of
each language, search indexes of unchanged languages), and gives exactly the site that a
build from nothing gives."""
import gc
import shutil

import pytest

from trmkb.build import build

pytestmark = pytest.mark.build


def files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(project, tmp_path, name):
    """The incrementally built project/site equals a build of the same files from nothing."""
    fresh = tmp_path / name / "site"
    assert build(project, out=fresh, quiet=True) == 0
    got, want = files(project / "site"), files(fresh)
    assert sorted(got) == sorted(want)
    differ = [k for k in want if got[k] != want[k]]
    assert differ == [], differ[:10]


def kept(project, lang_path):
    return project / "build" / "parts" / lang_path


def test_edit_rebuilds_only_what_changed_and_matches_a_clean_build(project, tmp_path):
    assert build(project, quiet=True) == 0
    untouched = kept(project, "en/tools/index.html")
    edited = kept(project, "en/countries/ad.html")
    before = untouched.stat().st_mtime_ns, edited.stat().st_mtime_ns

    f = project / "data" / "countries" / "ad.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("Zebrafixture", "Okapifixture"), encoding="utf-8")
    sop = project / "content" / "sop" / "SOP-1.1.md"
    sop.write_text(sop.read_text(encoding="utf-8") + "\nWarthogfixture, an added sentence.\n", encoding="utf-8")
    assert build(project, quiet=True) == 0

    assert untouched.stat().st_mtime_ns == before[0], "an unchanged page was rendered again"
    assert edited.stat().st_mtime_ns != before[1]
    site = project / "site"
    assert "Okapifixture" in (site / "countries" / "ad.html").read_text(encoding="utf-8")
    assert "warthogfixture" in (site / "search" / "offline-en.js").read_text(encoding="utf-8")
    assert_same_site(project, tmp_path, "after-edit")


def test_a_translation_edit_restages_only_its_language(project, tmp_path):
    """Staging is skipped for a language when nothing its pages are made from changed: an edit to
    an Arabic page restages Arabic only; a build with nothing changed stages nothing."""
    assert build(project, quiet=True) == 0
    stamps = {c: project / "build" / "docs" / f"{c}.staged" for c in ("en", "ar")}
    before = {c: s.stat().st_mtime_ns for c, s in stamps.items()}
    assert build(project, quiet=True) == 0
    assert {c: s.stat().st_mtime_ns for c, s in stamps.items()} == before, "nothing changed: nothing restaged"
    step = project / "content" / "sop" / "SOP-1.1.ar.md"
    step.write_text(step.read_text(encoding="utf-8") + "\nجملة مضافة للاختبار.\n", encoding="utf-8")
    assert build(project, quiet=True) == 0
    assert stamps["en"].stat().st_mtime_ns == before["en"], "English does not show Arabic pages"
    assert stamps["ar"].stat().st_mtime_ns != before["ar"]
    assert "جملة مضافة للاختبار" in (project / "site" / "ar" / "sop" / "SOP-1.1.html").read_text(encoding="utf-8")
    assert_same_site(project, tmp_path, "after-translation-edit")


def test_a_preview_in_between_is_not_mistaken_for_the_full_build(project, tmp_path):
    """The preview stages into the same folder: after a preview of an edit that is then undone,
    the full build must not keep the preview's pages."""
    from trmkb.build import preview
    assert build(project, quiet=True) == 0
    f = project / "data" / "countries" / "ad.yaml"
    original = f.read_text(encoding="utf-8")
    f.write_text(original.replace("Zebrafixture", "Okapifixture"), encoding="utf-8")
    assert preview(project, "en", quiet=True) is not None
    f.write_text(original, encoding="utf-8")
    assert build(project, quiet=True) == 0
    assert "Okapifixture" not in (project / "site" / "countries" / "ad.html").read_text(encoding="utf-8")
    assert_same_site(project, tmp_path, "after-preview")


def test_unchanged_pages_are_not_read_again_for_the_offline_index(project, tmp_path, monkeypatch):
    """The offline index is reused without extracting the documents when a language's HTML is
    unchanged, also after a theme edit that changed the HTML but not the documents."""
    from trmkb import offline
    assert build(project, quiet=True) == 0
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '<meta name="referrer" content="no-referrer">',
        '<meta name="referrer" content="no-referrer">\n<meta name="trm-test" content="theme-edit">'), encoding="utf-8")
    assert build(project, quiet=True) == 0        # new HTML, same documents: extracted once more
    assert 'content="theme-edit"' in (project / "site" / "index.html").read_text(encoding="utf-8")
    def no_reading(site):
        raise AssertionError(f"pages read again: {site}")
    monkeypatch.setattr(offline, "documents", no_reading)
    assert build(project, quiet=True) == 0
    monkeypatch.undo()
    assert_same_site(project, tmp_path, "after-reuse")


def test_a_new_commit_or_day_renders_no_page_again(project, tmp_path, monkeypatch):
    """The version and date printed on the home page, the about page and printed briefs are
    written into the built pages at the end (stage.stamp): a build after a commit, or on the next
    day, restages, re-renders and re-indexes nothing, yet every page shows the new values."""
    import trmkb.build as build_mod
    from trmkb import offline
    monkeypatch.setattr(build_mod, "build_info", lambda root: {"version": "v1-aaaa", "date": "2026-11-23"})
    assert build(project, quiet=True) == 0
    stamps = sorted((project / "build" / "docs").glob("*.staged"))
    page = kept(project, "en/countries/ad.html")
    before = [s.stat().st_mtime_ns for s in stamps], page.stat().st_mtime_ns
    monkeypatch.setattr(build_mod, "build_info", lambda root: {"version": "v2-bbbb", "date": "2026-11-24"})

    def again(*args):
        raise AssertionError("indexed again")
    monkeypatch.setattr(offline, "documents", again)
    monkeypatch.setattr(build_mod, "pagefind", again)
    assert build(project, quiet=True) == 0
    assert ([s.stat().st_mtime_ns for s in stamps], page.stat().st_mtime_ns) == before, "staged or rendered again"
    site = project / "site"
    home, home_ar = ((site / p).read_text(encoding="utf-8") for p in ("index.html", "ar/index.html"))
    assert "Content version v2-bbbb, built on November 24, 2026." in home
    assert "v2-bbbb" in home_ar and "24 نوفمبر 2026" in home_ar
    assert "v2-bbbb" in (site / "countries" / "ad.html").read_text(encoding="utf-8")     # its printed brief
    left = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and b"@@trm-" in p.read_bytes()]
    assert left == [], left
    monkeypatch.undo()
    monkeypatch.setattr(build_mod, "build_info", lambda root: {"version": "v2-bbbb", "date": "2026-11-24"})
    assert_same_site(project, tmp_path, "after-commit")


def test_removed_record_leaves_no_page_behind(project, tmp_path):
    assert build(project, quiet=True) == 0
    assert (project / "site" / "ar" / "resources" / "R-2019-test-handbook.html").exists()
    (project / "data" / "resources" / "R-2019-test-handbook.yaml").unlink()
    assert build(project, quiet=True) == 0
    for lang in ("", "ar/"):
        assert not (project / "site" / lang / "resources" / "R-2019-test-handbook.html").exists()
    assert_same_site(project, tmp_path, "after-removal")


def test_theme_change_rebuilds_everything(project, tmp_path):
    assert build(project, quiet=True) == 0
    untouched = kept(project, "ar/ar/resources/index.html")
    before = untouched.stat().st_mtime_ns
    offline = project / "build" / "derived" / "offline-ar" / "output"
    offline_before = offline.stat().st_mtime_ns
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '<meta name="referrer" content="no-referrer">',
        '<meta name="referrer" content="no-referrer">\n<meta name="trm-test" content="theme-edit">'), encoding="utf-8")
    pagefind_stamp = project / "build" / "derived" / "pagefind-ar.digest"
    pagefind_before = pagefind_stamp.read_text()
    css = project / "overrides" / "assets" / "trm.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    assert build(project, quiet=True) == 0
    assert untouched.stat().st_mtime_ns != before, "a theme change must rebuild every page"
    assert 'content="theme-edit"' in (project / "site" / "ar" / "resources" / "index.html").read_text(encoding="utf-8")
    assert pagefind_stamp.read_text() != pagefind_before, "new HTML: a new Pagefind bundle"
    assert offline.stat().st_mtime_ns == offline_before, "same documents: the offline index is reused"
    assert "/* edited */" in (project / "site" / "assets" / "trm.css").read_text(encoding="utf-8")
    assert_same_site(project, tmp_path, "after-theme")


def test_lost_or_untrusted_state_means_a_clean_build(project, tmp_path):
    assert build(project, quiet=True) == 0
    (project / "build" / "parts" / "en.fingerprint").unlink()       # as after a failed MkDocs run
    shutil.rmtree(project / "build" / "derived" / "pagefind-ar")      # a cache emptied by hand
    page = kept(project, "en/countries/ad.html")
    before = page.stat().st_mtime_ns
    assert build(project, quiet=True) == 0
    assert page.stat().st_mtime_ns != before
    assert_same_site(project, tmp_path, "after-loss")


def test_a_second_build_waits_for_the_first(project, tmp_path):
    """Two builds of one checkout (say scripts/build while the preview rebuilds) share its build
    folder: while one holds it, the other waits, then finishes with a complete, correct site."""
    import subprocess
    import sys

    from trmkb.incremental import lock
    assert build(project, quiet=True) == 0
    f = project / "data" / "countries" / "ad.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("Zebrafixture", "Okapifixture"), encoding="utf-8")
    cmd = [sys.executable, "-m", "trmkb.cli", "--root", str(project), "build", "-q"]
    with lock(project / "build"):                       # as if another build were running
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):
            p.wait(timeout=10)                          # unhindered, this build takes about 2 s
        assert "Okapifixture" not in (project / "site" / "countries" / "ad.html").read_text(encoding="utf-8")
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert "Okapifixture" in (project / "site" / "countries" / "ad.html").read_text(encoding="utf-8")
    assert_same_site(project, tmp_path, "after-wait")


def test_kept_pagefind_bundles_are_shared_not_copied(project, tmp_path, monkeypatch):
    """A Pagefind bundle is kept for the next build as hard links to the published one (making and
    deleting files is much of a build's system time), and copied where links cannot be made."""
    from trmkb import incremental
    assert build(project, quiet=True) == 0
    entry = "pagefind-entry.json"
    site, kept_dir = project / "site" / "pagefind" / entry, project / "build" / "derived" / "pagefind-en" / entry
    assert site.stat().st_ino == kept_dir.stat().st_ino
    assert build(project, quiet=True) == 0          # reused: linked again from the kept bundle
    assert (project / "site" / "pagefind" / entry).stat().st_ino == kept_dir.stat().st_ino

    def no_links(src, dst):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(incremental.os, "link", no_links)
    incremental.Derived(tmp_path, "pagefind", "en").put("k", project / "site" / "pagefind")
    copied = tmp_path / "derived" / "pagefind-en" / entry
    assert copied.read_bytes() == site.read_bytes() and copied.stat().st_ino != site.stat().st_ino


def test_a_failed_build_leaves_pages_shared_with_the_kept_output_as_they_were(project, tmp_path, monkeypatch):
    """The published pages are hard links to the output MkDocs keeps and updates in place: a build
    that fails after MkDocs wrote a page again must leave the published page (and every other
    file) as it was, and the next build must still give the site a clean build gives."""
    import trmkb.build as build_mod
    assert build(project, quiet=True) == 0
    site = project / "site"
    page = site / "sop" / "SOP-1.1.html"
    assert page.stat().st_ino == kept(project, "en/sop/SOP-1.1.html").stat().st_ino, "not shared"
    before = files(site)
    sop = project / "content" / "sop" / "SOP-1.1.md"
    sop.write_text(sop.read_text(encoding="utf-8") + "\nWarthogfixture, an added sentence.\n", encoding="utf-8")

    def broken(*args):
        raise build_mod.BuildError("Pagefind stopped (test)")
    with monkeypatch.context() as m:
        m.setattr(build_mod, "pagefind", broken)
        assert build(project, quiet=True) == 1
    assert "Warthogfixture" in kept(project, "en/sop/SOP-1.1.html").read_text(encoding="utf-8")   # MkDocs wrote it
    after = files(site)
    assert sorted(after) == sorted(before)
    assert [k for k in before if after[k] != before[k]] == []
    assert build(project, quiet=True) == 0
    assert "Warthogfixture" in page.read_text(encoding="utf-8")
    assert_same_site(project, tmp_path, "after-failed-build")


def test_the_offline_index_parses_only_the_pages_that_changed(project, tmp_path, monkeypatch):
    """After an edit, the offline index reuses what each unchanged page gave last time (kept by
    the page's bytes) and parses only the changed ones; the index equals a clean build's."""
    from trmkb import offline
    assert build(project, quiet=True) == 0
    sop = project / "content" / "sop" / "SOP-1.1.md"
    sop.write_text(sop.read_text(encoding="utf-8") + "\nWarthogfixture, an added sentence.\n", encoding="utf-8")
    parsed = []
    real = offline.extract
    monkeypatch.setattr(offline, "extract", lambda path: parsed.append(path.name) or real(path))
    assert build(project, quiet=True) == 0
    monkeypatch.undo()
    pages = len(list((project / "site").rglob("*.html")))
    assert "SOP-1.1.html" in parsed and len(parsed) <= 5, (parsed, pages)   # the step, its phase, its print page...
    assert "warthogfixture" in (project / "site" / "search" / "offline-en.js").read_text(encoding="utf-8")
    assert_same_site(project, tmp_path, "after-offline-reuse")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_language_that_fails_gets_no_search_task_and_the_others_finish(project, monkeypatch, jobs):
    """Each language is two tasks (its pages, then its search bundle, see build.languages_all):
    when MkDocs fails for one language, the build waits for the other's tasks only, says which
    language failed, and leaves the published site as it was."""
    import trmkb.build as build_mod
    assert build(project, quiet=True) == 0
    before = files(project / "site")
    real_mkdocs, real_pagefind = build_mod._mkdocs, build_mod.pagefind
    searched = project / "searched"
    searched.mkdir()

    def mkdocs_fails_for_arabic(cfg, out, dirty=False):
        return "MkDocs stopped (test)" if cfg.name == "mkdocs.ar.yml" else real_mkdocs(cfg, out, dirty)

    def recorded(site, lang):       # (in a worker: noted in a file)
        (searched / lang.code).touch()
        return real_pagefind(site, lang)
    monkeypatch.setattr(build_mod, "_mkdocs", mkdocs_fails_for_arabic)
    monkeypatch.setattr(build_mod, "pagefind", recorded)
    sop = project / "content" / "sop" / "SOP-1.1.md"        # new pages: Pagefind runs again
    sop.write_text(sop.read_text(encoding="utf-8") + "\nAn added sentence.\n", encoding="utf-8")
    assert build(project, quiet=True, jobs=jobs) == 1
    assert sorted(p.name for p in searched.iterdir()) == ["en"]
    assert files(project / "site") == before
    assert not list(project.glob(".site.tmp-*"))
    assert gc.isenabled()       # (with one job the languages were built in this process: build.without_gc)
