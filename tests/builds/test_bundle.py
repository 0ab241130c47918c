"""The offline zip written while the site is built (`trmkb build --bundle`, what scripts/build runs):
it holds exactly the finished site, whichever language finished first, and a build that fails
leaves the last zip and the site as they were."""
import datetime as dt
import zipfile

import pytest

import trmkb.build as build_mod
from trmkb.bundle import bundle
from trmkb.model import build_date

pytestmark = pytest.mark.build


def site_files(site):
    """What the zip must hold: every file of the site but its download/ folder and the Pagefind
    bundles (pagefind/, <lang>/pagefind/), which cannot run from file://."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    bundles = [k for k in files if k.startswith("pagefind/") or k.split("/")[1:2] == ["pagefind"]]
    assert any(k.startswith("ar/pagefind/") for k in bundles) and any(k.startswith("pagefind/") for k in bundles)
    return {k: v for k, v in files.items() if not k.startswith("download/") and k not in bundles}


def zipped(z: zipfile.ZipFile) -> dict:
    (top,) = {n.split("/")[0] for n in z.namelist()}
    assert top == f"trm-kb-offline-{build_date().isoformat()}"
    assert len(set(z.namelist())) == len(z.namelist()), "a file zipped twice"
    return {n[len(top) + 1:]: z.read(n) for n in z.namelist()}


def test_the_zip_written_while_building_is_the_finished_site(project, tmp_path):
    dist = tmp_path / "dist"
    assert build_mod.build(project, quiet=True, bundle_to=dist) == 0
    site = project / "site"
    (target,) = dist.iterdir()          # nothing else: no unfinished zip left behind
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None
        inside = zipped(z)
        dates = {i.date_time for i in z.infolist()}
    expected = site_files(site)
    assert not [k for k in inside if "pagefind" in k.split("/")]
    assert "search/offline-ar.js" in inside and "ar/search.html" in inside
    assert sorted(inside) == sorted(expected)
    assert [k for k in expected if inside[k] != expected[k]] == []
    assert dates == {dt.datetime.combine(build_date(), dt.time()).timetuple()[:6]}
    # the served site offers the same zip for download (and the zip does not hold itself)
    assert (site / "download" / "trm-kb-offline.zip").read_bytes() == target.read_bytes()
    # the same files as `trmkb bundle` gives of that site
    with zipfile.ZipFile(bundle(project, site=site, dist=tmp_path / "alone", quiet=True)) as z:
        assert zipped(z) == inside


def test_the_zip_does_not_depend_on_which_language_finished_first(project, tmp_path):
    """One job builds the languages one after the other, two at once: the zips are the same bytes."""
    zips = []
    for jobs in (1, 2):
        dist = tmp_path / f"dist-{jobs}"
        assert build_mod.build(project, quiet=True, jobs=jobs, bundle_to=dist) == 0
        (target,) = dist.iterdir()
        zips.append(target.read_bytes())
    assert zips[0] == zips[1]
    assert bundle(project, dist=tmp_path / "a", quiet=True).read_bytes() == \
        bundle(project, dist=tmp_path / "b", quiet=True).read_bytes()


def test_a_failed_build_leaves_the_last_zip_and_no_unfinished_one(project, tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    assert build_mod.build(project, quiet=True, bundle_to=dist) == 0
    (target,) = dist.iterdir()
    before = target.read_bytes()
    page = project / "content" / "sop" / "SOP-1.1.md"      # an edit, so that nothing is reused
    page.write_text(page.read_text(encoding="utf-8") + "\nWarthogfixture, an added sentence.\n", encoding="utf-8")

    def broken(*args):
        raise build_mod.BuildError("Pagefind stopped (test)")
    monkeypatch.setattr(build_mod, "pagefind", broken)
    assert build_mod.build(project, quiet=True, bundle_to=dist) == 1
    assert list(dist.iterdir()) == [target] and target.read_bytes() == before
    assert (project / "site" / "download" / "trm-kb-offline.zip").read_bytes() == before
    assert not list(project.glob(".site.*"))


def test_a_file_the_site_lost_after_it_was_zipped_fails_the_build(project, tmp_path, monkeypatch):
    """The zip is written from each language's files as they are done: should a later step of the
    build remove one of them from the site, the build fails rather than ship a zip that differs."""
    real = build_mod.write_redirects

    def and_remove_a_page(site, out, strings, langs):
        (out / "about.html").unlink()
        return real(site, out, strings, langs)
    monkeypatch.setattr(build_mod, "write_redirects", and_remove_a_page)
    dist = tmp_path / "dist"
    assert build_mod.build(project, quiet=True, bundle_to=dist) == 1
    assert list(dist.iterdir()) == []
    assert not (project / "site").exists()


def test_a_zip_folder_that_cannot_be_made_fails_the_build_with_its_name(project, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert build_mod.build(project, quiet=True, bundle_to=blocker / "dist") == 1
    err = capsys.readouterr().err
    assert f"cannot make the folder {blocker / 'dist'}" in err and "was left as it was" in err
    assert not (project / "site").exists() and not list(project.glob(".site.*"))


def test_the_zip_thread_imports_nothing_so_a_fork_right_after_cannot_inherit_an_import_lock(tmp_path):
    """The build forks its workers right after it makes the Bundle. A fork while the zip's thread
    was importing stream-zip (which imports asyncio) left that module's lock held in the workers,
    and a worker starting Pagefind (whose runner imports asyncio too) waited for it forever. So
    everything the thread needs is imported before it starts: here the thread is never started,
    in a fresh interpreter, and the modules must be there all the same."""
    import subprocess
    import sys
    code = ("import sys, threading\n"
            "threading.Thread.start = lambda self: None\n"
            "from pathlib import Path\n"
            "from trmkb.bundle import Bundle\n"
            "assert 'asyncio' not in sys.modules and 'stream_zip' not in sys.modules\n"
            f"Bundle(Path({str(tmp_path / 'dist')!r}), Path({str(tmp_path / 'site')!r}))\n"
            "missing = [m for m in ('asyncio', 'stream_zip', 'zlib_ng') if m not in sys.modules]\n"
            "assert not missing, missing\n")
    subprocess.run([sys.executable, "-c", code], check=True)
