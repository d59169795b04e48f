"""Heuristics for HTML body repair, as data: boilerplate patterns and thresholds (no site names)."""

from __future__ import annotations

import re

from newsdesk.chrome import BLOCK_BOILERPLATE as BOILERPLATE  # noqa: F401  (read as R.<name> by html_repair.py)
from newsdesk.chrome import TEASER_MARKER  # noqa: F401
from newsdesk.extraction.common import CREDIT_LINE as WIRE_LINE  # noqa: F401  (a block that is only a wire credit)

# elements that belong in <head>; anything else the parser put there is page content
HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript", "template", "object"})


# A block that is only a date/time stamp or a bare URL / e-mail / handle.
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc"
    r"|gen|mag|giu|lug|ago|set|ott|dic|fev|abr|out|dez|ene|mär|okt)\w*\.?"
)
STAMP = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:\w+day,?\s+)?"
    r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.?\s+(?:de\s+)?" + _MONTH
    + r"\s+(?:de\s+)?\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:\s*[/|,-]?\s*(?:at|às|um|à)?\s*\d{1,2}[:.h]\d{2}.{0,40})?$"
    r"|^\S+@\S+\.\w+$|^(?:twitter\.com/|@)\w+$|^by$",
    re.I,
)

# Credit lines that the gold bodies of news pages leave out (kept as metadata by common.py).
CREDIT = re.compile(
    r"^\(?(?:\w+ )?(?:reporting|additional reporting|writing|editing|compiled) by\b.{0,200}$"
    r"|^.{0,80}\bcontributed (?:reporting |to this report).{0,80}$"
    r"|^write to .{0,80}$"
    r"|^source:\s*.{0,60}$",
    re.I,
)

SHORT = 200  # a block this long or shorter may be chrome; longer blocks are judged only by agreement
TAIL_SHORT = 120  # blocks after a teaser marker shorter than this are headlines of other stories
AGREE_OVERLAP = 0.2  # a block sharing fewer shingles with the other extraction disagrees (a voter feature)
TITLE_SIMILAR = 0.6
PROSE_WORDS = 30
SECTION_WORDS = 3  # a paragraph this short above the headline, not ending as a sentence, is a section label
SENTENCE_ENDS = ".!?\"”»)'’:"
