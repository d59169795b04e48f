"""Text dump -> cleaned ``Article``: line classification with cues from the file and its batch."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsdesk.errors import EmptyInput, NoArticleFound
from newsdesk.extraction import chrome_rules as R
from newsdesk.extraction.common import find_dateline, find_wire, split_credit
from newsdesk.extraction.dump_byline import find_authors
from newsdesk.extraction.dump_meta import find_credit, find_published, find_title
from newsdesk.extraction.dump_outlet import find_outlet
from newsdesk.extraction.language import detect_language
from newsdesk.extraction.lines import (
    Line,
    best_run,
    chrome_cue,
    content_words,
    line_score,
    normalize,
    overlap,
    sentence_like,
    split_lines,
)
from newsdesk.models import Article, RemovedLine, content_id
from newsdesk.tuning.reading import DumpTuning


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class DumpContext:
    """What the other files of a batch say: which files each line occurs in, split long/short; and the
    tuned values of the text-dump extraction (``tuning.dump``), which reach the workers with it."""

    short_docs: dict[str, frozenset[int]] = field(default_factory=dict)
    long_docs: dict[str, frozenset[int]] = field(default_factory=dict)
    doc_ids: dict[str, int] = field(default_factory=dict)
    files: int = 0
    tuning: DumpTuning = DumpTuning()

    @classmethod
    def from_texts(cls, texts: Iterable[str], tuning: DumpTuning = DumpTuning()) -> DumpContext:
        """Index the lines of a batch of dumps (each line counted once per file), reading the
        texts once, one at a time."""
        short: dict[str, set[int]] = {}
        long: dict[str, set[int]] = {}
        doc_ids: dict[str, int] = {}
        files = 0
        for doc, text in enumerate(texts):
            for line in split_lines(text):
                target = long if sentence_like(line, tuning) else short
                target.setdefault(normalize(line.text), set()).add(doc)
            doc_ids[_digest(text)] = doc
            files = doc + 1
        return cls(
            {k: frozenset(v) for k, v in short.items() if len(v) > 1},
            {k: frozenset(v) for k, v in long.items() if len(v) > 1},
            doc_ids,
            files,
            tuning,
        )

    def repeated(self, text: str, lines: Sequence[Line]) -> set[int]:
        """Indexes of lines that other files (not copies of this story) also print."""
        if not self.files:
            return set()
        keys = [normalize(ln.text) for ln in lines]
        own = self.doc_ids.get(_digest(text))
        skip = self._copies(keys) | ({own} if own is not None else set())
        out = set()
        for ln, key in zip(lines, keys, strict=True):
            docs = self.short_docs.get(key) or self.long_docs.get(key) or frozenset()
            if len(docs - skip) >= self.tuning.repeat_files - 1:
                out.add(ln.index)
        return out

    def _copies(self, keys: Sequence[str]) -> set[int]:
        shared: dict[int, int] = {}
        for key in set(keys):
            for doc in self.long_docs.get(key, ()):
                shared[doc] = shared.get(doc, 0) + 1
        return {doc for doc, n in shared.items() if n >= self.tuning.copy_shared}


def extract_text(text: str, *, path: str | None = None, context: DumpContext | None = None) -> Article:
    """Clean one text dump into an ``Article`` (tuned by ``context.tuning``, else the defaults); raises
    ``EmptyInput`` or ``NoArticleFound``."""
    if not text or not text.strip():
        raise EmptyInput("the file is empty", path=path)
    t = context.tuning if context else DumpTuning()
    lines = split_lines(text)
    credits = _strip_credits(lines, t)
    for ln in lines:
        ln.cue = chrome_cue(ln.text, ln.words)
    repeated = context.repeated(text, lines) if context else set()
    first_copy = _duplicates(lines)
    start, end = _core(lines, repeated, first_copy, t)
    if end < start:
        raise NoArticleFound("no run of body text found in the dump", path=path)
    _classify(lines, start, end, repeated, first_copy, t)
    return _article(lines, start, end, path, credits, t)


def _strip_credits(lines: Sequence[Line], t: DumpTuning) -> list[tuple[RemovedLine, str]]:
    """Cut trailing wire credits ("... by Friday. – AFP") off long lines, keeping them as removed."""
    out = []
    for ln in lines:
        rest, wire = split_credit(ln.text)
        if wire and len(rest.split()) >= t.long_words // 2:
            out.append((RemovedLine(ln.text[len(rest) :].strip(), "wire"), wire))
            ln.text, ln.words = rest, len(rest.split())
    return out


def _duplicates(lines: Sequence[Line]) -> dict[int, int]:
    """Later copies of a line -> index of its first copy (a standfirst printed three times...)."""
    seen: dict[str, int] = {}
    out: dict[int, int] = {}
    for ln in lines:
        key = normalize(ln.text)
        if not key:
            continue
        if key in seen:
            out[ln.index] = seen[key]
        else:
            seen[key] = ln.index
    return out


def _core(lines: Sequence[Line], repeated: set[int], dups: dict[int, int], t: DumpTuning) -> tuple[int, int]:
    """The article's run of lines: best-scoring run, re-scored once against its own vocabulary."""
    scores = [0.0 if ln.index in dups else line_score(ln, ln.index in repeated, t) for ln in lines]
    start, end = best_run(scores)
    if end < start:
        return start, end
    core = [content_words(ln.text) for ln in lines[start : end + 1] if sentence_like(ln, t)]
    for ln in lines:
        if scores[ln.index] > 0 and (ln.index < start or ln.index > end or ln.index in repeated):
            if overlap(content_words(ln.text), core) < t.teaser_overlap:
                scores[ln.index] = -t.cue_penalty
    start, end = best_run(scores)
    core = [content_words(ln.text) for ln in lines[start : end + 1] if sentence_like(ln, t)]
    start, end = _bridge(lines, (start, end), core, (set(dups), repeated), t)
    return _extend(lines, start, end, core, (repeated | set(dups), set(dups.values())), t)


def _bridge(
    lines: Sequence[Line], run: tuple[int, int], core: list[set[str]], skip: tuple[set[int], set[int]], t: DumpTuning
) -> tuple[int, int]:
    """Carry the run across up to ``t.bridge_gap`` short lines (a one-line paragraph, a subheading, one
    another file prints) to a sentence that is no teaser: a few such lines cost the max-sum run more
    than a short lead or last paragraph beyond them earns.  Short lines that end as sentences do not
    count against the gap when together they share words with the run (body one-liners; a teaser is
    headline-like or about something else).  ``skip``: copies, lines repeated in the batch (a gap may
    hold one, the sentence reached may not)."""
    dups, repeated = skip

    def reach(index: int, step: int) -> int | None:
        gap, at, said = 0, index + step, 0
        words: set[str] = set()  # content words of the short sentences crossed
        while gap <= t.bridge_gap:
            if not 0 <= at < len(lines) or lines[at].cue is not None or at in dups:
                return None
            if sentence_like(lines[at], t):
                ends = R.SENTENCE_END.search(lines[at].text) and at not in repeated
                free = gap + said <= t.bridge_gap or overlap(words, core) >= t.teaser_overlap
                return at if ends and free and _on_topic(lines[at], core, t.teaser_overlap) else None
            if _one_liner(lines[at]) and at not in repeated:
                said, words = said + 1, words | content_words(lines[at].text)
            else:
                gap += 1
            at += step
        return None

    start, end = run
    while (above := reach(start, -1)) is not None:
        start = above
    while (below := reach(end, 1)) is not None:
        end = below
    return start, end


def _one_liner(ln: Line) -> bool:
    """A short line that ends as a sentence does (a full stop, not a colon, a count in brackets...)."""
    return ln.words >= 4 and bool(R.FULL_STOP.search(ln.text))


def _on_topic(ln: Line, core: list[set[str]], share: float) -> bool:
    return ln.cue is None and overlap(content_words(ln.text), core) >= share


def _extend(
    lines: Sequence[Line], start: int, end: int, core: list[set[str]], avoid: tuple[set[int], set[int]], t: DumpTuning
) -> tuple[int, int]:
    """Take in short closing sentences after the run and a standfirst above it (past byline/date lines).
    ``avoid``: lines neither may be (copies, lines repeated in the batch), and lines the page prints again
    further down: a standfirst repeated in a share or summary widget is the page's blurb, not the body's lead."""
    skip, reprinted = avoid
    while end + 1 < len(lines):
        ln = lines[end + 1]
        closes = ln.words >= 4 and R.SENTENCE_END.search(ln.text) and not ln.text.endswith(":")
        if ln.index in skip or not closes or not _on_topic(ln, core, t.teaser_overlap):
            break
        end += 1
    for ln in reversed(lines[max(0, start - t.standfirst_look) : start]):
        if ln.cue in ("byline", "date", "share") or ln.index in skip:
            continue
        if ln.words < t.long_words or ln.index in reprinted or not _on_topic(ln, core, t.standfirst_overlap):
            break
        if not _headline_above(lines, ln.index, core, t):
            break
        start = ln.index
    return start, end


def _headline_above(lines: Sequence[Line], index: int, core: list[set[str]], t: DumpTuning) -> bool:
    """A standfirst sits under an on-topic headline (byline and date lines may come between)."""
    for ln in reversed(lines[max(0, index - 3) : index]):
        if ln.cue in ("byline", "date", "share"):
            continue
        return not R.SENTENCE_END.search(ln.text) and _on_topic(ln, core, t.headline_overlap)
    return False


def _classify(
    lines: Sequence[Line], start: int, end: int, repeated: set[int], dups: dict[int, int], t: DumpTuning
) -> None:
    for ln in lines:
        if ln.index in dups:
            ln.kind = "duplicate"
        elif ln.cue:
            ln.kind = "teaser" if ln.cue == "teaser_end" else ln.cue
        elif ln.index < start:
            ln.kind = "navigation"
        elif ln.index > end:
            ln.kind = "teaser" if ln.words >= 6 else "navigation"
        elif ln.index in repeated:
            ln.kind = "boilerplate"
    _mark_teaser_heads(lines, t)
    _mark_headings(lines, start, end, t)


def _mark_sections(lines: Sequence[Line], start: int) -> None:
    """One or two short lines alone above the title are section labels ("World"): headings."""
    title = next((ln for ln in lines[:start] if ln.kind == "title"), None)
    if title is None:
        return
    above = [ln for ln in lines[: title.index] if ln.kind == "navigation" and ln.cue is None]
    if not 0 < len(above) <= 2:
        return
    blocks = [ln.block for ln in lines]
    alone = all(blocks.count(ln.block) == 1 for ln in above)
    if alone and all(ln.words <= 3 for ln in above):
        for ln in above:
            ln.kind = "heading"


def _mark_teaser_heads(lines: Sequence[Line], t: DumpTuning) -> None:
    """A short headline right above a teaser blurb is part of the teaser."""
    for prev, ln in zip(lines, lines[1:]):
        if ln.kind == "teaser" and prev.kind is None and not sentence_like(prev, t) and prev.words <= 20:
            prev.kind = "teaser"


def _mark_headings(lines: Sequence[Line], start: int, end: int, t: DumpTuning) -> None:
    """Short, unpunctuated lines inside the run that introduce body text are section headings."""
    following: Line | None = None
    after: dict[int, Line | None] = {}  # each line -> the next body line of the run (one pass back)
    for ln in reversed(lines[start : end + 1]):
        after[ln.index] = following
        if ln.kind is None:
            following = ln
    for ln in lines[start : end + 1]:
        if ln.kind is not None or sentence_like(ln, t):
            continue
        following = after[ln.index]
        ends_open = not R.SENTENCE_END.search(ln.text) or ln.text.endswith(":")
        if ends_open and ln.words <= 15 and following is not None and sentence_like(following, t):
            ln.kind = "heading"
        elif ends_open and ln.words < 5:
            ln.kind = "boilerplate"


def _article(
    lines: Sequence[Line],
    start: int,
    end: int,
    path: str | None,
    credits: list[tuple[RemovedLine, str]],
    t: DumpTuning,
) -> Article:
    headline = find_title(lines, start, end, t)
    title = headline[0] if headline else None
    _mark_sections(lines, start)
    authors = find_authors(lines, start, end, headline[1] if headline else None, t)
    published = find_published(lines, start, end, headline[1] if headline else None, t)
    body = [ln.text for ln in lines if ln.kind is None]
    if not body or not "".join(body).strip():
        raise NoArticleFound("every line of the dump is site chrome", path=path)
    text = "\n\n".join(body)
    language = detect_language(text)
    removed = [RemovedLine(ln.text, ln.kind) for ln in lines if ln.kind not in (None, "heading")]
    headings = [ln.text for ln in lines if ln.kind == "heading"]
    return Article(
        id=content_id(text),
        text=text,
        title=title,
        path=path,
        outlet=find_outlet(lines, headline, end),
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
        authors=authors,
        dateline=find_dateline(body, language),
        wire=find_wire(body) or (credits[-1][1] if credits else None) or find_credit(lines),
        language=language,
        headings=tuple(headings),
        removed=tuple(removed + [r for r, _ in credits]),
    )
