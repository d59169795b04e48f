"""Candidate extractions (trafilatura, readability) -> one list of body blocks, chrome voted out."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.extraction import html_rules as R
from newsdesk.extraction.html_blocks import Block
from newsdesk.extraction.html_vote import FEATURES, TRUST, chrome, features, keep_probabilities, sentence, shingles
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.reading import ExtractTuning

_TITLE_HEAD = FEATURES.index("title_head")


@dataclass
class Repair:
    """The chosen body blocks and what was dropped (text, reason)."""

    blocks: list[Block]
    removed: list[tuple[str, str]] = field(default_factory=list)
    source: str = "trafilatura"


def _size(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def choose(
    primary: list[Block], alternative: list[Block], tuning: ExtractTuning = DEFAULT_TUNING.extract
) -> tuple[list[Block], list[Block], str]:
    """Pick the base extraction: readability when it found much more text (or trafilatura a table dump)."""
    t = tuning
    p, a = _size(primary), _size(alternative)
    table_dump = bool(primary) and max((len(b.text) for b in primary if b.kind == "table"), default=0) > t.table_share * p
    if a > t.pick_min and (a > t.pick_ratio * p or (table_dump and a > t.table_ratio * p)):
        return alternative, primary, "readability"
    return primary, alternative, "trafilatura"


def _reason(block: Block, row: dict[str, float]) -> str:
    """Why a dropped block went: the pattern it matches, else the feature that weighed most against it."""
    text = block.text.strip()
    if R.CREDIT.match(text):
        return "wire"
    if row["title_head"]:
        return "title"
    if row["teaser_tail"]:
        return "teaser"
    if len(text) <= R.SHORT and R.STAMP.match(text):
        return "date"
    if row["chrome"]:
        return "boilerplate"
    return "disagree" if row["agree"] < R.AGREE_OVERLAP else "voted"


def repair(
    primary: list[Block],
    alternative: list[Block],
    title: str | None = None,
    tuning: ExtractTuning = DEFAULT_TUNING.extract,
    language: str | None = None,
) -> Repair:
    """Choose a base extraction, then keep the blocks the voter (``html_vote``) judges to be body
    (from probability ``tuning.keep``); ``language`` is the page's, when it declares one."""
    base, other, source = choose(primary, alternative, tuning)
    rows = features(base, other, title, from_readability=source == "readability", language=language)
    kept: list[Block] = []
    removed: list[tuple[str, str]] = []
    title_at = next((i for i, row in enumerate(rows) if row[_TITLE_HEAD]), 0)
    for i, (b, row, p) in enumerate(zip(base, rows, keep_probabilities(rows))):
        if R.WIRE_LINE.match(b.text.strip()):
            removed.append((b.text, "wire"))  # "— AFP" under the last paragraph: metadata, whatever the vote
        elif p >= tuning.keep:
            kept.append(Block("head", b.text, b.links) if i < title_at and section_label(b) else b)
        else:
            removed.append((b.text, _reason(b, dict(zip(FEATURES, row)))))
    return Repair([*missing_lead(base, other), *kept], removed, source)


def section_label(block: Block) -> bool:
    """A paragraph of a word or three that does not end as a sentence: above the headline, the
    section's label ("World"), a heading rather than the lead."""
    text = block.text.strip()
    return block.kind == "p" and 0 < len(text.split()) <= R.SECTION_WORDS and text[-1] not in R.SENTENCE_ENDS


def missing_lead(base: list[Block], other: list[Block]) -> list[Block]:
    """The lead paragraph only the other extraction has: the prose paragraph it gives right before its
    first block that the base holds (a dateline-led lead, a standfirst the base took for chrome)."""
    if not base or _size(other) < TRUST * _size(base):
        return []
    held = set().union(*(shingles(b.text) for b in base))
    before: list[Block] = []
    for o in other:
        own = shingles(o.text)
        if own and len(own & held) >= R.AGREE_OVERLAP * len(own):
            break  # the first block both hold: what came before it in the other is the lead, if prose
        before.append(o)
    else:
        return []  # the two never meet: no place to put it
    last = before[-1] if before else None
    prose = last is not None and last.kind == "p" and sentence(last.text) and not chrome(last.text)
    return [last] if last is not None and prose else []
