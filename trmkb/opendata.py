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
    row["hotlines"] = " | ".join(f"{h['number']} ({h['operator']}; {h['status']})" for h in c.get("hotlines") or [])
    row["contacts"] = " | ".join(f"{k['name']}{' ' + k['url'] if k.get('url') else ''}" for k in c.get("contacts") or [])
    return row


def resource_row(r: dict) -> dict:
    return {"id": r["id"], "type": r["type"], "title": r["title"], "year": r["year"],
            "publishers": "; ".join(r["publishers"]), "authors": "; ".join(r.get("authors") or []),
            "doc_languages": " ".join(r["doc_languages"]), "countries": " ".join(r.get("countries") or []),
            "regions": " ".join(r.get("regions") or []), "themes": " ".join(r["themes"]),
            "audience": " ".join(r.get("audience") or []), "sop_refs": " ".join(r.get("sop_refs") or []),
            "url": r.get("url", ""), "status": r["status"], "superseded_by": r.get("superseded_by", ""),
            "last_checked": r["last_checked"], "summary_en": _en(r.get("summary"))}


def _csv(path: Path, rows: list[dict]):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        if rows:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)


def write_open_data(site: Site, data: Path, schemas: Path):
    """The open data files into the folder `data` (the site's data/), with the schemas they follow."""
    (data / "schemas").mkdir(parents=True, exist_ok=True)
    countries = [site.countries[k] for k in sorted(site.countries)]
    resources = [site.resources[k] for k in sorted(site.resources)]
    for name, records, row in (("countries", countries, country_row), ("resources", resources, resource_row)):
        (data / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        _csv(data / f"{name}.csv", [row(r) for r in records])
    for p in schemas.glob("*.schema.json"):
        shutil.copy(p, data / "schemas" / p.name)
