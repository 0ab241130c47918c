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
    ("schema-phone-number", COUNTRY, '"+376712345"', '"+376 712 345"', 32, "not in the expected form"),
    ("schema-phone-reach", COUNTRY, ", reach: abroad, hours", ", hours", 32, "missing required field 'reach'"),
    ("schema-contact-source", COUNTRY, "    sources: [S1]\n    checked: 2026-11-01\n  - kind: referral",
     "    checked: 2026-11-01\n  - kind: referral", 27, "missing required field 'sources'"),
    ("schema-contact-checked", COUNTRY, "    checked: 2026-11-01\n  - kind: referral", "  - kind: referral", 27,
     "missing required field 'checked'"),
    ("phone-invalid", COUNTRY, '"+376712345"', '"+37671234"', 32, "is not a valid number: it is too short"),
    ("phone-no-range", COUNTRY, '"+376712345"', '"+376212345"', 32, "no number range of its country matches it"),
    ("phone-other-country", COUNTRY, '"+376712345"', '"+33123456789"', 32, "is a number of FR, not of AD"),
    ("phone-short-code-abroad", COUNTRY, 'number: "116006", reach: national', 'number: "116006", reach: abroad', 33,
     "is a short code, which cannot be dialled from abroad"),
    ("phone-language", COUNTRY, "languages: [ca, en]", "languages: [ca, xx]", 32, "not an ISO 639-1 language code"),
    ("phone-none-from-abroad", COUNTRY, '"+376712345", reach: abroad', '"+376712345", reach: unknown', 26,
     "no number here can be called from abroad"),
    ("hotline-without-number", COUNTRY, '    phones:\n      - {number: "+376712345"', '    phonez:\n      - {number: "+376712345"',
     27, "a hotline without a number"),
    ("number-in-text", COUNTRY, "Zebrafixture appears only here.", "Call +376 712 346 for help.", 9,
     "is written in the text but not listed in 'contacts'"),
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
    ("ref-catalogue-from-source", COUNTRY, "resource: R-2010-test-guidelines", "resource: R-2010-gone", 50, "resource 'R-2010-gone' does not exist"),
    ("real-date", COUNTRY, "last_reviewed: 2024-01-15", "last_reviewed: 2024-02-30", 7, "is not a real date"),
    ("future-date", COUNTRY, "last_reviewed: 2024-01-15", "last_reviewed: 2999-01-01", 7, "is in the future"),
    ("tool-item-prefix", TOOL, "id: T1.A.02", "id: T1.B.02", 13, "does not start with its section id"),
    ("tool-item-unique", TOOL, "id: T1.A.02", "id: T1.A.01", 13, "is used twice"),
    ("sop-anchors", STEP, "{#transit}", "{#transfer}", 19, "expected ['purpose'"),
    ("unknown-party-verified", COUNTRY, "{party: true, date: 2011-09-22, status: verified",
     "{party: unknown, date: 2011-09-22, status: verified", 13, "party is 'unknown' but the fact is marked verified"),
    ("boolean-yes", TOOL, "personal_data: true", "personal_data: yes", 14, "'yes' is not of type 'boolean'"),
    ("html-script", COUNTRY, "Zebrafixture appears only here.", "<script>alert(1)</script>", 9, "<script> element"),
    ("html-handler", RESOURCE, "Quokkafixture appears only here.", '<img src=x onerror="alert(1)">', 6, "event-handler attribute (onerror)"),
    ("html-handler-after-slash", COUNTRY, "Zebrafixture appears only here.", "<svg/onload=alert(1)>", 9,
     "event-handler attribute (onload)"),
    ("html-handler-after-quote", STEP, "- Act.", '<span title="x"onclick="alert(1)">Act.</span>', 17,
     "event-handler attribute (onclick)"),
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


def test_a_boolean_field_written_yes_is_told_to_write_true(project):
    edit(project, TOOL, "personal_data: true", "personal_data: yes")
    found = [p for p in problems(project) if "boolean" in p.message]
    assert found and found[0].hint.startswith("write true or false")


def test_a_misspelt_field_gets_the_field_it_was_meant_to_be(project):
    edit(project, COUNTRY, "region: eu\n", "regoin: eu\n")
    (found,) = [p for p in problems(project) if "unknown field 'regoin'" in p.message]
    assert found.hint.startswith("did you mean region? check the spelling; allowed fields here: "), found.hint
    assert "region" in found.hint.split("allowed fields here: ")[1].split(", ")


def test_norway_is_a_country_code(project):
    """NO is Norway's code, not a boolean: a resource about Norway validates."""
    edit(project, RESOURCE, "countries: [AD]", "countries: [AD, NO]")
    assert problems(project) == []


STRINGS = "i18n/strings/ar.yml"


def _line_of(project, rel, key):
    lines = (project / rel).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith(key + ":"))


@pytest.mark.parametrize("key,old,new,fragment,hint", [
    ("filter_count", "يُعرض {n}", "يُعرض {compte}", "unknown placeholder {compte}", "{m}, {n}"),
    ("home_status", "{date}", "{date", "does not pair up", "{date}, {version}"),
    ("nav_about", "nav_about: حول الموقع", "nav_about: 12", "must be text, not 12", "in quotes"),
    ("nav_about", "nav_about:", "nav_abuot:", "'nav_abuot' is not a key of i18n/strings/en.yml",
     "did you mean nav_about? check the spelling"),
    ("nav_about", "nav_about:", "zzz_qqq:", "'zzz_qqq' is not a key of i18n/strings/en.yml", "check the spelling"),
])
def test_interface_strings_are_checked(project, key, old, new, fragment, hint):
    """A translation's interface strings: text, keys English has, and English's placeholders
    (a misspelt placeholder stopped the build with a KeyError, and validation said nothing)."""
    line = _line_of(project, STRINGS, key)
    edit(project, STRINGS, old, new)
    found = [p for p in problems(project) if fragment in p.message]
    assert [(p.file, p.line) for p in found] == [(STRINGS, line)], [str(p) for p in problems(project)]
    assert hint in found[0].hint


def test_broken_interface_strings_stop_the_build_with_the_line(project):
    from trmkb.build import build
    edit(project, STRINGS, "nav_about: حول", 'nav_about: "حول')
    found = [str(p) for p in problems(project)]
    assert any(f.startswith(f"{STRINGS}:{_line_of(project, STRINGS, 'nav_about')}: YAML syntax error") for f in found), found
    assert build(project, quiet=True) == 1
    assert not (project / "site").exists()


LANGS = "i18n/languages.yml"


@pytest.mark.parametrize("text,line,fragment", [
    ("default: en\nlanguages: [en, ar\n", None, "YAML syntax error"),
    ("default: de\nlanguages: [en, ar]\n", 1, "the default language 'de' is not in 'languages'"),
    ("default: en\nlanguages: [en, ar, en]\n", 2, "'en' is listed twice"),
    ("default: en\nlanguages: [en, xx]\n", 2, "'xx' is not a language code"),
    ("default: en\nlanguages: en\n", 2, "must be a list of language codes"),
    (None, 1, "the list of the site's languages is missing"),
])
def test_a_wrong_list_of_languages_is_one_clear_problem(project, text, line, fragment):
    """i18n/languages.yml drives everything: when it is wrong, validation says where (it crashed
    with a traceback), and the build stops before touching anything."""
    from trmkb.build import build
    if text is None:
        (project / LANGS).unlink()
    else:
        (project / LANGS).write_text(text, encoding="utf-8")
    found = problems(project)
    assert len(found) == 1 and found[0].file == LANGS and fragment in found[0].message, [str(p) for p in found]
    assert found[0].hint
    if line is not None:
        assert found[0].line == line
    assert build(project, quiet=True) == 1
    assert not (project / "site").exists()


def test_an_unknown_language_is_refused_by_the_preview_and_serve(project, capsys):
    from trmkb.build import preview
    from trmkb.serve import serve
    assert preview(project, "xx", quiet=True) is None
    assert serve(project, port=0, lang="xx") == 2
    assert "unknown language: xx (this site has en, ar)" in capsys.readouterr().err


VOCAB = "data/vocabularies.yml"


@pytest.mark.parametrize("text,expected", [
    ("- regions\n- roles\n", [(1, "must map each vocabulary's name to its ids")]),
    (None, [(1, "the vocabularies file is missing")]),
])
def test_a_broken_vocabulary_file_is_said_once_not_for_every_id(project, text, expected):
    """A vocabulary file that is not a mapping made every id in the data 'not in the vocabulary'
    (1,207 problems for the shipped data) without naming the file itself."""
    if text is None:
        (project / VOCAB).unlink()
    else:
        (project / VOCAB).write_text(text, encoding="utf-8")
    found = problems(project)
    assert [(p.file, p.line, p.message) for p in found] == [(VOCAB, n, m) for n, m in expected], [str(p) for p in found]
    assert all(p.hint for p in found)


def test_a_vocabulary_written_as_a_list_is_named_not_a_crash(project):
    """'roles:' followed by a list of ids (no labels) stopped validation with an AttributeError."""
    text = (project / VOCAB).read_text(encoding="utf-8")
    start, end = text.index("roles:"), text.index("exploitation:")     # the whole roles block
    (project / VOCAB).write_text(text[:start] + "roles:\n  - origin\n" + text[end:], encoding="utf-8")
    found = [p for p in problems(project) if p.file == VOCAB]
    assert any(p.field == "roles" and "must map each id to its labels" in p.message for p in found), \
        [str(p) for p in found]
    assert not [p for p in problems(project) if "not in the 'roles' vocabulary" in p.message]


@pytest.mark.parametrize("text", ["{}\n", None])
def test_english_interface_strings_emptied_or_removed_are_a_problem(project, text):
    """Without English strings (every language's fallback) the pages showed key names."""
    en = project / "i18n" / "strings" / "en.yml"
    if text is None:
        en.unlink()
    else:
        en.write_text(text, encoding="utf-8")
    found = problems(project)
    assert [(p.file, p.line) for p in found] == [("i18n/strings/en.yml", 1)], [str(p) for p in found]
    assert "key names" in found[0].hint


def test_active_html_in_markdown_is_one_problem_not_two(project):
    """A <script> in a page's Markdown was reported twice on its line: as an element not allowed in
    content and as active HTML. Now once, as active HTML (with 'an' before a vowel); an element
    that is only not allowed (<div>) is still reported as such."""
    edit(project, STEP, "- Act.", "- Act.\n\n<script>alert(1)</script>\n\n<iframe src=\"https://x.example\"></iframe>\n\n"
         "<div>block</div>")
    found = sorted((p.line, p.message) for p in problems(project) if p.file == STEP)
    lines = [line for line, _ in found]
    assert len(lines) == len(set(lines)) == 3, found
    assert [m for _, m in found] == ["contains a <script> element", "contains an <iframe> element",
                                     "HTML element <div> is not allowed in content"], found


def test_a_number_where_text_is_expected_gets_a_hint_to_quote_it(project):
    """A translator wrote source_version: 1 (YAML reads a number) where the schema wants text."""
    edit(project, "content/sop/SOP-1.1.ar.md", 'source_version: "1"', "source_version: 1")
    (found,) = [p for p in problems(project) if p.field == "source_version"]
    assert found.line == 4 and "not of type 'string'" in found.message, str(found)
    assert found.hint.startswith('put it in quotes, as written: YAML reads 1 as a number, "1" as text'), found.hint


def test_the_pages_validation_knows_are_the_pages_the_site_has(project):
    """rule_content_links checks links against validate.site_pages; staging makes the pages
    (stage.pages_for). If the two drifted apart, good links would be refused or dead ones let through."""
    from trmkb import i18n
    from trmkb.model import build_site
    from trmkb.stage import pages_for
    from trmkb.validate import site_pages
    src, found = validate(project)
    assert found == []
    site = build_site(src)
    for lang in src.codes:
        assert {p.stem for p in pages_for(site, i18n.Strings(src), lang)} == site_pages(src), lang


def test_a_link_to_no_page_of_the_site_is_a_problem_with_a_suggestion(project):
    """MkDocs only logs a link it cannot resolve, and the build keeps its log quiet: a mistyped
    SOP-11.md was published as a broken link."""
    good = ("See [the phase](SOP-1.md), [its printable page](SOP-1-print.md), [Andorra](../countries/ad.md#summary), "
            "[the status](../status.md), [about](../about.md), [the data](../data/countries.json), [here](#purpose) "
            "and [the web](https://example.org/x.md). `[code](nowhere.md)`")
    edit(project, STEP, "Fixture step.", good + "\n\nFixture step.")
    assert problems(project) == []
    edit(project, STEP, "Fixture step.", "Read [the first step](SOP-11.md) and [the about page](/about.md).\n\n"
         "```\n[inside a code block](nowhere.md)\n```\n\nFixture step.")
    found = sorted((p.line, p.message, p.hint) for p in problems(project))
    assert [(line, message) for line, message, _ in found] == [
        (15, "link '/about.md' starts from the server's root"),
        (15, "link 'SOP-11.md' goes to no page of this site")], found
    assert found[1][2].startswith("did you mean SOP-1.1.md?"), found[1][2]


def test_a_field_a_rule_explains_gets_no_second_problem_from_the_schema(project):
    """tools: [T9] was two problems on one line: the schema's pattern ("not in the expected form",
    hint: see the schema) and the rule's "tool 'T9' does not exist". Now only the rule's."""
    edit(project, STEP, "tools: [T1]", "tools: [T9]")
    found = [(p.line, p.field, p.message) for p in problems(project)]
    assert found == [(6, "tools[0]", "tool 'T9' does not exist")], found


def test_interface_strings_are_plain_text(project):
    """Material writes some interface strings (the site's name, its description) into every page as
    they are: a <script> in a translation ran on every page. Any HTML is refused; a '<' in text is not."""
    strings = project / "i18n" / "strings" / "ar.yml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("site_name: ", "site_name: <img src=x onerror=alert(1)> ", 1)
                       .replace("site_description: ", "site_description: <b>", 1), encoding="utf-8")
    found = sorted((p.line, p.field, p.message) for p in problems(project))
    assert found == [(1, "site_name", "interface strings are plain text: found <img src=x onerror=alert(1)>"),
                     (2, "site_description", "interface strings are plain text: found <b>")], found
    strings.write_text(text.replace("site_name: ", "site_name: < 18 ", 1), encoding="utf-8")
    assert problems(project) == []


def test_interface_strings_have_no_straight_double_quotes(project):
    """The theme writes the site's name into attributes as it is (aria-label="..."): a " in it
    ended the attribute, and what followed (onfocus=... autofocus) ran on every page."""
    strings = project / "i18n" / "strings" / "ar.yml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("site_name: ", 'site_name: x" onfocus="alert(1)" autofocus="x ', 1), encoding="utf-8")
    found = [(p.line, p.field, p.message) for p in problems(project)]
    assert found == [(1, "site_name", 'interface strings may not contain a straight double quote (")')], found
    strings.write_text(text.replace("site_name: ", "site_name: «المعارف» ", 1), encoding="utf-8")
    assert problems(project) == []
    # both problems of one string at once, not the second only once the first is mended
    strings.write_text(text.replace("site_name: ", 'site_name: <b>"x"</b> ', 1), encoding="utf-8")
    found = [(p.line, p.message) for p in problems(project)]
    assert found == [(1, "interface strings are plain text: found <b>"),
                     (1, 'interface strings may not contain a straight double quote (")')], found


def test_data_and_front_matter_are_plain_text(project):
    """Data and front matter are shown as written (escaped): <b> in a title or a summary showed
    as '<b>' on the page. Only a page's Markdown body may use a few inline elements."""
    edit(project, STEP, "title: Detection and first contact", "title: Detection <b>and</b> first contact")
    edit(project, TOOL, "ar: فحص تجريبي}", "ar: فحص <em>تجريبي</em>}")
    edit(project, RESOURCE, "en: A fixture publication.", "en: A <em>fixture</em> publication for children <18.")
    found = sorted((p.file, p.line, p.field, p.message) for p in problems(project))
    assert found == sorted([(STEP, 3, "title", "this text is shown as written: found <b>"),
                            (TOOL, 4, "title.ar", "this text is shown as written: found <em>"),
                            (RESOURCE, 6, "summary.en", "this text is shown as written: found <em>")]), found


def _set_string(root, lang, key, value):
    import json
    import re
    p = root / "i18n" / "strings" / f"{lang}.yml"
    text, n = re.subn(rf"^{key}:.*$", f"{key}: {json.dumps(value, ensure_ascii=False)}", p.read_text(encoding="utf-8"),
                      count=1, flags=re.M)
    assert n == 1
    p.write_text(text, encoding="utf-8")
    return f"i18n/strings/{lang}.yml"


def test_a_plural_message_without_its_languages_forms_is_refused(project):
    rel = _set_string(project, "ar", "banner_unverified", "{count, plural, one {# معلومة} other {# معلومات}}")
    found = [p for p in problems(project) if p.file == rel and p.field == "banner_unverified"]
    assert found and "lacks the ar plural form(s) few, many, two, zero" in found[0].message and found[0].hint


def test_a_translation_that_drops_a_placeholder_is_refused(project):
    """A translation without {count} printed the sentence without its number."""
    rel = _set_string(project, "ar", "filter_count", "البلدان المعروضة")
    found = [p for p in problems(project) if p.file == rel and p.field == "filter_count"]
    assert found and "drops placeholder {m}, {n}" in found[0].message


def test_a_translated_list_of_standards_matches_englishs(project):
    edit(project, STEP, "aliases: [SOP-1.0]", 'aliases: [SOP-1.0]\nstandards: ["CETS No. 197, Art. 13", "Directive 2004/81/EC, Art. 6"]')
    edit(project, "content/sop/SOP-1.1.ar.md", 'source_version: "1"', 'source_version: "1"\nstandards: ["اتفاقية مجلس أوروبا رقم 197، المادة 13"]')
    found = [p for p in problems(project) if p.field == "standards"]
    assert [(p.file, p.line) for p in found] == [("content/sop/SOP-1.1.ar.md", 5)]
    assert "has 1 citations where English has 2" in found[0].message
