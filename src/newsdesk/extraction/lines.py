"""Lines of a text dump -> per-line chrome cues, body scores and the article's core run."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsdesk.extraction import chrome_rules as R
from newsdesk.extraction.common import parse_published
from newsdesk.tuning.reading import DumpTuning
from newsdesk.vocab import WORD

_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_WORD = 2  # scripts without spaces: count characters as words at this rate


def count_words(text: str) -> int:
    """Words of a line; in scripts without spaces (CJK), characters at CJK_CHARS_PER_WORD a word."""
    cjk = len(_CJK.findall(text))
    return len(WORD.findall(text)) if cjk < 4 else max(len(WORD.findall(text)), cjk // CJK_CHARS_PER_WORD)


@dataclass
class Line:
    """One non-empty line of a dump; ``kind`` is None while it counts as body."""

    index: int
    text: str
    block: int
    words: int
    cue: str | None = None
    kind: str | None = None


def normalize(text: str) -> str:
    """A line's key for repeat detection: lower case words only."""
    return " ".join(WORD.findall(text.lower()))


def content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more (a cheap, language-neutral stand-in for content words)."""
    words = {w for w in WORD.findall(text.lower()) if len(w) > 3 and not w.isdigit()}
    cjk = "".join(_CJK.findall(text))
    return words | {cjk[i : i + 2] for i in range(len(cjk) - 1)}


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their block number (blocks are separated by blank lines)."""
    out: list[Line] = []
    block = 0
    for raw in text.splitlines():
        clean = _SPACE.sub(" ", raw).strip()
        if not clean:
            block += 1
            continue
        out.append(Line(len(out), clean, block, count_words(clean)))
    return out


def chrome_cue(text: str, words: int) -> str | None:
    """The kind of chrome a line's own wording announces, or None."""
    if R.NAV_HEADER.match(text) and words <= 6:
        return "navigation"
    if R.TAGS.match(text):
        return "tags"
    if R.RELATIVE_TIME.match(text):
        return "relative_time"
    if words <= 8 and R.SHARE.match(text):
        return "share"
    if R.TEASER_OPEN.match(text):
        return "teaser"
    if words <= 40 and R.BOILERPLATE.search(text):
        return "boilerplate"
    if words <= 40 and R.CAPTION.search(text):
        return "caption"
    if words >= 3 and R.TEASER_END.search(text) and not text.rstrip().endswith("..."):
        return "teaser_end"
    if _is_menu(text):
        return "navigation"
    if words <= 12 and (R.DATE_LABEL.match(text) or _is_date(text)):
        return "date"
    if words <= 8 and R.BYLINE.match(text) and not R.SENTENCE_END.search(text):
        return "byline"
    if R.WEATHER.match(text):
        return "boilerplate"
    return None


def _is_menu(text: str) -> bool:
    parts = R.MENU_SEPARATORS.split(text)
    return len(parts) >= 3 and max(len(p.split()) for p in parts) <= 4


def _is_date(text: str) -> bool:
    stripped = re.sub(r"[\W_]+", " ", text).strip()
    if not stripped or len(stripped) > 60 or _has_prose(text):
        return False
    return parse_published(text, fallback=False) is not None


def _has_prose(text: str) -> bool:
    return len(text.split()) > 10


def sentence_like(line: Line, t: DumpTuning) -> bool:
    """A line long enough (``t.long_words``) and ending like a sentence, or very long: body evidence."""
    return line.words >= t.long_words and (bool(R.SENTENCE_END.search(line.text)) or line.words >= 25)


def line_score(line: Line, repeated: bool, t: DumpTuning) -> float:
    """Positive for body evidence (long sentence-like lines), negative for chrome."""
    if line.cue == "navigation" and R.NAV_HEADER.match(line.text):
        return -t.nav_penalty
    if line.cue in ("teaser_end", "teaser"):
        return -max(t.cue_penalty, float(line.words))
    if line.cue is not None or repeated:
        return -t.cue_penalty
    if sentence_like(line, t):
        return float(min(line.words, 120)) - t.long_words / 2
    return -t.short_penalty


def best_run(scores: Sequence[float]) -> tuple[int, int]:
    """The maximum-sum run of scores as (start, end) inclusive; (0, -1) when all are negative."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def overlap(words: set[str], core: Iterable[set[str]]) -> float:
    """Share of ``words`` found in the core's other lines."""
    if not words:
        return 1.0
    pool: set[str] = set()
    for other in core:
        if other is not words:
            pool |= other
    return len(words & pool) / len(words)
