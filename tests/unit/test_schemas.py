"""Schemas are the editors' documentation: every field is described and unknown fields are refused."""
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from trmkb import ROOT

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


def _objects(node, path="#"):
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield path, node
        for k, v in node.items():
            yield from _objects(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _objects(v, f"{path}/{i}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema" or path.name == "common.schema.json"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_field_described_and_closed(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    for where, obj in _objects(schema):
        props = obj.get("properties", {})
        if props and where.rsplit("/", 1)[-1] not in ("then", "if"):
            assert obj.get("additionalProperties") is False, f"{path.name} {where}: additionalProperties must be false"
        for name, p in props.items():
            if where.rsplit("/", 1)[-1] in ("then", "if"):
                continue
            assert "description" in p or _ref_described(schema, p), f"{path.name} {where}/{name}: no description"


def _ref_described(schema, prop):
    """A field that only points to a shared definition takes that definition's description."""
    ref = prop.get("$ref", "")
    target_file, _, pointer = ref.partition("#")
    target = json.loads((ROOT / "schemas" / target_file).read_text()) if target_file else schema
    for part in pointer.strip("/").split("/"):
        target = target[part]
    return "description" in target
