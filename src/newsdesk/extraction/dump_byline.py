"""Classified dump lines and the headline's place -> the article's authors (marking the byline it uses)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.extraction import chrome_rules as R
from newsdesk.extraction.lines import Line, sentence_like
from newsdesk.tuning.reading import DumpTuning
from newsdesk.vocab import CALENDAR_WORDS, MONTHS, WEEKDAYS

_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|[A-Z]\.)$")
_JOINERS = frozenset("and & und et y e".split())
_INNER_BY = re.compile(r"(?:^|\s|\|)(?:by|von|par|por)\s*:?\s+(?=[A-ZÀ-ÖØ-Þ])", re.I)
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"  # longest first: "march" before "mar"
_WEEKDAY_ABBREVIATIONS = frozenset(d[:3] for d in WEEKDAYS) | {"tues", "thur", "thurs"}
_LEADING_DATE = re.compile(
    rf"^\W*(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d\d-\d\d)"
    r"[\s|,·–—-]*",
    re.I,
)
_SINGLE = re.compile(rf"^([A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)\s+(?:{_MONTH}\.?\s+\d|\d)", re.I)
_DATE_START = re.compile(rf"\s(?:{_MONTH}\.?\s+\d|\d)", re.I)  # where a date begins after the names
_LOWER = re.compile(r"(?<![\w'’])[a-zà-ÿ][a-zà-ÿ'’]*")
_CUT = re.compile(r"\s+[|•·–—-]\s+|\s{2,}")


def person_names(
    text: str, t: DumpTuning, common: frozenset[str] = frozenset(), strict: bool = False
) -> tuple[str, ...]:
    """Names at the start of a byline remainder ("Jane Doe and John Roe, Staff Writer" -> both).

    ``common`` holds the words the page writes in lower case: a name's third or later word found
    there ("Jane Doe Senior") ends the name, and with ``strict`` (a line of names without "By")
    any such word rejects it."""
    text = _CUT.split(text.strip(), maxsplit=1)[0]
    text = _DATE_START.split(text, maxsplit=1)[0].strip(" :,.")
    shouting = " ".join(t for t in text.split() if t.lower() not in _JOINERS).isupper()
    out: list[str] = []
    current: list[str] = []

    def close() -> None:
        words = _undouble(current)
        if t.name_min_words <= len(words) <= t.name_max_words and words[-1].lower() not in R.NAME_PARTICLES:
            name = " ".join(words)
            if name not in out:
                out.append(name)
        current.clear()

    for raw in text.split():
        token = raw.strip(",;")
        if token.lower() in _JOINERS:
            close()
            continue
        known = token.lower() in common
        if token.lower() in R.ORG_WORDS:
            del current[-1:]  # "Jane Doe Associated Press", "European Space Agency": the organisation goes
            break
        if not _name_token(token, shouting) or (known and (strict or len(current) >= 2)):
            break
        if len(current) >= 2 and _calendar(token):
            break  # "Jane Doe November 19": the date after the name
        current.append(token)
        if raw.endswith((",", ";")):
            close()
    close()
    return tuple(out)


def _calendar(token: str) -> bool:
    word = token.lower().rstrip(".,")
    return word in CALENDAR_WORDS or word in _WEEKDAY_ABBREVIATIONS


def _name_token(token: str, shouting: bool) -> bool:
    if token.lower() in R.NOT_NAMES or token in R.WIRES or token.endswith(("'", "’")) or token.startswith("@"):
        return False
    if any(ch.isdigit() for ch in token):
        return False
    if token.lower() in R.NAME_PARTICLES:
        return True
    if token.isupper() and len(token) > 2 and not shouting:
        return False  # "USA TODAY" after a name in mixed case: an outlet
    return bool(_NAME_TOKEN.match(token))


def _undouble(words: list[str]) -> list[str]:
    """ "Sean Martin Sean Martin" (a byline printed with its link text) -> "Sean Martin"."""
    half = len(words) // 2
    return words[:half] if half and len(words) % 2 == 0 and words[:half] == words[half:] else list(words)


def byline_names(ln: Line, t: DumpTuning, common: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Names of a byline: after an opening "By"/"Written by", or after a " by " following a date or bar."""
    if ln.words > t.byline_max_words:
        return ()
    m = R.BYLINE.match(ln.text)
    if m:
        return person_names(m.group("names"), t, common) or _single_name(m.group("names"), common)
    inner = list(_INNER_BY.finditer(ln.text))
    if not inner:
        return ()
    before = ln.text[: inner[-1].start()]
    if len(before.split()) > t.inner_by_words and not re.search(r"\d|[|/•·]", before):
        return ()  # "... the installation by Jane Doe": a caption's credit, not a byline
    return person_names(ln.text[inner[-1].end() :], t, common)


def _single_name(text: str, common: frozenset[str]) -> tuple[str, ...]:
    """A one-word name after "By" when a date follows it ("by Jane November 2, 2020")."""
    m = _SINGLE.match(text)
    ok = m and m.group(1).lower() not in common and _name_token(m.group(1), False)
    return (m.group(1),) if m and ok else ()


def _bare_names(ln: Line, common: frozenset[str], t: DumpTuning) -> tuple[str, ...]:
    """A line that is only names (with a handle, role or outlet after them): "Jane Doe @jdoe"."""
    text = _LEADING_DATE.sub("", ln.text)
    head = _DATE_START.split(_CUT.split(text, maxsplit=1)[0], maxsplit=1)[0]
    if len(head.split()) > t.bare_max_words or sentence_like(ln, t) or ln.cue not in (None, "byline", "date"):
        return ()
    return person_names(text, t, common, strict=True)


def _vouched(lines: Sequence[Line], ln: Line, got: tuple[str, ...], title: str) -> bool:
    """Bare names are a byline when the line says more (a handle, a role, a second name) or the page
    names the person again (an author box), and never when the headline names them (its subject)."""
    if any(name.lower() in title.lower() for name in got):
        return False
    if len(got) > 1 or ln.text.strip() != got[0] or _named_again(lines, ln, got[0]):
        return True
    near = lines[max(0, ln.index - 1) : ln.index + 2]
    return any(other.cue == "date" or other.text.startswith("@") for other in near)  # name, then date or handle


def _named_again(lines: Sequence[Line], ln: Line, name: str) -> bool:
    """The page names the person on another line that is not article text (an author box, a bio)."""
    return any(name in other.text for other in lines if other.index != ln.index and other.kind is not None)


def _lower_words(lines: Sequence[Line], start: int, end: int) -> frozenset[str]:
    """Words the article writes in lower case: ordinary words, not names."""
    return frozenset(w for ln in lines[start : end + 1] for w in _LOWER.findall(ln.text))


def find_authors(lines: Sequence[Line], start: int, end: int, title: int | None, t: DumpTuning) -> tuple[str, ...]:
    """The byline under the headline (any copy of it), else "By" lines near the body run, else an author box."""
    common = _lower_words(lines, start, end)
    copies = [ln.index for ln in lines[: start + 1] if title is not None and ln.text == lines[title].text]
    for at in sorted(copies, key=lambda i: i != title):  # the headline chosen first, then its other copies
        got = _under_headline(lines, at, start, common, t)
        if got:
            return got
    found: list[str] = []
    for ln in lines[max(0, start - t.author_look) : end + t.author_look]:
        if R.BYLINE.match(ln.text) and ln.words <= 12 and (ln.kind is not None or ln.index <= start + 2):
            got = byline_names(ln, t, common)
            if got or ln.kind == "byline":
                ln.kind = "byline"
                found.extend(n for n in got if n not in found)
    return tuple(found) or _bare_name_after(lines, end, common, t)


def _under_headline(
    lines: Sequence[Line], title: int, start: int, common: frozenset[str], t: DumpTuning
) -> tuple[str, ...]:
    """A "By" line in the few lines under the headline, else a line of bare names right under it."""
    under = lines[title + 1 : min(len(lines), title + 1 + t.byline_after_title)]
    under = under[: next((i for i, ln in enumerate(under) if ln.index > start and sentence_like(ln, t)), None)]
    for ln in under:
        got = byline_names(ln, t, common)
        if got:
            ln.kind = "byline" if ln.kind in (None, "navigation") else ln.kind
            return got
    for ln in under[:t.bare_after_title]:
        got = _bare_names(ln, common, t)
        if got and _vouched(lines, ln, got, lines[title].text):
            ln.kind = "byline" if ln.kind in (None, "navigation") else ln.kind
            return got
    return ()


def _bare_name_after(lines: Sequence[Line], end: int, common: frozenset[str], t: DumpTuning) -> tuple[str, ...]:
    """An author box: a lone name line just after the article, before the next chrome."""
    for ln in lines[end + 1 : end + 4]:
        if ln.kind == "teaser" and R.TEASER_OPEN.match(ln.text):
            continue
        got = person_names(ln.text, t, common, strict=True) if ln.words <= 4 and ln.cue is None else ()
        if got and " ".join(got) == ln.text:
            ln.kind = "author_box"
            return got
        return ()
    return ()
