"""Translation tracking: a translation records the English version it was made from."""
from trmkb import i18n
from trmkb.model import build_site
from trmkb.status import counts, report
from trmkb.validate import validate


def status(root):
    src, problems = validate(root)
    assert problems == []
    return report(build_site(src), i18n.Strings(src), src.codes)


def test_markdown_translation_flagged_after_source_changes(project):
    step = project / "content/sop/SOP-1.1.ar.md"
    step.write_text(step.read_text(encoding="utf-8").replace('source_version: "1"', 'source_version: "2"'), encoding="utf-8")
    assert status(project)["ar"]["sop"]["SOP-1.1"] == "translated"
    en = project / "content/sop/SOP-1.1.md"
    en.write_text(en.read_text(encoding="utf-8").replace('version: "2"', 'version: "3"'), encoding="utf-8")
    assert status(project)["ar"]["sop"]["SOP-1.1"] == "outdated"
    assert status(project)["ar"]["sop"]["SOP-1"] == "missing"


def test_record_translation_flagged_after_source_changes(project):
    tool = project / "data/tools/t1.yaml"
    text = tool.read_text(encoding="utf-8")
    tool.write_text(text + 'translations: {ar: "1.0.0"}\n', encoding="utf-8")
    assert status(project)["ar"]["tools"]["T1"] == "translated"
    tool.write_text(tool.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    assert status(project)["ar"]["tools"]["T1"] == "outdated"


def test_counts_per_language(project):
    c = counts(status(project))
    assert c["en"]["countries"]["translated"] == 3
    assert c["ar"]["countries"]["partial"] == 3          # fixture facts are English-only
    assert c["ar"]["pages"]["missing"] == 1               # about.md has no Arabic translation
