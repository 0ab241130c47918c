"""Validation trusts jsonschema-rs when it says a document is valid (validate._fast_validator), and
asks the Python validator otherwise. That is only right if the fast one is never more lenient:
the schemas' regular expressions (ECMA-262 there, Python's re here) must reject the same strings.
Python's \\s, for one, also matches the control characters \\x1c-\\x1f and \\x85, ECMA's does not:
the patterns that use it exclude control characters explicitly."""
import json
from pathlib import Path

import jsonschema
import jsonschema_rs
import pytest

from trmkb import ROOT
from trmkb.validate import _fast_validator, _schema_signature

SCHEMAS = ROOT / "schemas"

# characters where the two regular expression dialects are known to differ, or might
TRICKY = [chr(c) for c in (*range(0, 32), 0x7f, 0x85, 0xa0, 0x1680, 0x2000, 0x2028, 0x2029, 0x202f, 0x3000,
                           0xfeff, 0xff10, 0x0660, 0x0131, 0x212a)]
SAMPLES = ["https://example.org/a", "a@example.org", "AL", "al", "2026-11-23", "2026-11", "R-2020-al-report",
           "S12", "SOP-1.2", "1.0.2", "+33 1 23 45 67 89", "+33123456789", "116006", "978-2-1234-5680-3", "ABC(1)", "nrm-coordinator", "T1", "T1.A", "T1.A.01"]


def patterns(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "pattern" and isinstance(v, str):
                yield v
            else:
                yield from patterns(v)
    elif isinstance(node, list):
        for v in node:
            yield from patterns(v)


ALL = sorted({p for f in SCHEMAS.glob("*.schema.json") for p in patterns(json.loads(f.read_text(encoding="utf-8")))})


def candidates():
    for s in SAMPLES:
        yield s
        for c in TRICKY:
            yield s + c
            yield c + s
            yield s[:2] + c + s[2:]


@pytest.mark.parametrize("pattern", ALL)
def test_the_fast_validator_is_never_more_lenient(pattern):
    schema = {"type": "string", "pattern": pattern}
    slow, fast = jsonschema.Draft202012Validator(schema), jsonschema_rs.validator_for(schema)
    lenient = [s for s in candidates() if fast.is_valid(s) and not slow.is_valid(s)]
    assert lenient == [], f"{pattern}: jsonschema-rs accepts {lenient[:5]!r}, Python rejects them"
    assert any(fast.is_valid(s) for s in SAMPLES), f"{pattern}: no sample matches; add one so this test says something"


def test_control_characters_in_an_address_are_refused_by_both():
    common = json.loads((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
    url = {"type": "string", "pattern": common["$defs"]["https_url"]["pattern"]}
    for bad in ("https://a\x1cb", "https://a\x85b", "https://a b", "https://a\tb"):
        assert not jsonschema.Draft202012Validator(url).is_valid(bad)
        assert not jsonschema_rs.validator_for(url).is_valid(bad)


def test_the_fast_validator_resolves_the_shared_definitions():
    """The fast validator reads the schema files' references to each other: a real profile is
    valid, and invalid with a date in the wrong form (checked through common.schema.json)."""
    fast = _fast_validator(str(SCHEMAS), "country", _schema_signature(SCHEMAS))
    real = next(iter(sorted((ROOT / "data" / "countries").glob("*.yaml"))))
    import yaml
    data = yaml.safe_load(real.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    assert fast.is_valid(data), real
    data["last_reviewed"] = "23/11/2026"
    assert not fast.is_valid(data)
