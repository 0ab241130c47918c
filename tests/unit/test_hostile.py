"""A corpus of hostile inputs: each gives a clear error naming the file and line, never a crash,
a hang or a damaged site."""
import pytest

from trmkb.build import build

COUNTRY = "data/countries/ad.yaml"
STEP = "content/sop/SOP-1.1.md"
RES = "data/resources/R-2010-test-guidelines.yaml"


def replace(old, new):
    def apply(root, rel):
        p = root / rel
        text = p.read_text(encoding="utf-8")
        assert old in text
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write_bytes(data):
    def apply(root, rel):
        (root / rel).write_bytes(data)
    return apply


CASES = [
    ("script-in-yaml", COUNTRY, replace("Zebrafixture appears only here.", "<script>fetch('https://x')</script>"), "<script> element"),
    ("handler-in-markdown", STEP, replace("- Act.", '<img src="x" onerror="alert(1)">'), "event-handler attribute"),
    ("iframe-in-markdown", STEP, replace("- Act.", '<iframe src="https://evil.example"></iframe>'), "<iframe> element"),
    # one problem: the rule's "is a 'javascript:' address", not also the schema's "not in the expected form"
    ("js-url-in-yaml", RES, replace("status: current", "status: current\nurl: javascript:alert(1)"), "'javascript:' address"),
    ("data-url-in-markdown", STEP, replace("- Act.", "- [open](data:text/html;base64,PHNjcmlwdD4=)"), "'data:' link"),
    ("broken-html", STEP, replace("- Act.", "- <span>never closed"), "<span> is never closed"),
    # the theme writes the site's name into every page unescaped: a translator's HTML ran there
    ("script-in-interface-string", "i18n/strings/ar.yml", replace("site_name: ", "site_name: <script>alert(1)</script> "),
     "interface strings are plain text: found <script>"),
    ("div-in-markdown", STEP, replace("- Act.", "<div class='x'>block</div>"), "<div> is not allowed"),
    ("latin-1", COUNTRY, write_bytes("id: AD\nsummary:\n  en: Andorra la Vella é\n".encode("latin-1")), "not UTF-8"),
    ("binary", COUNTRY, write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ""),
    ("huge", COUNTRY, write_bytes(b"id: AD\nsummary:\n  en: '" + b"a" * 2_000_000 + b"'\n"), "more than the"),
    ("alias-bomb", COUNTRY, write_bytes(b"a: &a ['x','x','x','x','x','x','x','x','x']\n" + b"".join(
        b"%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n" % ((98 + i, 98 + i) + (97 + i,) * 9) for i in range(12))),
     "anchors and aliases"),
    ("deep-nesting", COUNTRY, write_bytes(b"id: " + b"[" * 50000 + b"]" * 50000 + b"\n"), "nested more than"),
    ("wrong-types", COUNTRY, replace("roles: [destination]", "roles: destination"), "is not of type 'array'"),
    ("tabs", COUNTRY, replace("summary:\n  en:", "summary:\n\ten:"), "YAML syntax error"),
    ("empty", COUNTRY, write_bytes(b""), "file is empty"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_refused_cleanly(project, capsys, case):
    name, rel, apply, fragment = case
    assert build(project, quiet=True) == 0
    before = (project / "site" / "countries" / "ad.html").read_bytes()
    capsys.readouterr()
    apply(project, rel)
    assert build(project, quiet=True) == 1
    err = capsys.readouterr().err
    assert rel in err and fragment in err, err[-2000:]
    assert "Traceback" not in err
    assert (project / "site" / "countries" / "ad.html").read_bytes() == before
