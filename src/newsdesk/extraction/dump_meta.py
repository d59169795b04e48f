"""Classified dump lines -> title, published date and wire credit (marking the lines they use)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.extraction import chrome_rules as R
from newsdesk.extraction.common import CREDIT_LINE, canonical_wire, parse_published
from newsdesk.extraction.lines import Line, content_words, normalize, sentence_like
from newsdesk.tuning.reading import DumpTuning

_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_TITLE_PARTS = re.compile(r"\s+[|–—\-·»:]\s+|\s*\|\s*")
_URL = re.compile(r"https?://|^www\.\S+$", re.I)
SITE_PARTS = re.compile(r"\s+[|–—\-·»]\s+|\s*\|\s*")
_UPDATED = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|aktualisiert|mis à jour|actualizado|aggiornato)\b", re.I)
_POSSESSIVE = re.compile(r"['’]s\b", re.I)


def _title_like(ln: Line, t: DumpTuning, teaser_end: bool = False) -> bool:
    """Short enough, not announced as chrome, and made of words rather than figures or a date
    (``teaser_end``: a line ending "... more" may still be the headline)."""
    if ln.kind not in (None, "navigation", "boilerplate", "duplicate", "heading", "teaser"):
        return False
    if ln.cue and not (teaser_end and ln.cue == "teaser_end") or (ln.kind == "teaser" and not teaser_end):
        return False
    if not 2 <= ln.words <= t.title_max_words or ln.text.endswith((",", ";", "›", "»", ">", "|", "/")):
        return False
    long_sentence = ln.words > t.title_sentence_words and _ends_sentence(ln.text)
    if _URL.search(ln.text) or ln.text.startswith(("›", "»", ">", "|")) or long_sentence:
        return False  # an address, or a long sentence (a standfirst or the lead), not a headline
    return len(_LETTER_WORD.findall(ln.text)) >= 2 or ln.words >= 4  # "1 / 9", "5:50 PM", "84.1K" are not


def page_title_parts(first: str, t: DumpTuning) -> list[set[str]]:
    """The headline spellings a page title line allows: the stems of every run of its " - "/" | " parts."""
    parts = [_stems(p, t) for p in _TITLE_PARTS.split(first)]
    runs = [set().union(*parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]
    return [r for r in runs if r]


def headline_runs(first: str, t: DumpTuning) -> set[str]:
    """The title line's runs of " - "/" | " parts that hold its longest part, as ``normalize`` keys: what a
    repeat of the headline prints (a run without the longest part is a site or section name; a title line
    of one short part may be the site's name alone, and gives none)."""
    parts = [normalize(p) for p in _TITLE_PARTS.split(first)]
    if len(parts) == 1 and len(parts[0].split()) < t.title_full_words:
        return set()
    longest = max(range(len(parts)), key=lambda i: len(parts[i].split()))
    return {" ".join(parts[i:j]) for i in range(longest + 1) for j in range(longest + 1, len(parts) + 1)}


def _echo(ln: Line, runs: list[set[str]], t: DumpTuning) -> float:
    """How closely a line repeats the page's title line (best Jaccard of stems over its part runs)."""
    words = _stems(ln.text, t)
    best = max((len(words & r) / len(words | r) for r in runs), default=0.0) if words else 0.0
    return best if best >= t.title_echo_least else 0.0


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"”’'»)").endswith((".", ":")) and not text.endswith("...")


def _stems(text: str, t: DumpTuning) -> set[str]:
    """Content words cut to their first letters, possessives dropped: "Delhi’s" and "Delhi" agree."""
    return {w[: t.stem] for w in content_words(_POSSESSIVE.sub("", text))}


def _lead_stems(lines: Sequence[Line], start: int, end: int, t: DumpTuning) -> set[str]:
    lead = [ln for ln in lines[start : end + 1] if ln.kind is None and sentence_like(ln, t)][:t.title_lead_lines]
    return set().union(*(_stems(ln.text, t) for ln in lead)) if lead else set()


def _echo_score(ln: Line, lead: set[str], t: DumpTuning) -> float:
    """How well a line reads as the lead's headline: share of its words the lead uses, less when short."""
    words = _stems(ln.text, t)
    if not words:
        return 0.0
    return len(words & lead) / len(words) * min(1.0, len(words) / t.title_full_words)


def find_title(lines: Sequence[Line], start: int, end: int, t: DumpTuning) -> tuple[str, int] | None:
    """The headline and its line: a title-like line above the body that repeats the page's title line or the
    lead's words."""
    lead = _lead_stems(lines, start, end, t)
    runs = page_title_parts(lines[0].text, t) if lines else []
    exact = headline_runs(lines[0].text, t) if lines else set()
    first_body = next((ln.index for ln in lines[start : end + 1] if sentence_like(ln, t)), start)
    best: Line | None = None
    best_score = best_echo = 0.0
    for ln in lines[max(0, start - t.title_echo_lookback) : first_body]:
        echo = _echo(ln, runs, t) if ln.index > 0 and _title_like(ln, t, teaser_end=True) else 0.0
        if not echo and not _title_like(ln, t):
            continue  # a line ending like a teaser ("..., and more") is the headline only if it repeats the title line
        share = _echo_score(ln, lead, t)
        if (share < t.title_min_overlap or first_body - ln.index > t.title_lookback) and not echo:
            continue
        score = share + t.title_echo * echo - t.title_distance * (first_body - ln.index)
        score -= t.title_period * _ends_sentence(ln.text)
        score += t.title_exact * (echo > 0 and normalize(ln.text) in exact)
        if score > best_score:
            best, best_score, best_echo = ln, score, echo
    if best is None or best.index == 0 or normalize(best.text) not in exact:
        best = _headline_below(lines, first_body, exact, t) or best
    if best is None:
        return None
    if not best_echo:  # a line repeating the page's title line is the headline; else look above a standfirst
        best = _headline_above(lines, best, lead, t)
    _mark_copies(lines, best)
    whole = best.index == 0 or normalize(best.text) == normalize(lines[0].text)
    if not whole:
        return best.text, best.index
    alone = {normalize(ln.text) for ln in lines[1:first_body]}
    return _strip_site(best.text, lead, alone, t), best.index



def _headline_below(lines: Sequence[Line], first_body: int, exact: set[str], t: DumpTuning) -> Line | None:
    """A word-for-word repeat of the title line's headline that heads body text below where the body run
    starts (the run began at a widget or an earlier story): the article is there."""
    for ln in lines[max(1, first_body) :]:
        if normalize(ln.text) in exact and ln.words >= t.title_below_words and _title_like(ln, t):
            if any(sentence_like(nxt, t) for nxt in lines[ln.index + 1 : ln.index + 1 + t.title_below_gap]):
                return ln
    return None


def _headline_above(lines: Sequence[Line], best: Line, lead: set[str], t: DumpTuning) -> Line:
    """Of a headline and the standfirst printed under it, the shorter line above is the headline."""
    key = normalize(best.text)
    first = next(ln for ln in lines if normalize(ln.text) == key)  # a standfirst may be printed twice
    prev = lines[first.index - 1] if first.index > 0 else None
    if prev is None or not _title_like(prev, t) or prev.words >= best.words or _ends_sentence(prev.text):
        return best
    full = len(_stems(prev.text, t)) >= t.title_full_words
    return prev if full and _echo_score(prev, lead, t) >= t.title_min_overlap else best


def _strip_site(text: str, lead: set[str], alone: set[str], t: DumpTuning) -> str:
    """A page title line without the site's name: end parts after " | ", " - " that the lead never uses, or
    that the page prints as a line of their own (a masthead), short of the longest part."""
    parts = SITE_PARTS.split(text)
    longest = max(parts, key=lambda p: len(p.split()))

    def site(part: str) -> bool:
        return not _stems(part, t) & lead or (part != longest and normalize(part) in alone)

    while len(parts) > 1 and site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and site(parts[0]):
        parts.pop(0)
    return text[text.index(parts[0]) : text.rindex(parts[-1]) + len(parts[-1])]


def _mark_copies(lines: Sequence[Line], title: Line) -> None:
    key = normalize(title.text)
    for ln in lines:
        if normalize(ln.text) == key or (ln.index < title.index and key and normalize(ln.text).startswith(key)):
            ln.kind = "title"


def find_published(
    lines: Sequence[Line], start: int, end: int, title: int | None, t: DumpTuning
) -> tuple[str, str] | None:
    """The article's date: on a short line under the headline (any copy of it above the body), else a
    date line near the top of the body, not a page header beside the weather."""
    if title is not None and _relative_under(lines, title, t):
        return None  # the page dates this article relative to the reader's day: a calendar date nearby is a teaser's
    copies = [ln.index for ln in lines[: start + 1] if title is not None and ln.text == lines[title].text]
    copies += [title] if title is not None and title > start else []  # a headline found below the run's start
    for at in sorted(copies, key=lambda i: i != title):
        found = _date_under(lines, at, start, t)
        if found:
            return found
    header_blocks = {ln.block for ln in lines if R.WEATHER.match(ln.text)}
    best: tuple[int, tuple[str, str]] | None = None
    for ln in lines[max(0, start - t.date_lookback) : min(end + 1, start + 6)]:
        if ln.cue not in ("date", "byline", "navigation", None) or ln.block in header_blocks or ln.words > 25:
            continue  # ("navigation": "March 4, 2025 | 9:32am | Updated ..." splits like a menu)
        if ln.cue != "date" and (sentence_like(ln, t) or ln.words > 12) and not _labelled(ln.text):
            continue  # a long line is prose, unless a "Published"/"Updated" or byline label opens it
        found = parse_published(ln.text)
        if found is None:
            continue
        distance = abs(ln.index - start) - (5 if R.DATE_LABEL.match(ln.text) else 0)
        if best is None or distance < best[0]:
            best = (distance, found)
        if ln.kind is None:
            ln.kind = "date"
    return best[1] if best else None


def _date_under(lines: Sequence[Line], title: int, start: int, t: DumpTuning) -> tuple[str, str] | None:
    """The first dated short line in the few lines under a headline (a "Published" one before "Updated"),
    else just above it."""
    near = [*lines[title + 1 : title + 1 + t.date_after_title], *lines[max(0, title - t.date_above_title) : title][::-1]]
    near = [ln for ln in near if ln.words <= t.date_line_words and (not sentence_like(ln, t) or _labelled(ln.text))]
    dated = [(ln, found) for ln in near if (found := parse_published(ln.text))]
    if not dated:
        return None
    ln, found = next(((ln, f) for ln, f in dated if not _UPDATED.match(ln.text)), dated[0])
    if ln.kind is None:
        ln.kind = "date"
    return found


def _relative_under(lines: Sequence[Line], title: int, t: DumpTuning) -> bool:
    """A short line under the headline gives a relative date ("Monday 5:30PM", "3 hours ago") and no calendar day."""
    under = [ln for ln in lines[title + 1 : title + 1 + t.date_after_title] if ln.words <= t.date_line_words]
    if any(parse_published(ln.text) for ln in under):
        return False
    return any(R.RELATIVE_TIME.match(ln.text) or R.WEEKDAY_TIME.match(ln.text) for ln in under)


def _labelled(text: str) -> bool:
    """A byline or "Published ..." line: its date is the article's even in a sentence-like line."""
    return bool(R.BYLINE.match(text) or R.DATE_LABEL.match(text))


def find_credit(lines: Sequence[Line]) -> str | None:
    """A wire named by a credit line of its own ("© AFP", "Source: Reuters")."""
    for ln in lines:
        m = CREDIT_LINE.match(ln.text) if ln.words <= 6 else None
        if m:
            ln.kind = "wire"
            return canonical_wire(m.group("wire") or m.group("dash"))
    return None
