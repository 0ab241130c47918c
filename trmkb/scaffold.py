"""Scaffold a new data file that validates' shape, with the schema line for editors' IDEs and TODOs."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel import Locale

COUNTRY = """# yaml-language-server: $schema=../../schemas/country.schema.json
# New profile for {name}. Replace every TODO; facts you cannot confirm from a named source stay
# status: needs_verification (the site shows them as unverified). Never guess a phone number.
id: {code}
roles: [origin]                # TODO: origin, transit and/or destination
region: TODO                   # TODO: an id from data/vocabularies.yml (regions)
review_status: draft
last_reviewed: {today}
reviewer: TRM KB editorial team
version: "1"
summary:
  en: >-
    TODO: 3-6 sentences in your own words on the trafficking situation.
exploitation: []               # TODO: ids from data/vocabularies.yml (exploitation)
ratifications:
  palermo: {{party: unknown, status: needs_verification, sources: [S1]}}   # TODO: party true/false (or unknown), date
  cets197: {{party: unknown, status: needs_verification, sources: [S2]}}
  ilo_p029: {{party: unknown, status: needs_verification, sources: [S3]}}
{facts}contacts: []                   # TODO: hotline, referral entry point, coordinator, IOM office: only what a
                               # named source states (schemas/country.schema.json, $defs.contact)
call_note: {{en: "TODO: no number callable from abroad is listed yet; say what to do instead"}}
sources:
  - id: S1
    title: "United Nations Treaty Collection: Protocol to Prevent, Suppress and Punish Trafficking in Persons"
    publisher: United Nations
  - id: S2
    title: "Chart of signatures and ratifications of Treaty 197"
    publisher: Council of Europe Treaty Office
  - id: S3
    title: "NORMLEX: Ratifications of P029 - Protocol of 2014 to the Forced Labour Convention"
    publisher: International Labour Organization
"""
FACT = """{key}:
  text: {{en: "TODO"}}
  status: needs_verification
"""
FACTS = ["coordinator", "rapporteur", "nrm", "identification_authority", "reflection_period", "residence_permits",
         "assistance", "return_reintegration", "children", "consular_notes", "risks_on_return"]

RESOURCE = """# yaml-language-server: $schema=../../schemas/resource.schema.json
# New catalogue record. Real publications only: title, publisher and year exactly as published.
# Leave 'url' out unless you are sure it is right.
id: {id}
type: TODO                     # an id from data/vocabularies.yml (types)
title: "TODO: title in the original language"
summary:
  en: >-
    TODO: 2-5 sentences in your own words.
publishers: [TODO]
year: {year}
doc_languages: [en]
countries: []                  # ISO codes the publication is about; empty for global works
regions: [global]
themes: [TODO]                 # ids from data/vocabularies.yml (themes)
audience: []
sop_refs: []
status: current
last_checked: {today}
version: "1"
"""


def new_country(root: Path, code: str) -> Path:
    code = code.upper()
    if code not in Locale.parse("en").territories and code != "XK":
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code")
    path = root / "data" / "countries" / f"{code.lower()}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    name = Locale.parse("en").territories.get(code, code)
    facts = "".join(FACT.format(key=k) for k in FACTS)
    path.write_text(COUNTRY.format(code=code, name=name, today=dt.date.today().isoformat(), facts=facts),
                    encoding="utf-8")
    return path


def new_resource(root: Path, year: int, publisher: str, short: str) -> Path:
    slug = lambda s: re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    rid = f"R-{year}-{slug(publisher)}-{slug(short)}"
    path = root / "data" / "resources" / f"{rid}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    path.write_text(RESOURCE.format(id=rid, year=year, today=dt.date.today().isoformat()), encoding="utf-8")
    return path
