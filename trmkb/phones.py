"""Numbers a person dials: checked with libphonenumber (the `phonenumbers` package), shown in the
national and the international form, and chosen for a profile's "Who to call" box. Every number is
stored once, in E.164 (+ and digits), or as a short code that works only inside its country."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers as pn

# In the order the box prefers them when several numbers can be called from abroad.
KIND_ORDER = ["hotline", "referral", "coordinator", "ngo", "iom", "police", "authority", "emergency"]
# six digits or more in a row, spaces, dots, dashes or brackets between them: what a phone number
# needs before the (slow) matcher is asked
_MAYBE_NUMBER = re.compile(r"(?:\d[ \u00a0.()-]{0,2}){6,}")
# what the matcher takes for numbers: year ranges ("2018-2019") and opening hours ("09.00-16.30")
_NOT_NUMBERS = re.compile(r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d|\d{1,2}[.:]\d\d\s*[-–]\s*\d{1,2}[.:]\d\d")
_REASONS = {
    pn.ValidationResult.INVALID_COUNTRY_CODE: "has a calling code no country has",
    pn.ValidationResult.TOO_SHORT: "is too short for a number of its country",
    pn.ValidationResult.TOO_LONG: "is too long for a number of its country",
    pn.ValidationResult.INVALID_LENGTH: "has a length no number of its country has",
    pn.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "is only the local part of a number (the area code is missing)",
}


def is_short(number: str) -> bool:
    return not number.startswith("+")


@lru_cache(maxsize=None)
def parsed(number: str, region: str) -> pn.PhoneNumber:
    return pn.parse(number, region)


def problem(number: str, reach: str | None, region: str) -> tuple[str, str] | None:
    """What is wrong with a stored number of country `region`, as (message, hint), in
    libphonenumber's terms; None when it is right."""
    if is_short(number):
        if reach in ("abroad", "unknown"):
            return (f"'{number}' is a short code, which cannot be dialled from abroad",
                    "set reach: national, and give a number callable from abroad beside it (E.164, starting with +)")
        # (libphonenumber's list of short codes misses real ones, Greece's 1109 and the Philippines'
        # 1343 among them: a short code is checked by its form, in the schema, and by its source)
        return None
    try:
        x = parsed(number, region)
    except pn.NumberParseException as e:
        return f"'{number}' cannot be read as a phone number (libphonenumber: {e})", "write + then the digits"
    why = pn.is_possible_number_with_reason(x)
    if why != pn.ValidationResult.IS_POSSIBLE:
        return (f"'{number}' is not a valid number: it {_REASONS.get(why, 'is not possible')} (libphonenumber)",
                "check the digits against the source; in E.164 the national trunk 0 is dropped (+33 1..., not +33 01...)")
    if not pn.is_valid_number(x):
        return (f"'{number}' is not a valid number: no number range of its country matches it (libphonenumber)",
                "check the digits against the source; in E.164 the national trunk 0 is dropped (+33 1..., not +33 01...)")
    owner = pn.region_code_for_number(x)
    if owner != region and region not in pn.region_codes_for_country_code(x.country_code):
        return (f"'{number}' is a number of {owner}, not of {region}",
                "a profile lists its own country's numbers; check the country code")
    return None


@dataclass(frozen=True)
class Shown:
    """A stored number as pages show it."""
    national: str            # as dialled inside the country
    international: str       # as dialled from abroad ("" for a short code)
    tel: str                 # the tel: link's target, E.164 ("" for a short code: it has no E.164 form)


@lru_cache(maxsize=None)
def shown(number: str, region: str) -> Shown:
    x = parsed(number, region)
    if is_short(number):
        return Shown(number if len(number) <= 4 else f"{number[:3]} {number[3:]}", "", "")
    return Shown(pn.format_number(x, pn.PhoneNumberFormat.NATIONAL),
                 pn.format_number(x, pn.PhoneNumberFormat.INTERNATIONAL), number)


def phones_of(country: dict):
    """(contact, phone) for every stored number of a profile, in the file's order."""
    for c in country.get("contacts") or []:
        for p in c.get("phones") or []:
            yield c, p


def _rank(pair):
    c, _p = pair
    kind = c.get("kind")
    return (c.get("status") != "verified", KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER))


def who_to_call(country: dict) -> dict:
    """The box at the top of a profile: the best number from abroad (verified first, then by kind),
    the in-country hotline, and the referral entry point, each (contact, phone or None)."""
    pairs = list(phones_of(country))
    abroad = sorted((x for x in pairs if x[1]["reach"] == "abroad" and not is_short(x[1]["number"])), key=_rank)
    best = abroad[0] if abroad else None
    hotline = next((x for x in pairs if x[0].get("kind") == "hotline" and x != best), None)
    contacts = country.get("contacts") or []
    entry = next((c for kind in ("referral", "coordinator") for c in contacts if c.get("kind") == kind), None)
    if best and entry is best[0]:
        entry = next((c for kind in ("referral", "coordinator") for c in contacts
                      if c.get("kind") == kind and c is not best[0]), None)
    return {"abroad": best, "hotline": hotline,
            "entry": (entry, next(iter(entry.get("phones") or []), None)) if entry else None}


@lru_cache(maxsize=None)      # a profile's texts reappear on its corridors and the comparison
def numbers_in_text(text: str, region: str) -> tuple:
    """The phone numbers written in a free text, as (start, end, E.164): libphonenumber's matcher,
    less what it takes for numbers that are not (_NOT_NUMBERS)."""
    if not _MAYBE_NUMBER.search(text):     # (most texts hold only years and article numbers)
        return ()
    return tuple((m.start, m.end, pn.format_number(m.number, pn.PhoneNumberFormat.E164))
                 for m in pn.PhoneNumberMatcher(text, region, leniency=pn.Leniency.VALID)
                 if not _NOT_NUMBERS.fullmatch(m.raw_string.strip(" ()")))
