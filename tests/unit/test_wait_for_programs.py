"""A stopped build waits until the programs its workers ran are gone before it removes its
folders (build._wait_for_programs): a program killed with its worker may otherwise still write."""
import subprocess
import sys

from trmkb import build as build_mod


def test_waits_until_a_noted_program_is_gone(tmp_path):
    tmp = tmp_path / ".site.tmp-1"
    notes = build_mod._programs_notes(tmp)
    notes.mkdir()
    p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.5)"])
    (notes / str(p.pid)).touch()
    assert p.poll() is None
    build_mod._wait_for_programs(tmp)
    # it returned because the program ended (a zombie now, or reaped), not because it timed out
    assert p.wait(timeout=0.2) == 0


def test_a_note_of_a_program_already_gone_does_not_wait(tmp_path):
    tmp = tmp_path / ".site.tmp-2"
    notes = build_mod._programs_notes(tmp)
    notes.mkdir()
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    (notes / str(p.pid)).touch()
    (notes / "not-a-pid").touch()
    build_mod._wait_for_programs(tmp, timeout=60)      # returns at once (a hang here fails the run)
