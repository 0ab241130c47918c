"""The rules for numbers a person dials (trmkb/phones.py) and for the age of the evidence behind a fact."""
import datetime as dt

import pytest

from trmkb import phones
from trmkb.model import evidence


@pytest.mark.parametrize("number, reach, region, fragment", [
    ("+37671234", "abroad", "AD", "is too short"),
    ("+3767123456789", "abroad", "AD", "is too long"),
    ("+376212345", "abroad", "AD", "no number range"),
    ("+33123456789", "abroad", "AD", "is a number of FR, not of AD"),
    ("116006", "abroad", "AL", "is a short code"),
    ("116006", "unknown", "AL", "is a short code"),
])
def test_a_wrong_number_is_refused_with_libphonenumbers_reason(number, reach, region, fragment):
    message, hint = phones.problem(number, reach, region)
    assert fragment in message and hint


@pytest.mark.parametrize("number, reach, region", [
    ("+376712345", "abroad", "AD"), ("+39800290290", "unknown", "IT"), ("116006", "national", "AL"),
    ("+38344123456", "abroad", "XK"),     # Kosovo's own calling code
])
def test_a_right_number_passes(number, reach, region):
    assert phones.problem(number, reach, region) is None


def test_numbers_are_shown_in_the_national_and_the_international_form():
    s = phones.shown("+39800290290", "IT")
    assert (s.national, s.international, s.tel) == ("800 290 290", "+39 800 290 290", "+39800290290")
    s = phones.shown("+33123456789", "FR")
    assert (s.national, s.international, s.tel) == ("01 23 45 67 89", "+33 1 23 45 67 89", "+33123456789")
    short = phones.shown("116006", "AL")
    assert (short.national, short.tel) == ("116 006", "")      # a short code has no E.164 form: no link


def contact(kind, *numbers, status="verified"):
    return {"kind": kind, "status": status, "phones": [{"number": n, "reach": r} for n, r in numbers]}


def test_the_box_prefers_a_verified_number_callable_from_abroad():
    hotline = contact("hotline", ("116006", "national"))
    iom = contact("iom", ("+35542000001", "abroad"))
    ngo_unverified = contact("ngo", ("+35542000002", "abroad"), status="needs_verification")
    coordinator = contact("coordinator", ("+35542000003", "abroad"))
    w = phones.who_to_call({"contacts": [ngo_unverified, hotline, iom, coordinator]})
    assert w["abroad"] == (coordinator, coordinator["phones"][0])    # verified first, then by kind
    assert w["hotline"] == (hotline, hotline["phones"][0])
    assert w["entry"] is None           # the coordinator already opens the box: not twice


def test_the_box_never_offers_a_short_code_as_the_number_from_abroad():
    hotline = contact("hotline", ("116006", "national"))
    w = phones.who_to_call({"contacts": [hotline]})
    assert w["abroad"] is None and w["hotline"] == (hotline, hotline["phones"][0])


def test_the_referral_entry_point_is_shown_even_without_a_phone():
    referral = {"kind": "referral", "status": "verified", "email": "x@example.org"}
    w = phones.who_to_call({"contacts": [contact("iom", ("+35542000001", "abroad")), referral]})
    assert w["entry"] == (referral, None)


def test_numbers_in_text_are_found_but_not_years_or_hours():
    text = "In 2018-2019 the line (09.00-16.30) was 800 290 290."
    assert [n for _s, _e, n in phones.numbers_in_text(text, "IT")] == ["+39800290290"]


def test_the_age_of_the_evidence_is_the_newest_source():
    country = {"sources": [{"id": "S1", "date": "2018"}, {"id": "S2", "date": "2024-05-01"}, {"id": "S3"}]}
    today = dt.date(2026, 12, 8)
    assert evidence({"sources": ["S1"]}, country, today) == ("2018", True)
    assert evidence({"sources": ["S1", "S2"]}, country, today) == ("2024", False)
    assert evidence({"sources": ["S3"]}, country, today) == (None, False)
    # a year counts to its last day: 2023 is not over three years old on 2026-12-08
    assert evidence({"sources": ["S1"]}, {"sources": [{"id": "S1", "date": "2023"}]}, today) == ("2023", False)
    assert evidence({"sources": ["S1"]}, {"sources": [{"id": "S1", "date": "2023-11"}]}, today) == ("2023", True)
