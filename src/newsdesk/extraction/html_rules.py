"""Heuristics for HTML body repair, as data: boilerplate patterns and thresholds (no site names)."""

from __future__ import annotations

import re

# elements that belong in <head>; anything else the parser put there is page content
HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript", "template", "object"})

# A whole short block that is page chrome, not article text (any language seen in the news).
BOILERPLATE = re.compile(
    r"^(?:"
    r"(?:sign up|subscribe)\b.{0,160}(?:newsletter|inbox|e-?mail|channel|today|here)"
    r"|.{0,60}\bnewsletters?\b.{0,60}$"
    r"|follow (?:us|@?\w+)\b.{0,80}(?:on|at) (?:twitter|facebook|instagram|linkedin|youtube).{0,80}"
    r"|follow \S+ on (?:twitter|facebook|instagram).{0,80}"
    r"|(?:copyright|©|\(c\))\s*(?:©\s*)?\d{4}.{0,120}"
    r"|.{0,80}all rights reserved\.?"
    r"|(?:share|like) this (?:story|article|post)\b.{0,40}"
    r"|share (?:this )?on (?:whatsapp|facebook|twitter)"
    r"|click here\b.{0,60}(?:subscribe|newsletter|sign up|more information)"
    r"|(?:read|see) (?:more|also|next)\s*:.{0,160}"
    r"|(?:related|more|also)\s*(?:post|story|stories|articles?|coverage|reading)?\s*:.{0,160}"
    r"|(?:you may|you might) also like.{0,40}"
    r"|(?:don'?t miss|popular on|most read|trending|recommended)\b.{0,60}"
    r"|(?:leia|lea|leggi) (?:também|tambien|también|anche)\b.{0,160}"
    r"|\(leggi anche.{0,200}"
    r"|comments?|\d+ comments?|tags?:?|advert(?:isement)?|sponsored|explore further"
    r"|this slideshow requires javascript\.?"
    r"|(?:tempo de leitura|reading time|min(?:ute)? read)\b.{0,30}"
    r"|text size|print article|order reprints.{0,40}"
    r"|(?:an )?error has occurred.{0,40}|thank you|thanks for signing up!?"
    r"|if you (?:enjoyed|liked) this article.{0,300}"
    r"|filed under:.{0,120}"
    r"|our standards:.{0,80}"
    r"|get the .{0,40}app"
    r"|atenção: comentários.{0,200}"
    r"|if you buy something through .{0,120}"
    r")$",
    re.I | re.S,
)

# A short block announcing that what follows is a list of other stories.
TEASER_MARKER = re.compile(
    r"^(?:you may (?:also )?like|you might (?:also )?like|related(?: (?:posts|stories|articles|coverage))?"
    r"|more (?:from|on|stories|news)\b.{0,40}|recommended(?: for you)?|popular on .{0,30}|most (?:read|popular)"
    r"|trending(?: now)?|read (?:more|next)|don'?t miss|see also|latest news|more:|also read)\s*[.:…]*$",
    re.I,
)

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
PICK_RATIO = 1.6  # readability replaces trafilatura when it found this many times more text
PICK_MIN = 500
AGREE_MIN_SHARE = 0.5  # agreement is only trusted when the other extractor found this share
AGREE_OVERLAP = 0.2  # a block sharing fewer shingles with the other extraction disagrees
EDGE_OVERLAP = 0.1
TITLE_SIMILAR = 0.6
PROSE_WORDS = 30
