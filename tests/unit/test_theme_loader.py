"""The theme loader lists an installed theme folder once per process (without its hidden
folders, which MkDocs drops anyway) and the project's own folder every time; MkDocs takes the
same theme files with it as with Jinja's FileSystemLoader."""
from pathlib import Path

import jinja2
import material

from trmkb import incremental
from trmkb.incremental import ThemeLoader


def visible(names):
    return [n for n in names if not n.startswith(".") and "/." not in n]


def test_same_listing_and_custom_folder_read_every_time(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "_INSTALLED_THEME_FILES", {})
    custom = tmp_path / "overrides"
    (custom / "assets").mkdir(parents=True)
    (custom / "main.html").write_text("x", encoding="utf-8")
    installed = str(Path(material.__file__).parent / "templates")
    searchpath = [str(custom), installed]
    loader = ThemeLoader(searchpath, [installed])
    plain = jinja2.FileSystemLoader(searchpath).list_templates()
    assert any(n.startswith(".icons/") for n in plain)
    assert loader.list_templates() == visible(plain)
    assert installed in incremental._INSTALLED_THEME_FILES

    (custom / "assets" / "new.css").write_text("y", encoding="utf-8")      # added while a preview runs
    assert "assets/new.css" in ThemeLoader(searchpath, [installed]).list_templates()
    (custom / ".hidden.css").write_text("z", encoding="utf-8")      # the project's own folder: listed as is
    assert ThemeLoader(searchpath, [installed]).list_templates() == \
        sorted(set(visible(jinja2.FileSystemLoader(searchpath).list_templates())) | {".hidden.css"})


def test_mkdocs_takes_the_same_theme_files(tmp_path, monkeypatch):
    """What MkDocs copies from the theme is unchanged by the shorter listing."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    cfg_file = tmp_path / "mkdocs.yml"
    cfg_file.write_text(f"site_name: x\ndocs_dir: {docs}\ntheme:\n  name: material\n  custom_dir: "
                        f"{tmp_path / 'overrides'}\n", encoding="utf-8")
    cfg = load_config(config_file=str(cfg_file), site_dir=str(tmp_path / "site"))
    theme = cfg.theme

    def taken(env):
        files = get_files(cfg)
        files.add_files_from_theme(env, cfg)
        return sorted(f.src_uri for f in files)
    plain = theme.get_env()
    mine = theme.get_env()
    mine.loader = ThemeLoader(plain.loader.searchpath, [d for d in theme.dirs if d != theme.custom_dir])
    assert len(taken(plain)) > 40           # its scripts, styles, lunr languages, favicon
    assert taken(mine) == taken(plain)


def test_hidden_files_and_folders_at_any_depth_are_left_out_of_an_installed_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "_INSTALLED_THEME_FILES", {})
    installed = tmp_path / "theme"
    for name in ("base.html", ".hidden.html", "a/b.html", "a/.c.html", "a/.d/e.html", ".f/g.html", "a/h/.i/j.html",
                 "a/h/k.js"):
        (installed / name).parent.mkdir(parents=True, exist_ok=True)
        (installed / name).write_text("x", encoding="utf-8")
    plain = jinja2.FileSystemLoader(str(installed)).list_templates()
    listed = ThemeLoader([str(installed)], [str(installed)]).list_templates()
    assert listed == visible(plain) == ["a/b.html", "a/h/k.js", "base.html"]
