"""The live preview of one language ('trmkb serve --lang ar') rebuilds what an edit changed,
and a broken edit leaves the last good preview in place."""
import pytest

from trmkb.build import preview

pytestmark = pytest.mark.build


def test_preview_rebuilds_after_an_edit(project, capsys):
    out = preview(project, "en", quiet=True)
    page = out / "countries" / "ad.html"
    assert "Zebrafixture" in page.read_text(encoding="utf-8")
    assert (out / "pagefind").is_dir()
    f = project / "data" / "countries" / "ad.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("Zebrafixture", "Okapifixture"), encoding="utf-8")
    assert preview(project, "en", quiet=True) == out
    html = page.read_text(encoding="utf-8")
    assert "Okapifixture" in html and "Zebrafixture" not in html
    assert "@@trm-" not in html and "Content version " in html    # the version and date, stamped (stage.stamp)


def test_broken_edit_keeps_the_last_preview(project, capsys):
    out = preview(project, "ar", quiet=True)
    assert (out / "ar" / "pagefind" / "pagefind-entry.json").is_file()
    before = (out / "ar" / "countries" / "ad.html").read_text(encoding="utf-8")
    f = project / "data" / "countries" / "ad.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("region: eu", "region: atlantis"), encoding="utf-8")
    assert preview(project, "ar", quiet=True) is None
    assert "data/countries/ad.yaml" in capsys.readouterr().err
    assert (out / "ar" / "countries" / "ad.html").read_text(encoding="utf-8") == before


def test_theme_edit_reaches_every_preview_page(project, capsys):
    """--dirty alone would re-render only pages whose text changed; a theme edit changes them all."""
    out = preview(project, "en", quiet=True)
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '<meta name="referrer" content="no-referrer">',
        '<meta name="referrer" content="no-referrer">\n<meta name="trm-test" content="theme-edit">'), encoding="utf-8")
    assert preview(project, "en", quiet=True) == out
    for page in ("index.html", "tools/index.html", "countries/ad.html"):
        assert 'content="theme-edit"' in (out / page).read_text(encoding="utf-8"), page
