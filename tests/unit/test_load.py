"""The loader keeps line numbers and turns every kind of broken file into one clear problem."""
import pytest

from trmkb.load import LoadError, load_markdown, load_yaml


def _load(tmp_path, text, name="x.yaml", raw=None):
    p = tmp_path / name
    p.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return (load_markdown if name.endswith(".md") else load_yaml)(p, tmp_path)


def test_lines_are_kept(tmp_path):
    doc = _load(tmp_path, "id: AL\nratifications:\n  palermo:\n    date: 2002-08-21\n")
    assert doc.data["ratifications"]["palermo"]["date"] == "2002-08-21"  # dates stay text
    assert doc.line(["ratifications", "palermo", "date"]) == 4
    assert doc.line(["ratifications", "palermo", "missing"]) == 3


@pytest.mark.parametrize("text,raw,line,message", [
    ("id: [AL\n", None, 2, "YAML syntax error"),
    # an unclosed quote runs on until a later quote; the line to fix is the one that opened it
    ('id: AL\nsize: 5"\ntitle: "Open\nnote: "x"\n', None, 3, "a quote opened on this line is not closed"),
    ("id: AL\ntitle: 'l''eau\nnote: 'x'\n", None, 2, "a quote opened on this line is not closed"),
    ('id: AL\ntitle: "Open\n', None, 2, "a quote opened on this line is not closed"),
    ("id: AL\nregion: [eu\nname: x\n", None, 3, "flow sequence that starts on line 2"),
    ("", None, 1, "file is empty"),
    ("  \n\n", None, 1, "file is empty"),
    (None, b"id: AL\nname: \xff\xfe\n", 2, "not UTF-8"),
    ("a: &x [1]\nb: *x\n", None, 1, "anchors and aliases"),
    ("a: &x 1\n", None, 1, "anchors and aliases"),           # an anchor alone is refused too
    ("id: AL\nid: MA\n", None, 2, "duplicate key 'id'"),
    (None, b"a: '" + b"x" * 1_100_000 + b"'\n", 1, "more than the"),
])
def test_broken_files_give_one_problem(tmp_path, text, raw, line, message):
    with pytest.raises(LoadError) as e:
        _load(tmp_path, text or "", raw=raw)
    assert e.value.problem.file == "x.yaml"
    assert e.value.problem.line == line
    assert message in e.value.problem.message
    assert e.value.problem.hint


def test_ampersands_and_asterisks_in_text_are_just_text(tmp_path):
    doc = _load(tmp_path, "name: Bosnia & Herzegovina\nnote: 5 * 3 & more\n")
    assert doc.data == {"name": "Bosnia & Herzegovina", "note": "5 * 3 & more"}


def test_billion_laughs_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    with pytest.raises(LoadError, match="anchors and aliases"):
        _load(tmp_path, bomb)


def test_markdown_front_matter_lines(tmp_path):
    doc = _load(tmp_path, "---\nid: SOP-1\ntitle: T\n---\n\nBody\n", name="SOP-1.md")
    assert doc.data == {"id": "SOP-1", "title": "T"}
    assert doc.line(["title"]) == 3
    assert doc.body.strip() == "Body"
    assert doc.body_line == 5


def test_markdown_without_front_matter(tmp_path):
    with pytest.raises(LoadError, match="missing front matter"):
        _load(tmp_path, "# Title\n", name="a.md")


def test_only_true_and_false_are_booleans(tmp_path):
    """YAML 1.1 reads NO, yes, on and off as booleans: Norway's code became False, and a
    translator's "No" would have shown as "False". Only true and false are booleans here."""
    doc = _load(tmp_path, "id: NO\ncountries: [AL, NO, ON]\nanswer: No\nother: yes\nflag: off\n"
                          "a: true\nb: False\nc: TRUE\nquoted: 'true'\n")
    assert doc.data["id"] == "NO"
    assert doc.data["countries"] == ["AL", "NO", "ON"]
    assert (doc.data["answer"], doc.data["other"], doc.data["flag"]) == ("No", "yes", "off")
    assert (doc.data["a"], doc.data["b"], doc.data["c"]) == (True, False, True)
    assert doc.data["quoted"] == "true"
