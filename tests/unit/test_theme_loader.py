"""The theme loader lists an installed theme folder once per process and the project's own
folder every time; together it lists exactly what Jinja's FileSystemLoader lists."""
from pathlib import Path

import jinja2
import material

from trmkb import incremental
from trmkb.incremental import ThemeLoader


def test_same_listing_and_custom_folder_read_every_time(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "_INSTALLED_THEME_FILES", {})
    custom = tmp_path / "overrides"
    (custom / "assets").mkdir(parents=True)
    (custom / "main.html").write_text("x", encoding="utf-8")
    installed = str(Path(material.__file__).parent / "templates")
    searchpath = [str(custom), installed]
    loader = ThemeLoader(searchpath, [installed])
    assert loader.list_templates() == jinja2.FileSystemLoader(searchpath).list_templates()
    assert installed in incremental._INSTALLED_THEME_FILES

    (custom / "assets" / "new.css").write_text("y", encoding="utf-8")      # added while a preview runs
    assert "assets/new.css" in ThemeLoader(searchpath, [installed]).list_templates()
    assert ThemeLoader(searchpath, [installed]).list_templates() == \
        jinja2.FileSystemLoader(searchpath).list_templates()
