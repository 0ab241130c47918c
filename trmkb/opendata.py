"""Open data: the validated records as JSON (same fields as the schemas, which are published
beside them) and as flat CSV for spreadsheets (UTF-8 with BOM so Excel reads Arabic and Cyrillic)."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from .model import FACT_FIELDS, TREATIES, Site


def _en(loc):
    return (loc or {}).get("en", "")


def _srcs(ids, sources):
    by_id = {s["id"]: s for s in sources}
    return "; ".join(", ".join(x for x in (by_id[i]["title"], by_id[i]["publisher"], by_id[i].get("date", ""),
                                           by_id[i].get("url", "")) if x) for i in ids or [] if i in by_id)


def country_row(c: dict) -> dict:
    row = {"id": c["id"], "roles": " ".join(c["roles"]), "region": c["region"],
           "tact_country": c.get("tact_country", False), "review_status": c["review_status"],
           "last_reviewed": c["last_reviewed"], "summary_en": _en(c.get("summary")),
           "exploitation": " ".join(c.get("exploitation") or [])}
    for t in TREATIES:
        f = c["ratifications"][t]
        row.update({f"{t}_party": f["party"], f"{t}_date": f.get("date", ""), f"{t}_status": f["status"],
                    f"{t}_checked": f.get("checked", ""), f"{t}_sources": _srcs(f.get("sources"), c["sources"])})
    for k in FACT_FIELDS:
        f = c.get(k) or {}
        row.update({f"{k}_en": _en(f.get("text")), f"{k}_status": f.get("status", ""),
                    f"{k}_checked": f.get("checked", ""), f"{k}_sources": _srcs(f.get("sources"), c["sources"])})
        if k == "nrm":
            row["nrm_level"] = f.get("level", "")
        if k == "reflection_period":
            row["reflection_period_days"] = f.get("days", "")
    row["contacts"] = " | ".join(
        "; ".join([f"{k['kind']}: {_en(k['name'])}"] + [f"{p['number']} ({p['reach']})" for p in k.get("phones") or []]
                  + [x for x in (k.get("email"), k.get("url")) if x] + [k["status"]])
        for k in c.get("contacts") or [])
    row["call_note_en"] = _en(c.get("call_note"))
    return row


def resource_row(r: dict) -> dict:
    return {"id": r["id"], "type": r["type"], "title": r["title"], "year": r["year"],
            "publishers": "; ".join(r["publishers"]), "authors": "; ".join(r.get("authors") or []),
            "doc_languages": " ".join(r["doc_languages"]), "countries": " ".join(r.get("countries") or []),
            "regions": " ".join(r.get("regions") or []), "themes": " ".join(r["themes"]),
            "audience": " ".join(r.get("audience") or []), "sop_refs": " ".join(r.get("sop_refs") or []),
            "url": r.get("url", ""), "status": r["status"], "superseded_by": r.get("superseded_by", ""),
            "last_checked": r["last_checked"], "summary_en": _en(r.get("summary"))}


def _csv(path: Path, rows: list[dict], fields: list[str] | None = None):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        if rows or fields:
            w = csv.DictWriter(f, fieldnames=fields or list(rows[0]))
            w.writeheader()
            w.writerows(rows)


# The contacts in Open Referral's Human Services Data Specification (HSDS 3), tabular form: its
# table and field names (openreferral/specification, schema/*.json), for the fields that map.
HSDS_TABLES = {
    "organizations": ["id", "name", "alternate_name", "description", "email", "website"],
    "services": ["id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
                 "eligibility_description", "assured_date"],
    "phones": ["id", "organization_id", "service_id", "number", "type", "description"],
    "languages": ["id", "phone_id", "name", "code"],
}


def hsds_tables(site: Site) -> dict[str, list[dict]]:
    """Each contact of each profile as an HSDS organization with one service (what to contact it
    for), its numbers (E.164, or a short code said to work only in the country) and the languages
    a line answers in. Ids are the profile's code and the contact's place in it (AL-3, AL-3-p1)."""
    from babel import Locale
    names = Locale.parse("en").languages
    out = {name: [] for name in HSDS_TABLES}
    for cid in sorted(site.countries):
        for n, k in enumerate(site.countries[cid].get("contacts") or [], 1):
            oid = f"{cid}-{n}"
            out["organizations"].append({"id": oid, "name": _en(k["name"]), "alternate_name": k.get("official_name", ""),
                                         "description": _en(k["role"]), "email": k.get("email", ""),
                                         "website": k.get("url", "")})
            out["services"].append({"id": f"{oid}-s", "organization_id": oid, "name": _en(k["name"]),
                                    "alternate_name": k.get("official_name", ""), "description": _en(k["role"]),
                                    "url": k.get("url", ""), "email": k.get("email", ""), "status": "active",
                                    "eligibility_description": f"{k['kind']}; country {cid}; {k['status']}",
                                    "assured_date": k["checked"]})
            for m, p in enumerate(k.get("phones") or [], 1):
                pid = f"{oid}-p{m}"
                reach = {"abroad": "callable from abroad", "national": "only from phones in the country",
                         "unknown": "reachability from abroad not confirmed"}[p["reach"]]
                desc = "; ".join(x for x in (reach, _en(p.get("hours")), "free" if p.get("free") else "",
                                             _en(p.get("note"))) if x)
                out["phones"].append({"id": pid, "organization_id": oid, "service_id": f"{oid}-s",
                                      "number": p["number"], "type": "voice", "description": desc})
                for code in p.get("languages") or []:
                    out["languages"].append({"id": f"{pid}-{code}", "phone_id": pid, "name": names.get(code, code),
                                             "code": code})
    return out


def write_open_data(site: Site, data: Path, schemas: Path):
    """The open data files into the folder `data` (the site's data/), with the schemas they follow."""
    (data / "schemas").mkdir(parents=True, exist_ok=True)
    countries = [site.countries[k] for k in sorted(site.countries)]
    resources = [site.resources[k] for k in sorted(site.resources)]
    for name, records, row in (("countries", countries, country_row), ("resources", resources, resource_row)):
        (data / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        _csv(data / f"{name}.csv", [row(r) for r in records])
    (data / "hsds").mkdir(exist_ok=True)
    for name, rows in hsds_tables(site).items():
        _csv(data / "hsds" / f"{name}.csv", rows, HSDS_TABLES[name])
    for p in schemas.glob("*.schema.json"):
        shutil.copy(p, data / "schemas" / p.name)
