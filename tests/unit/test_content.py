"""The bundled content itself is valid: the real data must pass every rule the fixtures test."""
from trmkb import ROOT
from trmkb.validate import validate


def test_bundled_content_is_valid():
    src, problems = validate(ROOT)
    assert problems == [], "\n".join(map(str, problems[:40]))


def test_starter_content_is_present():
    src, _ = validate(ROOT)
    ids = {d.data.get("id") for d in src.countries if isinstance(d.data, dict)}
    assert {"AL", "MA", "UA", "FR", "GR", "IT", "PL", "ES"} <= ids
    assert len(src.resources) >= 10
    assert len(src.tools) >= 1
    assert any(d.rel == "content/sop/SOP-1.md" for d in src.pages)
