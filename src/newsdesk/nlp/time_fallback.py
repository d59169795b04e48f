"""Fallback time expressions: spaCy DATE/TIME entities no grammar rule covered -> values from dateparser."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsdesk.models import TimeExpression
from newsdesk.nlp.time_rules import SPACY_AGE_BEFORE, SPACY_SKIP_PREFIXES, SPACY_TRIM
from newsdesk.nlp.time_spans import rule_matches, titled_relative

if TYPE_CHECKING:
    from spacy.tokens import Doc


def spacy_fallback(
    text: str, anchor: date, found: list[TimeExpression], doc: Doc | None
) -> list[TimeExpression]:
    """spaCy DATE/TIME entities of ``text`` that overlap nothing in ``found`` and that dateparser can read."""
    if doc is None:
        from newsdesk.nlp.spacy_model import parse

        doc = parse(text)
    taken = bytearray(len(text) + 1)
    for x in found:
        taken[x.start : x.end] = b"\x01" * (x.end - x.start)
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or any(taken[ent.start_char : ent.end_char]):
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        surface = text[s:e]
        if (
            e <= s
            or surface.lower().startswith(SPACY_SKIP_PREFIXES)
            or not re.search(r"[A-Za-z]", surface)
            or titled_relative(surface)
            or _age(text, s, surface)
        ):
            continue
        if any(m.start == 0 and m.end == len(surface) for m in rule_matches(surface)):
            continue  # the grammar knows this phrase and turned it down in its context
        value = dateparser_value(surface, anchor)
        if value is not None:
            out.append(TimeExpression(surface, s, e, ent.label_, value))
    return out


def _age(text: str, s: int, surface: str) -> bool:
    """ "her 40s": a decade of someone's life."""
    before = text[max(0, s - 8) : s].lower()
    return bool(re.fullmatch(r"\d0'?s", surface) and re.search(SPACY_AGE_BEFORE, before))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    low = text[s:e].lower()
    for w in SPACY_TRIM:
        if low.startswith(w + " "):
            s += len(w) + 1
            low = low[len(w) + 1 :]
    return s, e


def dateparser_value(surface: str, anchor: date) -> str | None:
    """Absolute dates the grammar missed, read by dateparser at the granularity it reports.

    Kept between runs (``newsdesk.cache``): dateparser's first use in a process loads its
    language data, which costs more than a digest of a few articles otherwise spends on dates."""
    from newsdesk.cache import remembered

    read = remembered(
        lambda: _read(surface, anchor) or "", "dateparser", _parser_id(), anchor.isoformat(), surface
    )
    return read or None


@lru_cache(maxsize=1)
def _parser_id() -> str:
    """dateparser's version and how ``_date_parser`` sets it up (cache keys)."""
    from importlib.metadata import version

    return f"dateparser {version('dateparser')} {_LANGUAGES} {sorted(_SETTINGS.items())}"


_LANGUAGES = ["en"]
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}


def _read(surface: str, anchor: date) -> str | None:
    parser = _date_parser(anchor.isoformat())
    try:
        data = parser.get_date_data(surface)
    except (ValueError, OverflowError, TypeError):
        return None
    when = data.date_obj if data else None
    if not isinstance(when, dt.datetime):
        return None
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        return f"{when.isocalendar()[0]:04d}-W{when.isocalendar()[1]:02d}"
    if period in ("time", "hour", "minute", "second"):
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


@lru_cache(maxsize=64)
def _date_parser(anchor_iso: str) -> Any:
    from dateparser.date import DateDataParser

    base = dt.datetime.fromisoformat(anchor_iso)
    return DateDataParser(languages=_LANGUAGES, settings={"RELATIVE_BASE": base, **_SETTINGS})
