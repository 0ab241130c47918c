"""Who to call: the box at the top of every profile, corridor and comparison, numbers as E.164
links, the age of the evidence, and the contacts as open data (HSDS)."""
import csv
import io
import re

import pytest

pytestmark = pytest.mark.build

TEL = re.compile(r'href="tel:([^"]*)"')


def html(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_the_box_comes_right_after_the_title_with_a_number_callable_from_abroad(built_mini):
    for prefix, title, abroad in (("", "Who to call", "can be called from abroad"), ("ar/", "بمن تتصل", "يمكن الاتصال به من الخارج")):
        page = html(built_mini, prefix + "countries/ad.html")
        h1, box, summary = page.index("<h1"), page.index('<section class="trm-call"'), page.index('id="summary"')
        assert h1 < box < summary
        section = page[box:page.index("</section>", box)]
        assert title in section and abroad in section
        assert 'href="tel:+376712345" dir="ltr">+376 712 345</a>' in section
        # the short code is shown, labelled, and never a link
        assert '<span class="trm-tel trm-tel--short" dir="ltr">116 006</span>' in section
        assert 'data-status="needs_verification"' in section        # the badge stays beside the number
        # the official name beside the translated one, its brackets inside its own direction
        assert '<bdi class="trm-official">(Línia de prova)</bdi>' in section
    assert "only from phones in Andorra" in html(built_mini, "countries/ad.html")


def test_a_profile_with_no_number_from_abroad_says_why(built_mini):
    page = html(built_mini, "countries/al.html")
    box = page[page.index('<section class="trm-call"'):]
    assert "write to the fixture coordinator instead" in box[:box.index("</section>")]
    assert not TEL.search(box[:box.index("</section>")])


def test_every_tel_link_of_the_site_is_e164(built_mini):
    found = 0
    for p in built_mini.rglob("*.html"):
        for target in TEL.findall(p.read_text(encoding="utf-8")):
            assert re.fullmatch(r"\+[1-9][0-9]{6,14}", target), (p, target)
            found += 1
    assert found > 10


def test_corridor_pages_open_with_both_boxes_and_both_warnings(built_mini):
    page = html(built_mini, "countries/corridor-fr-al.html")
    boxes = re.findall(r'<section class="trm-call" data-for="([A-Z]+)"', page)
    assert boxes == ["FR", "AL"]
    assert page.index('data-banner="unverified" data-for="FR"') < page.index('<section class="trm-call"')
    assert 'data-banner="unverified" data-for="AL"' in page
    assert 'href="../countries/fr.html#contacts"' in page or 'href="fr.html#contacts"' in page


def test_the_comparison_starts_with_who_to_call_and_keeps_the_warnings(built_mini):
    page = html(built_mini, "countries/compare.html")
    rows = re.findall(r'<tr data-row="([a-z_0-9]+)">', page)
    assert rows[:2] == ["call", "banners"]
    data = page[page.index('<div data-country="AD"'):]
    assert '<div data-row="call"><section class="trm-call" data-for="AD"' in data
    assert 'data-banner="draft"' in data[:data.index('<div data-row="roles">')]


def test_badges_say_how_old_the_evidence_is(built_mini):
    page = html(built_mini, "countries/ad.html")
    assert '<span class="trm-evidence">source of 2026</span>' in page


def test_numbers_in_a_facts_text_become_links_beside_its_status(project):
    from trmkb.build import build
    country = project / "data/countries/ad.yaml"
    country.write_text(country.read_text(encoding="utf-8").replace(
        "At least 30 days (fixture).", "At least 30 days; call +376 712 345."), encoding="utf-8")
    assert build(project, quiet=True, langs=["en"]) == 0
    page = (project / "site/countries/ad.html").read_text(encoding="utf-8")
    fact = page[page.index('data-fact="reflection_period"'):]
    assert fact.index('At least 30 days; call <a class="trm-tel" href="tel:+376712345" dir="ltr">+376 712 345</a>.') \
        < fact.index('data-status="verified"') < fact.index("</dd>")


# Open Referral HSDS 3 field names, per table, as the specification lists them
# (openreferral/specification, schema/organization.json, service.json, phone.json, language.json).
HSDS = {
    "organizations": {"id", "name", "alternate_name", "description", "email", "website", "year_incorporated",
                      "legal_status", "logo", "uri", "parent_organization_id"},
    "services": {"id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email",
                 "status", "interpretation_services", "application_process", "fees_description", "accreditations",
                 "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "alert"},
    "phones": {"id", "location_id", "service_id", "organization_id", "contact_id", "service_at_location_id",
               "number", "extension", "type", "description"},
    "languages": {"id", "service_id", "location_id", "phone_id", "name", "code", "note"},
}


def table(site, name):
    raw = (site / "data" / "hsds" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_contacts_are_exported_in_hsds_tables_with_the_specifications_field_names(built_mini):
    for name, fields in HSDS.items():
        header = (built_mini / "data" / "hsds" / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()[0]
        assert set(header.split(",")) <= fields, (name, set(header.split(",")) - fields)
        assert "id" in header.split(",")
    orgs = {o["id"]: o for o in table(built_mini, "organizations")}
    assert orgs["AD-1"]["name"] == "Fixture line" and orgs["AD-1"]["alternate_name"] == "Línia de prova"
    assert orgs["AD-2"]["email"] == "referral@example.org" and orgs["AD-2"]["website"] == "https://example.org/referral"
    services = table(built_mini, "services")
    assert {s["organization_id"] for s in services} == set(orgs)
    assert all(s["status"] == "active" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["assured_date"]) for s in services)
    phones = table(built_mini, "phones")
    assert [(p["organization_id"], p["number"]) for p in phones if p["organization_id"].startswith("AD")] == \
        [("AD-1", "+376712345"), ("AD-1", "116006")]
    assert all(p["organization_id"] in orgs for p in phones)
    assert "only from phones in the country" in phones[1]["description"]
    langs = table(built_mini, "languages")
    assert [(l["phone_id"], l["code"], l["name"]) for l in langs] == [("AD-1-p1", "ca", "Catalan"), ("AD-1-p1", "en", "English")]


def test_countries_csv_lists_contacts_with_e164_numbers(built_mini):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (built_mini / "data/countries.csv").read_text(encoding="utf-8-sig"), newline=""))}
    assert "+376712345 (abroad)" in rows["AD"]["contacts"] and "116006 (national)" in rows["AD"]["contacts"]
    assert rows["AL"]["call_note_en"].startswith("The fixture line is a short code")
