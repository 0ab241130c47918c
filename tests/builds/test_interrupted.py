"""An interrupted build (Ctrl+C, SIGTERM) leaves the old site and no half-built folders behind."""
import shutil

import pytest

import trmkb.build as build_mod
from trmkb.offline import Indexer

pytestmark = pytest.mark.build


def test_interrupted_build_cleans_up(project, monkeypatch):
    assert build_mod.build(project, quiet=True) == 0
    before = (project / "site" / "index.html").read_text(encoding="utf-8")

    def interrupted(*args):
        raise KeyboardInterrupt

    f = project / "data" / "countries" / "ad.yaml"      # an edit, so that nothing is reused
    f.write_text(f.read_text(encoding="utf-8").replace("Zebrafixture", "Okapifixture"), encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(Indexer, "index", interrupted)          # stopped while the offline index is made
        with pytest.raises(KeyboardInterrupt):
            build_mod.build(project, quiet=True)
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == before
    assert build_mod.build(project, quiet=True) == 0     # and the next build finishes the job
    assert "okapifixture" in (project / "site" / "search" / "offline-en.js").read_text(encoding="utf-8")


def _sigterm_build_once(project, pattern: str, poll: float, *args: str):
    """Run 'trmkb build' (with args) and send it SIGTERM as soon as `pattern` matches in the project."""
    import signal
    import subprocess
    import sys
    import time
    # -X faulthandler: if the build does not stop, SIGABRT makes it print where each thread is
    p = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "trmkb.cli", "--root", str(project),
                          "build", "-q", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not any(project.glob(pattern)) and p.poll() is None and time.time() < deadline:
        time.sleep(poll)
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGABRT)
        _, err = p.communicate(timeout=30)
        raise AssertionError("the build did not stop within 60 s of SIGTERM; its threads:\n"
                             + err.decode("utf-8", "replace")[-8000:])


def test_sigterm_unwinds_the_cli(project):
    _sigterm_build_once(project, ".site.tmp-*", 0.02)
    assert sorted(x.name for x in project.iterdir() if x.name.startswith(".site")) == []


def test_sigterm_while_the_zip_is_written_leaves_no_unfinished_zip(project):
    """Stopped while it builds and writes the offline zip (what scripts/build runs): no half-built
    folder and no unfinished zip are left."""
    dist = project / "dist"
    _sigterm_build_once(project, ".site.tmp-*.*/**/pagefind", 0.005, "--bundle", "--dist", str(dist))
    assert sorted(x.name for x in project.iterdir() if x.name.startswith(".site")) == []
    assert list(dist.iterdir()) == []           # (made when the build started)


def test_sigterm_while_pagefind_runs_leaves_nothing(project):
    """SIGTERM while a worker runs Pagefind: Pagefind dies with its worker (PR_SET_PDEATHSIG; an
    orphaned Pagefind went on writing into the removed part folder). Three tries, since the
    moment the signal lands varies."""
    import time
    for _ in range(3):
        _sigterm_build_once(project, ".site.tmp-*.*/**/pagefind", 0.005)
        time.sleep(1.5)         # long enough for an orphan to write again
        assert sorted(x.name for x in project.iterdir() if x.name.startswith(".site")) == []
        shutil.rmtree(project / "build", ignore_errors=True)   # so the next try runs Pagefind again
