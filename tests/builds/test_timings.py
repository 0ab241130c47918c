"""benchmarks/bench.py reads what each build records in build/timings.json: its stages, and each
language's staging, MkDocs, Pagefind and offline index."""
import json

import pytest

pytestmark = pytest.mark.build


def test_a_build_records_each_stage_of_each_language(built_mini):
    t = json.loads((built_mini.parent / "build" / "timings.json").read_text(encoding="utf-8"))
    stages = ("validate", "model", "languages", "redirects", "swap")
    assert all(t[s] >= 0 for s in stages)
    assert t["total"] >= sum(t[s] for s in stages) - 0.01
    for what in ("stage", "mkdocs", "pagefind", "offline"):
        per = t[f"{what}_per_language"]
        assert set(per) == {"en", "ar"}, what
        assert all(v > 0 for v in per.values()), (what, per)     # a first build does each of them
        assert sum(per.values()) < 2 * t["languages"], what     # two workers at most, within that stage
