"""Metadata helpers shared by the text and HTML extractors: paragraphs/strings -> dateline, wire, date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from newsdesk.extraction.chrome_rules import DATE_LABEL, DATE_LANGUAGES, NOT_PLACES, PLACE_STOP_LANGUAGES, WIRES
from newsdesk.vocab import MONTHS

_WIRE_NAMES = "|".join(sorted((re.escape(k) for k in WIRES), key=len, reverse=True))
_DASH = r"[-–—‒]{1,2}"

# "LISBON:", "OSLO, March 4 (NTB) --", "WASHINGTON (Reuters) -", "PARIS, France —"
_ACRONYM = r"[A-Z][A-Za-z.&]{1,9}"
# capitals of the Latin alphabets, so that a place with accents or rings in capitals opens a dateline
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_PLACE_WORD = "[" + _UPPER + "][" + _UPPER + r"'’.\-]+"
DATELINE = re.compile(
    r"^(?P<place>" + _PLACE_WORD + "(?: " + _PLACE_WORD + "){0,3})"
    r"(?:,\s*(?P<extra>[" + _UPPER + r"][\w.]*(?:\s[\w.]+){0,2}?)){0,2}"
    r"\s*(?:\((?P<wire>" + _WIRE_NAMES + "|" + _ACRONYM + r")\))?"
    r"\s*(?::|" + _DASH + r")\s+(?=\S)"
)
DATELINE_PARAGRAPHS = 3  # a dateline opens one of the body's first paragraphs
# "Kiel. Bei Sturm ...", "Frankfurt/Main. Die ...": a place and a full stop (PLACE_STOP_LANGUAGES)
PLACE_STOP = re.compile(r"^(?P<place>[^\W\d_][\w'’\-]*(?:/[^\W\d_][\w'’\-]*)?)\.\s+(?=[^\W\d_])")
# "... by Friday. – AFP", "... (AFP)", "... — Reuters"
TRAILING_CREDIT = re.compile(
    r"\s*(?:" + _DASH + r"\s*|\(\s*)(?P<wire>" + _WIRE_NAMES + r")(?:\s*/\s*[\w.]+)?\s*\)?\s*\.?\s*$"
)
CREDIT_LINE = re.compile(
    r"^[-–—]\s*(?P<dash>[A-Z]{2,6})$|^(?:(?:source|via|credit|copyright|©)\s*:?\s*)*(?:©\s*)?(?:\d{4}\s*)?(?P<wire>"
    + _WIRE_NAMES
    + r")(?:\s*\d{4})?\.?$",
    re.I,
)

_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = r"(?:\s*(?:,|at|um|à|às|a las|alle|\||-|–|/)?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?"
_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ]?" + _TIME[3:], re.I),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME, re.I),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>\d{4})" + _TIME, re.I),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})" + _TIME, re.I),
    re.compile(r"(?<![\d.])(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})\b" + _TIME, re.I),
    # Day first (21/06/2014), month first when the day cannot be a month (11/18/2019, swapped below);
    # with a two-digit year the American order (11/13/19).
    re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b" + _TIME, re.I),
    re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<yy>\d{2})\b(?!/)" + _TIME, re.I),
)
_MONTH_YEAR = re.compile(r"^\W*" + _MON + r"\s+(?P<y>\d{4})\W*$", re.I)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_HAS_DAY = re.compile(r"(?<![\d.,:])\b(?:0?[1-9]|[12]\d|3[01])\b(?![:.,]?\d)")


def find_dateline(paragraphs: Sequence[str], language: str | None = None) -> str | None:
    """The place of a dateline opening one of the first paragraphs ("LISBON: ..." -> "LISBON"; in a
    language of ``PLACE_STOP_LANGUAGES`` also "Kiel. Bei ..." -> "KIEL", for the first paragraph only)."""
    for para in list(paragraphs)[:DATELINE_PARAGRAPHS]:
        m = dateline_at(para.strip())
        if m:
            return m.group("place").rstrip(".")
    if language in PLACE_STOP_LANGUAGES and paragraphs:
        m = PLACE_STOP.match(paragraphs[0].strip())
        if m and m.group("place")[0].isupper() and _plausible_place(m.group("place")):
            return m.group("place").upper()
    return None


def dateline_at(paragraph: str) -> re.Match[str] | None:
    """The dateline opening ``paragraph`` ("OSLO, March 4 (NTB) - ..."), when its place can be one."""
    m = DATELINE.match(paragraph)
    return m if m and _plausible_place(m.group("place")) else None


def _plausible_place(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 3 and len(place) <= 40 and place.rstrip(".").lower() not in NOT_PLACES


def split_credit(line: str) -> tuple[str, str | None]:
    """Strip a trailing wire credit from a body line: "... – AFP" -> ("...", "AFP")."""
    m = TRAILING_CREDIT.search(line)
    if not m or m.start() == 0:
        return line, None
    return line[: m.start()].rstrip(), canonical_wire(m.group("wire"))


def canonical_wire(name: str) -> str | None:
    """The house name of a wire service ("Agence France-Presse" -> "AFP")."""
    for key, canon in WIRES.items():
        if key.lower() == name.strip().lower():
            return canon
    return name.strip() if re.fullmatch(r"[A-Z]{2,6}", name.strip()) else None


def find_wire(lines: Sequence[str]) -> str | None:
    """The wire service credited by a dateline "(Reuters) -", a trailing "– AFP" or a credit line."""
    items = [s.strip() for s in lines if s and s.strip()]
    for line in items[:3]:
        m = DATELINE.match(line)
        if m and m.group("wire"):
            return canonical_wire(m.group("wire"))
    for line in items:
        m = CREDIT_LINE.match(line)
        if m:
            return canonical_wire(m.group("wire") or m.group("dash"))
    for line in items[-3:]:
        wire = split_credit(line)[1]
        if wire:
            return wire
    return None


def parse_published(text: str, *, fallback: bool = True) -> tuple[str, str] | None:
    """A date string -> (ISO 8601, precision): "2025-03-12 07:15 PM" -> ("2025-03-12T19:15", "minute").

    ``fallback=False`` skips dateparser (other languages' month names), which is slow.
    """
    for form in _DATE_FORMS:
        m = form.search(text)
        if m:
            found = _from_match(m)
            if found:
                return found
    m = _MONTH_YEAR.match(text)
    if m:
        return f"{int(m.group('y')):04d}-{MONTHS[m.group('mon')[:3].lower()]:02d}", "month"
    return _fallback(DATE_LABEL.sub("", text).strip()) if fallback else None


def _from_match(m: re.Match[str]) -> tuple[str, str] | None:
    parts = m.groupdict()
    month = int(parts["m"]) if parts.get("m") else MONTHS[parts["mon"][:3].lower()]
    year = int(parts["y"]) if parts.get("y") else 2000 + int(parts["yy"])
    day = int(parts["d"])
    if month > 12 and day <= 12 and parts.get("m"):
        month, day = day, month  # 11.14.2019: the month came first
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if parts.get("h") is None:
        return date, "day"
    hour, minute = int(parts["h"]), int(parts["mi"])
    ampm = (parts.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return date, "day"
    return f"{date}T{hour:02d}:{minute:02d}", "minute"


@lru_cache(maxsize=4096)
def _fallback(text: str) -> tuple[str, str] | None:
    """Other languages and spellings: dateparser, only for strings that carry a year."""
    if not _HAS_YEAR.search(text) or not _HAS_DAY.search(text) or len(text) > 80:
        return None
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True}
    try:
        found = dateparser.parse(text, languages=list(DATE_LANGUAGES), settings=settings)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - dateparser raises many types on odd input: treat as "no date"
        return None
    if found is None:
        return None
    if found.hour or found.minute:
        return found.strftime("%Y-%m-%dT%H:%M"), "minute"
    return found.strftime("%Y-%m-%d"), "day"
