"""Reported speech: parsed text + direct-quote spans -> indirect quotes (said that / according to)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from newsdesk.extraction.common import dateline_at
from newsdesk.models import Quote
from newsdesk.nlp.quote_speakers import (
    _agent,
    _is_attribution,
    _Mention,
    _outside,
    _quote,
    _subject_mention,
)
from newsdesk.nlp.quote_rules import (
    ATTRIBUTION_VERBS,
    AUDIENCE_VERBS,
    FINITE_TAGS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _reported(doc: Doc, inside: bytearray, spans: list[tuple[int, int]], min_words: int) -> list[Quote]:
    """Reported speech of at least ``min_words`` words: the clause under an attribution verb,
    holding no direct quote (a few quoted words inside it, 'said the firm was "deeply sorry"', are
    part of what was reported)."""
    out = []
    text = doc.text  # built from every token on each access: once per document
    for tok in _maybe_attribution(doc):
        if not _outside(tok, inside) or not _is_attribution(tok):
            continue
        m = _subject_mention(doc, tok, inside)
        clause = _said_clause(tok, inside, m)
        if clause is None or not _statement_clause(tok, clause):
            continue
        lo, hi = clause.left_edge.i, clause.right_edge.i
        if lo <= tok.i <= hi or _holds_direct_quote(doc, text, lo, hi, spans, min_words):
            continue  # the verb inside its own clause: a relative clause ("a plan that X said ...")
        if doc[lo].lower_ == "that":
            lo += 1
        if hi - lo + 1 < min_words:
            continue
        s, e = doc[lo].idx, doc[hi].idx + len(doc[hi])
        s += _dateline_length(text[s:e])
        if len(text[s:e].split()) >= min_words:
            out.append(_quote(text, s, e, m, False))
    return out + _according_to(doc, inside, min_words)


def _said_clause(verb: Token, inside: bytearray, speaker: _Mention | None) -> Token | None:
    """The verb's first clause outside quote marks that does not hold the verb's own speaker: in
    "Ana Ruiz, the firm's buyer, said ..." the parser may take the name and its description for a
    clause before "said"; that clause tells who spoke, the one after the verb what was said."""
    for c in verb.children:
        if c.dep_ != "ccomp" or not _outside(c, inside):
            continue
        lo, hi = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
        if speaker is None or not lo <= speaker.start < hi:
            return c
    return None


def _maybe_attribution(doc: Doc, *extra: str) -> list[Token]:
    """The tokens whose word or lemma is an attribution verb (or one of ``extra``), found on the
    parse's arrays: token objects are made for these few, not for every word of the text."""
    from spacy.attrs import LEMMA, LOWER

    if len(doc) == 0:
        return []
    words = ATTRIBUTION_VERBS | set(extra)
    table = doc.to_array([LOWER, LEMMA])
    strings = doc.vocab.strings
    keys = np.unique(table)
    hits = np.array([k for k in keys.tolist() if strings[k].lower() in words], dtype=table.dtype)
    rows = np.flatnonzero(np.isin(table, hits).any(axis=1))
    return [doc[i] for i in rows.tolist()]


def _holds_direct_quote(
    doc: Doc, text: str, lo: int, hi: int, spans: list[tuple[int, int]], min_words: int
) -> bool:
    """Tokens lo..hi touch a quote long enough (``min_words``) to be a direct quote, or cut a short one in two."""
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    for s, e in spans:
        if s - 1 < end and start < e + 1:
            inside = start < s and e < end
            if not inside or len(text[s:e].split()) >= min_words:
                return True
    return False


def _statement_clause(verb: Token, clause: Token) -> bool:
    """A clause that states something: its own subject (not a relative pronoun standing for a noun
    outside) or a finite verb, and, when it comes before the verb ("X happened, Y said"), a verb
    that takes no object of its own ("passengers describe chaos" reports nothing before it)."""
    subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "expl"]
    if any(c.lower_ in RELATIVE_PRONOUNS and c.tag_.startswith("W") for c in subjects):
        return False
    finite = clause.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in clause.children
    )
    if not subjects and not finite:
        return False  # "asked residents not to travel": a request, not a statement
    if clause.i < verb.i:
        return not any(c.dep_ == "dobj" for c in verb.children) or verb.lemma_ in AUDIENCE_VERBS
    return True


def _dateline_length(text: str) -> int:
    """Characters of a dateline opening a reported clause ("PARIS, May 2 (MPS) - "), else 0."""
    m = dateline_at(text)
    return m.end() if m else 0


def _according_to(doc: Doc, inside: bytearray, min_words: int) -> list[Quote]:
    """'According to X, ...', '..., according to X.' and '..., as noted by X.': the rest of the
    sentence, said by X."""
    out = []
    text = doc.text
    for tok in _maybe_attribution(doc, "according"):
        if not _outside(tok, inside) or not (tok.lower_ == "according" or _as_by(tok)):
            continue
        m = _subject_mention(doc, tok, inside)
        if m is None:
            continue
        sent, lo, hi = tok.sent, tok.left_edge.i, tok.right_edge.i
        last = sent.end - 1
        while last > hi and (doc[last].is_space or doc[last].is_punct):
            last -= 1  # the sentence's closing stop and the paragraph break after it
        if lo <= sent.start + 1:
            words = [t for t in doc[hi + 1 : sent.end] if not t.is_space]
        elif hi >= last:
            words = [t for t in doc[sent.start : lo] if not t.is_space]
        else:
            continue
        while words and words[0].is_punct:
            words.pop(0)
        while words and words[-1].is_punct:
            words.pop()
        if len(words) < min_words or any(not _outside(t, inside) for t in words):
            continue
        s, e = words[0].idx, words[-1].idx + len(words[-1])
        s += _dateline_length(text[s:e])
        out.append(_quote(text, s, e, m, False))
    return out


def _as_by(tok: Token) -> bool:
    """'as noted by X' / 'as reported by X': an attribution participle opened by 'as' with an agent."""
    return (
        _is_attribution(tok)
        and _agent(tok) is not None
        and any(c.lower_ == "as" and c.dep_ == "mark" for c in tok.children)
    )
