"""Every validation rule has a fixture that must fail, naming the file, the line and the problem."""
import pytest

from trmkb.validate import validate

COUNTRY = "data/countries/ad.yaml"
RESOURCE = "data/resources/R-2010-test-guidelines.yaml"
TOOL = "data/tools/t1.yaml"
STEP = "content/sop/SOP-1.1.md"


def edit(root, rel, old, new):
    p = root / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {rel}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root):
    return validate(root)[1]


def test_fixture_is_valid(project):
    assert problems(project) == []


CASES = [
    # (id, file, old, new, expected line, message fragment)
    ("schema-required", COUNTRY, "region: eu\n", "", None, "missing required field 'region'"),
    ("schema-unknown-field", COUNTRY, "region: eu\n", "region: eu\nregoin: eu\n", 6, "unknown field 'regoin'"),
    ("schema-enum", COUNTRY, "review_status: draft", "review_status: final", 6, "is not one of"),
    ("schema-date-form", COUNTRY, "last_reviewed: 2024-01-15", "last_reviewed: 15/01/2024", 7, "not in the expected form"),
    ("schema-verified-needs-source", COUNTRY, "{party: true, date: 2011-09-22, status: verified, sources: [S1], checked: 2026-11-01}",
     "{party: true, date: 2011-09-22, status: verified}", 13, "missing required field 'sources'"),
    ("schema-https", RESOURCE, "status: current", "status: current\nurl: http://example.org/x", 17, "not in the expected form"),
    ("schema-hotline-number", COUNTRY, '"+376 000 000"', '"call 112"', 27, "not in the expected form"),
    ("schema-modeline", TOOL, "# yaml-language-server: $schema=../../schemas/tool.schema.json\n", "", 1, "does not name the schema"),
    ("unique-id", RESOURCE, None, None, 3, "is also used by"),
    ("id-matches-file", COUNTRY, "id: AD", "id: AE", 3, "does not match the file name"),
    ("iso-code", RESOURCE, "countries: [AD]", "countries: [QQ]", 11, "not an ISO 3166-1"),
    ("doc-language", RESOURCE, "doc_languages: [en]", "doc_languages: [xx]", 10, "not an ISO 639-1"),
    ("site-language", COUNTRY, "  ar: بلد تجريبي", "  de: Testland", 10, "'de' is not a language of this site"),
    ("vocabulary", RESOURCE, "themes: [return]", "themes: [retrun]", 13, "not in the 'themes' vocabulary"),
    ("ref-sop", RESOURCE, "sop_refs: [SOP-1.1]", "sop_refs: [SOP-4.9]", 15, "SOP 'SOP-4.9' does not exist"),
    ("ref-resource", TOOL, "sources: [R-2010-test-guidelines]", "sources: [R-2010-nowhere]", 7, "resource 'R-2010-nowhere' does not exist"),
    ("ref-tool", STEP, "tools: [T1]", "tools: [T7]", 6, "tool 'T7' does not exist"),
    ("ref-source-id", COUNTRY, "sources: [S1]\n  checked", "sources: [S9]\n  checked", 20, "source 'S9' is not in this file's 'sources'"),
    ("ref-catalogue-from-source", COUNTRY, "resource: R-2010-test-guidelines", "resource: R-2010-gone", 35, "resource 'R-2010-gone' does not exist"),
    ("real-date", COUNTRY, "last_reviewed: 2024-01-15", "last_reviewed: 2024-02-30", 7, "is not a real date"),
    ("future-date", COUNTRY, "last_reviewed: 2024-01-15", "last_reviewed: 2999-01-01", 7, "is in the future"),
    ("tool-item-prefix", TOOL, "id: T1.A.02", "id: T1.B.02", 13, "does not start with its section id"),
    ("tool-item-unique", TOOL, "id: T1.A.02", "id: T1.A.01", 13, "is used twice"),
    ("sop-anchors", STEP, "{#transit}", "{#transfer}", 19, "expected ['purpose'"),
    ("unknown-party-verified", COUNTRY, "{party: true, date: 2011-09-22, status: verified",
     "{party: unknown, date: 2011-09-22, status: verified", 13, "party is 'unknown' but the fact is marked verified"),
    ("html-script", COUNTRY, "Zebrafixture appears only here.", "<script>alert(1)</script>", 9, "<script> element"),
    ("html-handler", RESOURCE, "Quokkafixture appears only here.", '<img src=x onerror="alert(1)">', 6, "event-handler attribute (onerror)"),
    ("html-js-url", STEP, "- Act.\n\n## In the country of transit", "- [x](javascript:alert(1))\n\n## In the country of transit", 17, "'javascript:' link"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_fails_with_file_line_and_message(project, case):
    name, rel, old, new, line, fragment = case
    if name == "unique-id":
        dup = project / "data/resources/R-2010-test-guidelines-copy.yaml"
        dup.write_text((project / rel).read_text(encoding="utf-8"), encoding="utf-8")
        found = [p for p in problems(project) if fragment in p.message]
        assert {p.file for p in found} & {rel, "data/resources/R-2010-test-guidelines-copy.yaml"}
        return
    else:
        edit(project, rel, old, new)
    found = [p for p in problems(project) if fragment in p.message]
    assert found, f"no problem containing {fragment!r}; got: {[str(p) for p in problems(project)]}"
    assert any(p.file == rel for p in found), [str(p) for p in found]
    if line is not None:
        assert any(p.line == line and p.file == rel for p in found), [str(p) for p in found]
    assert all(p.hint for p in found)


def test_all_problems_reported_at_once(project):
    edit(project, COUNTRY, "region: eu", "region: nowhere")
    edit(project, RESOURCE, "year: 2010", "year: 2999")
    edit(project, TOOL, "type: checkbox", "type: tickbox")
    msgs = [str(p) for p in problems(project)]
    assert any("ad.yaml:5: region" in m for m in msgs)
    assert any("R-2010-test-guidelines.yaml:9: year" in m for m in msgs)
    assert any("t1.yaml:" in m and "tickbox" in m for m in msgs)


def test_broken_yaml_is_a_problem_not_a_traceback(project):
    (project / COUNTRY).write_text("id: AD\nroles: [destination\n", encoding="utf-8")
    ps = problems(project)
    assert any(p.file == COUNTRY and "YAML syntax error" in p.message for p in ps)


def test_missing_translation_source(project):
    (project / "content/sop/SOP-1.9.ar.md").write_text("---\nid: SOP-1.9\ntitle: x\n---\n", encoding="utf-8")
    assert any("has no English source" in p.message for p in problems(project))


def test_long_lived_process_sees_every_edit(project):
    """The preview keeps parsed files between runs: an edited data file or schema is seen at once."""
    assert problems(project) == []
    edit(project, COUNTRY, "region: eu", "region: atlantis")
    assert any("'atlantis' is not in the 'regions' vocabulary" in p.message for p in problems(project))
    edit(project, COUNTRY, "region: atlantis", "region: eu")
    assert problems(project) == []
    schema = project / "schemas" / "country.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"required": [\n  "id",', '"required": [\n  "nickname",\n  "id",', 1),
                      encoding="utf-8")
    assert any("nickname" in p.message for p in problems(project))


def new_process(monkeypatch):
    """Forget what this process loaded, as a new 'trmkb validate' or 'trmkb build' starts."""
    from trmkb import project as project_mod
    monkeypatch.setattr(project_mod, "_LOADED", {})
    monkeypatch.setattr(project_mod, "_STATE", {"loaded_from": None, "changed": False})


def test_next_process_reuses_unchanged_files_and_sees_every_edit(project, monkeypatch):
    """Parse and schema results are kept in build/load-cache.pickle for the next process, per
    file while its bytes are unchanged; an edit or a schema change is still seen."""
    from trmkb import project as project_mod
    assert problems(project) == []
    assert (project / "build" / "load-cache.pickle").is_file()

    new_process(monkeypatch)
    parsed = []
    real = project_mod.load_yaml
    monkeypatch.setattr(project_mod, "load_yaml", lambda path, root: parsed.append(path.name) or real(path, root))
    edit(project, COUNTRY, "region: eu", "region: atlantis")
    found = problems(project)
    assert parsed == [COUNTRY.split("/")[-1]], parsed      # only the edited file was parsed again
    assert [(p.file, p.field) for p in found if "atlantis" in p.message] == [(COUNTRY, "region")]
    assert all(p.line > 1 for p in found)

    new_process(monkeypatch)
    schema = project / "schemas" / "country.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"required": [\n  "id",', '"required": [\n  "nickname",\n  "id",', 1),
                      encoding="utf-8")
    assert any("nickname" in p.message for p in problems(project))


def test_a_damaged_cache_is_ignored(project, monkeypatch):
    assert problems(project) == []
    (project / "build" / "load-cache.pickle").write_bytes(b"not a pickle")
    new_process(monkeypatch)
    edit(project, COUNTRY, "region: eu", "region: atlantis")
    assert any("atlantis" in p.message for p in problems(project))
