"""The open data of a built site (data/): the validated records as JSON and CSV, with the schemas
they follow. Written while the languages are built, beside the unfinished site, and moved into
it with them (build._open_data)."""
import csv
import io
import json

import pytest
import yaml

from trmkb import ROOT

pytestmark = pytest.mark.build


def test_the_site_publishes_every_record_as_json_and_csv_with_its_schemas(built_mini):
    project = built_mini.parent
    data = built_mini / "data"
    for kind in ("countries", "resources"):
        sources = sorted((project / "data" / kind).glob("*.yaml"))
        assert sources, kind
        ids = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in sources)
        records = json.loads((data / f"{kind}.json").read_text(encoding="utf-8"))
        assert [r["id"] for r in records] == ids, kind
        raw = (data / f"{kind}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for spreadsheets"
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert [r["id"] for r in rows] == ids, kind
    schemas = sorted(p.name for p in (ROOT / "schemas").glob("*.schema.json"))
    assert sorted(p.name for p in (data / "schemas").iterdir()) == schemas
    for name in schemas:
        assert (data / "schemas" / name).read_bytes() == (ROOT / "schemas" / name).read_bytes()


def test_nothing_of_the_open_data_is_left_beside_the_site(built_mini):
    assert [p.name for p in built_mini.parent.iterdir() if p.name.startswith(f".{built_mini.name}.tmp")] == []
