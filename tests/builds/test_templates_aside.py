"""A build from nothing compiles the staging and theme templates in a process of its own while it
validates (build.templates_compiled_aside), so that its workers do not each compile the theme."""
import multiprocessing

import jinja2
import pytest

import trmkb.build as build_mod
from trmkb.stage import compile_templates

pytestmark = pytest.mark.build


def test_what_is_compiled_aside_is_what_a_build_compiles(project, monkeypatch):
    """With the cache filled as the helper fills it, a build compiles only the templates whose
    names are made while rendering (the language partial, the icons)."""
    cache = build_mod.jinja_cache(project / "build")
    compile_templates(cache)
    names = build_mod.compile_theme(project, project / "build")
    assert {"main.html", "base.html", "theme:partials/nav.html", "partials/header.html", "sitemap.xml"} <= set(names)
    compiled = []
    real = jinja2.Environment.compile

    def recording(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return real(self, source, name, filename, *args, **kwargs)
    monkeypatch.setattr(jinja2.Environment, "compile", recording)
    assert build_mod.build(project, quiet=True, jobs=1) == 0     # in this process: its compiles are seen
    assert compiled, "the build compiled nothing: the recording sees nothing"
    left = [n for n in compiled if not (n.startswith("partials/languages/") or n.startswith(".icons/"))]
    assert left == []


def test_a_build_from_nothing_compiles_aside(project):
    cache = project / "build" / "jinja-cache"
    assert not cache.exists()
    assert build_mod.build(project, quiet=True) == 0
    assert len(list(cache.glob("*.cache"))) > 40
    assert multiprocessing.active_children() == []


def test_a_failed_validation_stops_the_helper(project):
    f = project / "data" / "countries" / "ad.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "\nunknown_field: 1\n", encoding="utf-8")
    assert build_mod.build(project, quiet=True) == 1
    assert multiprocessing.active_children() == []
    assert not list((project / "build" / "jinja-cache").glob("*.tmp"))
