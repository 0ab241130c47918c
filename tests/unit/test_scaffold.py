"""Scaffolded files parse, carry the schema line, and fail validation only on their TODOs."""
from trmkb.scaffold import new_country, new_resource
from trmkb.validate import validate


def test_new_country_only_todos_fail(project):
    path = new_country(project, "md")
    assert path.name == "md.yaml"
    assert path.read_text().startswith("# yaml-language-server: $schema=../../schemas/country.schema.json")
    problems = [p for p in validate(project)[1] if p.file == "data/countries/md.yaml"]
    assert problems and all("TODO" in p.message or "TODO" in str(p) for p in problems), [str(p) for p in problems]


def test_new_resource_only_todos_fail(project):
    path = new_resource(project, 2019, "IOM", "Reintegration handbook")
    assert path.name == "R-2019-iom-reintegration-handbook.yaml"
    problems = [p for p in validate(project)[1] if p.file == f"data/resources/{path.name}"]
    assert problems and all("TODO" in str(p) for p in problems), [str(p) for p in problems]
