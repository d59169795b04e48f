"""Quotations of one text: text (+ its spaCy parse) -> direct and reported quotes with speakers.

Direct quotes are found from quote marks (straight, curly, ``...''), one span
per quoted segment ("A," he said, "B." gives two), quotes that run over a
paragraph end without a closing mark run to the paragraph end.  The speaker is
the subject of the nearest attribution verb outside the marks (said, told,
according to, quoted ... as saying), else of the verb governing the quote,
else the colon-introduced sentence before, else the previous quote's speaker
(a quote continued in the next sentence).  ``speaker_start``/``speaker_end``
point at the mention as written (possibly "he" or "a spokeswoman for X");
``speaker`` is that mention with pronouns resolved to the last person named.
Reported speech ("X said that ...", "according to X, ...") gives quotes with
``direct=False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.models import Quote
from newsdesk.nlp.entity_rules import TITLE_HEADS
from newsdesk.nlp.quote_rules import (
    ASIDE_MARKS,
    ATTRIBUTION_VERBS,
    AUDIENCE_VERBS,
    CLOSE_MARKS,
    CONTINUATION_CHARS,
    DATELINE,
    FINITE_TAGS,
    FRAMING_VERBS,
    MENTION_CUT_DEPS,
    MIN_QUOTE_WORDS,
    OPEN_MARKS,
    OTHER_PRONOUNS,
    PERSONAL_PRONOUNS,
    PRONOUN_WINDOW,
    RELATIVE_PRONOUNS,
    SPEAKER_LABELS,
    SUBJECT_DEPS,
)
from newsdesk.vocab import SINGLE_CLOSE, SINGLE_OPEN, STRAIGHT

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass
class _Mention:
    start: int
    end: int
    name: str


def find_quotes(text: str, doc: Doc | None = None, indirect: bool = True) -> list[Quote]:
    """Direct quotes (and, with ``indirect``, reported speech) of ``text``, in text order.

    Offsets are character offsets into ``text`` of the quoted words (inside the
    marks).  Pass ``doc`` (the spaCy parse of ``text``) to avoid parsing twice.
    """
    if doc is None:
        from newsdesk.nlp.spacy_model import parse

        doc = parse(text)
    spans = quote_spans(text)
    inside = _inside_mask(len(text), spans)
    sentences = list(doc.sents) if spans else []  # spaCy rebuilds them on every doc.sents
    out: list[Quote] = []
    previous: _Mention | None = None
    previous_end = -(10**9)
    for s, e in spans:
        mention = _speaker_of(doc, sentences, s, e, inside)
        if mention is None and s - previous_end <= CONTINUATION_CHARS and _no_prose_between(
            doc, previous_end, s, inside
        ):
            mention = previous
        if len(text[s:e].split()) >= MIN_QUOTE_WORDS:
            out.append(_quote(text, s, e, mention, True))
        if mention is not None:
            previous, previous_end = mention, e
    if indirect:
        out += _reported(doc, inside, spans)
    return sorted(out, key=lambda q: q.start)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the words inside quote marks; an unclosed quote ends at its paragraph end."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    single_at: int | None = None  # a quote in single marks, kept only when it closes
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                spans.append((open_at, i))
            open_at = single_at = None
        if open_at is None and ch in (SINGLE_OPEN, SINGLE_CLOSE):
            side = _single_side(text, i)
            if single_at is None and side == "open":
                single_at = i + 1
            elif single_at is not None and side == "close":
                if not _headline_words(text, single_at, i):
                    spans.append((single_at, i))
                single_at = None
            i += 1
            continue
        mark = _mark_at(text, i) if single_at is None else None
        if mark is None:
            i += 1
            continue
        kind, width = mark
        if open_at is None and kind in ("open", "straight"):
            open_at = i + width
        elif open_at is not None and kind in ("close", "straight"):
            spans.append((open_at, i))
            open_at = None
        elif open_at is not None and kind == "open":
            open_at = i + width  # a stray opener: restart at the newer one
        i += width
    if open_at is not None:
        spans.append((open_at, n))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _headline_words(text: str, s: int, e: int) -> bool:
    """Quoted words in capitals or on a title-cased line: a headline's quoted phrase, not a quote."""
    words = text[s:e]
    if words.upper() == words:
        return True
    lo, hi = _paragraph(text, s, e)
    long_words = [w for w in text[lo:hi].split() if len(w) > 3 and w[:1].isalpha()]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _single_side(text: str, i: int) -> str | None:
    """A single curly mark opening a quote (after a space, before a word) or closing one (after a
    word, before a space or punctuation); an apostrophe inside a word ("Brandt’s") is neither."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == SINGLE_OPEN and (before.isspace() or before in "([\u2013\u2014") and after.isalpha():
        return "open"
    if not before.isspace() and (after.isspace() or after in ",.;:!?)"):
        return "close"
    return None


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    for m in OPEN_MARKS:
        if text.startswith(m, i):
            return _facing(text, i, len(m), "open"), len(m)
    for m in CLOSE_MARKS:
        if text.startswith(m, i):
            return _facing(text, i, len(m), "close"), len(m)
    if text[i] == STRAIGHT:
        return "straight", 1
    return None


def _facing(text: str, i: int, width: int, kind: str) -> str:
    """A curly mark typed the wrong way round (',“ Varga said') takes the side its neighbours show."""
    if width != 1:
        return kind
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if kind == "open" and (before.isalnum() or before in ",.!?;") and (after.isspace() or after in ",.;:!?)"):
        return "close"
    if kind == "close" and (before.isspace() or before in "([") and after.isalnum():
        return "open"
    return kind


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _inside_mask(n: int, spans: list[tuple[int, int]]) -> bytearray:
    mask = bytearray(n + 1)
    for s, e in spans:
        mask[max(0, s - 1) : min(n, e + 1)] = b"\x01" * (min(n, e + 1) - max(0, s - 1))
    return mask


def _quote(text: str, s: int, e: int, m: _Mention | None, direct: bool) -> Quote:
    if m is None:
        return Quote(text[s:e], s, e, None, None, None, direct)
    return Quote(text[s:e], s, e, m.name, m.start, m.end, direct)


def _outside(tok: Token, inside: bytearray) -> bool:
    return not inside[tok.idx]


def _speaker_of(
    doc: Doc, sentences: list[Span], s: int, e: int, inside: bytearray
) -> _Mention | None:
    sents = _sentences_around(sentences, s, e)
    lo, hi = _paragraph(doc.text, s, e)
    toks = [
        t
        for sent in sents
        for t in sent
        if lo <= t.idx < hi and _outside(t, inside) and not t.is_punct and not t.is_space
    ]
    verbs = _attribution_verbs(toks) or _trailing_attribution(doc, e, hi, inside)
    for verb in sorted(verbs, key=lambda t: _distance(t, s, e)):
        m = _subject_mention(doc, verb, inside)
        if m is not None:
            return m
    m = _governing_subject(doc, s, e, inside)
    if m is not None:
        return m
    if not toks:
        return _colon_intro(doc, sents[0] if sents else None, inside)
    return None


def _trailing_attribution(doc: Doc, e: int, hi: int, inside: bytearray) -> list[Token]:
    """'"...?" Reyes asked.' split by the parser after the mark: the verb opening the next sentence."""
    span = doc.char_span(e, min(hi, e + 60), alignment_mode="contract")
    if span is None:
        return []
    words = [t for t in span if not t.is_punct and not t.is_space][:5]
    if not words or words[0].idx > e + 3 or not _outside(words[0], inside):
        return []
    return [t for t in _attribution_verbs(words)][:1]


def _paragraph(text: str, s: int, e: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, s) + 1
    hi = text.find("\n", e)
    return lo, (len(text) if hi < 0 else hi)


def _sentences_around(sentences: list[Span], s: int, e: int) -> list[Span]:
    return [sent for sent in sentences if sent.end_char > s - 1 and sent.start_char <= e + 1]


def _distance(tok: Token, s: int, e: int) -> int:
    if tok.idx >= e:
        return tok.idx - e
    return max(0, s - tok.idx - len(tok))


def _attribution_verbs(toks: list[Token]) -> list[Token]:
    out = []
    for t in toks:
        if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
            out.append(t)
        elif _is_attribution(t):
            out.append(t)
    return out


def _is_attribution(t: Token) -> bool:
    words = (t.lemma_.lower(), t.lower_)
    if not any(w in ATTRIBUTION_VERBS for w in words) or not (t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")):
        return False
    return not any(c.dep_ == "xcomp" for c in t.children)  # "continue to work", "promised to go"


def _personish(tok: Token) -> bool:
    """A subject that can be a speaker without an attribution verb: a name or a pronoun."""
    low = tok.lower_
    return (
        tok.ent_type_ in SPEAKER_LABELS
        or tok.pos_ == "PROPN"
        or low in PERSONAL_PRONOUNS
        or low in RELATIVE_PRONOUNS
        or low in OTHER_PRONOUNS
    )


def _subject_mention(doc: Doc, verb: Token, inside: bytearray) -> _Mention | None:
    """The speaker of an attribution verb: its subject, climbing through participles and conjuncts."""
    if verb.lower_ == "according":
        for to in (c for c in verb.children if c.lower_ == "to"):
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return _mention(doc, obj, inside)
        return None
    if verb.lemma_ == "quote":
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass") and _outside(c, inside):
                return _mention(doc, c, inside)
    agent = _agent(verb)
    if agent is not None and _outside(agent, inside):
        return _mention(doc, agent, inside)  # "as noted by X", "it was announced by X"
    cur = verb
    for step in range(4):
        for c in cur.children:
            if c.dep_ in SUBJECT_DEPS and _outside(c, inside):
                if step == 0 or _is_attribution(cur) or _personish(c):
                    return _mention(doc, c, inside)
        if step == 0 and verb.dep_ != "conj":  # a conjunct verb shares its head's subject
            late = _inverted_subject(verb, inside)
            if late is not None:
                return _mention(doc, late, inside)
        if cur.dep_ in ("advcl", "conj", "xcomp", "acl", "relcl") and cur.head is not cur:
            if cur.dep_ == "relcl":
                return _mention(doc, cur.head, inside)
            cur = cur.head
        else:
            break
    named = _named_before_aside(doc, cur.i)
    return _Mention(named.start_char, named.end_char, named.text) if named is not None else None


def _agent(verb: Token) -> Token | None:
    """The 'by X' of a passive attribution participle: X spoke."""
    if verb.tag_ != "VBN":
        return None
    for c in verb.children:
        if c.dep_ == "agent":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def _inverted_subject(verb: Token, inside: bytearray) -> Token | None:
    """'..., said a senior adviser': a noun right after the verb that the parser did not call subject."""
    for c in verb.rights:
        if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd") and _outside(c, inside):
            after = c.right_edge.i + 1
            ends_clause = after >= c.sent.end or c.doc[after].is_punct
            if c.i <= verb.i + 4 and c.pos_ in ("NOUN", "PROPN") and ends_clause:
                return c
        break
    return None


def _governing_subject(doc: Doc, s: int, e: int, inside: bytearray) -> _Mention | None:
    """A quote inside a clause ("X called it 'a disaster'"): the subject of the verb above it."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end:
            cur = tok.head
            for _ in range(6):
                if _outside(cur, inside) and cur.pos_ in ("VERB", "AUX"):
                    subj = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS), None)
                    if subj is not None and (_is_attribution(cur) or _personish(subj) or cur.lemma_ in FRAMING_VERBS):
                        return _subject_mention(doc, cur, inside)
                if cur.head is cur:
                    break
                cur = cur.head
            return None
    return None


def _colon_intro(doc: Doc, sent: Span | None, inside: bytearray) -> _Mention | None:
    """A quote standing alone after "X said:" takes the speaker of the sentence before."""
    if sent is None or sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    last = [t for t in prev if not t.is_space]
    if not last or last[-1].text != ":":
        return None
    toks = [t for t in prev if _outside(t, inside) and not t.is_punct]
    for verb in reversed(_attribution_verbs(toks)):
        m = _subject_mention(doc, verb, inside)
        if m is not None:
            return m
    return None


def _no_prose_between(doc: Doc, a: int, b: int, inside: bytearray) -> bool:
    """True when no sentence free of quotes stands between two quotes (the same speaker goes on)."""
    if a < 0:
        return False
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return True
    for sent in {t.sent for t in span if t.is_alpha}:
        if sent.start_char >= a and sent.end_char <= b and not any(inside[t.idx] for t in sent):
            return False
    return True


def _mention(doc: Doc, tok: Token, inside: bytearray) -> _Mention:
    """The subject token grown to its entity or noun phrase; pronouns resolved for the name."""
    if tok.ent_type_ not in SPEAKER_LABELS and tok.pos_ in ("NOUN", "NUM"):
        named = _named_before_aside(doc, _phrase_bounds(tok)[1] + 2, tok.i)
        if named is not None:
            return _Mention(named.start_char, named.end_char, named.text)
    if tok.ent_type_ in SPEAKER_LABELS:
        ent = next((x for x in doc.ents if x.start <= tok.i < x.end), None)
        if ent is not None:
            return _Mention(ent.start_char, ent.end_char, ent.text)
    if tok.pos_ == "NOUN":
        name = next((c for c in tok.children if _names_the_speaker(tok, c)), None)
        if name is not None and _outside(name, inside):
            return _mention(doc, name, inside)
    lo, hi = _phrase_bounds(tok)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    surface = doc.text[start:end]
    name = surface
    low = tok.lower_
    if low in PERSONAL_PRONOUNS:
        name = _last_person(doc, tok, inside) or surface
    elif low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        head = tok.head.head
        name = _mention(doc, head, inside).name
    return _Mention(start, end, name)


def _names_the_speaker(noun: Token, child: Token) -> bool:
    """'its chief executive, Ada Brisk,' and 'minister Hal Orwin' speak as the name; in 'the Kiel
    water police' the place only says which police."""
    if child.ent_type_ not in SPEAKER_LABELS:
        return False
    return child.dep_ == "appos" or child.dep_ == "compound" and noun.lower_ in TITLE_HEADS


def _named_before_aside(doc: Doc, end: int, inner: int | None = None) -> Span | None:
    """'Valmora – one of Sarno's oldest partners – praised ...': a description set off by dashes
    or commas, closing right before token ``end`` (the verb, or after the subject the parser took
    from inside it), stands for the name just before it."""
    if end < 3 or end > len(doc) or doc[end - 1].text not in ASIDE_MARKS:
        return None
    mark = doc[end - 1].text
    opener = next((k for k in range(end - 2, max(0, end - 14), -1) if doc[k].text == mark), None)
    if opener is None or inner is not None and not opener < inner < end - 1:
        return None
    ent = next((e for e in doc.ents if e.end == opener), None)
    return ent if ent is not None and ent.label_ in SPEAKER_LABELS else None


def _phrase_bounds(tok: Token) -> tuple[int, int]:
    lo = hi = tok.i
    stack = [c for c in tok.children if c.dep_ not in MENTION_CUT_DEPS]
    while stack:
        c = stack.pop()
        lo, hi = min(lo, c.i), max(hi, c.i)
        stack.extend(x for x in c.children if x.dep_ not in MENTION_CUT_DEPS)
    return lo, hi


def _last_person(doc: Doc, tok: Token, inside: bytearray) -> str | None:
    """The person a pronoun stands for, by salience: a person who spoke (subject of an
    attribution verb) in this or the previous sentence, else a person who was a subject there,
    else the last person who spoke before, else the last person named."""
    floor = tok.idx - PRONOUN_WINDOW
    near = doc[tok.sent.start - 1].sent.start_char if tok.sent.start > 0 else tok.sent.start_char
    surnames = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON"}
    subject_near = speaker_far = None
    for t in reversed(doc[: tok.i]):
        if t.idx < floor:
            break
        if t.dep_ not in SUBJECT_DEPS or not _outside(t, inside) or not _is_person(t, surnames):
            continue
        spoke = _is_attribution(t.head)
        if t.idx >= near:
            if spoke:
                return _mention(doc, t, inside).name
            subject_near = subject_near or t
        elif spoke and speaker_far is None:
            speaker_far = t
    pick = subject_near or speaker_far
    if pick is not None:
        return _mention(doc, pick, inside).name
    for ent in reversed(doc.ents):
        if ent.end_char <= tok.idx and ent.start_char >= floor and ent.label_ == "PERSON":
            if not inside[ent.start_char]:
                return ent.text
    return None


def _is_person(t: Token, surnames: set[str]) -> bool:
    """A name the tagger calls a person, a surname it called a person elsewhere, or a title with one."""
    if t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and (not t.ent_type_ or t.lower_ in surnames):
        return True
    return t.pos_ == "NOUN" and any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in t.children)


def _reported(doc: Doc, inside: bytearray, spans: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: the clause under an attribution verb, holding no direct quote (a few
    quoted words inside it, 'said the firm was "deeply sorry"', are part of what was reported)."""
    out = []
    for tok in _maybe_attribution(doc):
        if not _outside(tok, inside) or not _is_attribution(tok):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and _outside(c, inside)), None)
        if clause is None or not _statement_clause(tok, clause):
            continue
        lo, hi = clause.left_edge.i, clause.right_edge.i
        if lo <= tok.i <= hi or _holds_direct_quote(doc, lo, hi, spans):
            continue  # the verb inside its own clause: a relative clause ("a plan that X said ...")
        if doc[lo].lower_ == "that":
            lo += 1
        if hi - lo + 1 < MIN_QUOTE_WORDS:
            continue
        m = _subject_mention(doc, tok, inside)
        s, e = doc[lo].idx, doc[hi].idx + len(doc[hi])
        s += _dateline_length(doc.text[s:e])
        if len(doc.text[s:e].split()) >= MIN_QUOTE_WORDS:
            out.append(_quote(doc.text, s, e, m, False))
    return out + _according_to(doc, inside)


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


def _holds_direct_quote(doc: Doc, lo: int, hi: int, spans: list[tuple[int, int]]) -> bool:
    """Tokens lo..hi touch a quote long enough to be a direct quote, or cut a short one in two."""
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    for s, e in spans:
        if s - 1 < end and start < e + 1:
            inside = start < s and e < end
            if not inside or len(doc.text[s:e].split()) >= MIN_QUOTE_WORDS:
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
    m = DATELINE.match(text)
    return m.end() if m else 0


def _according_to(doc: Doc, inside: bytearray) -> list[Quote]:
    """'According to X, ...', '..., according to X.' and '..., as noted by X.': the rest of the
    sentence, said by X."""
    out = []
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
        if len(words) < MIN_QUOTE_WORDS or any(not _outside(t, inside) for t in words):
            continue
        s, e = words[0].idx, words[-1].idx + len(words[-1])
        s += _dateline_length(doc.text[s:e])
        out.append(_quote(doc.text, s, e, m, False))
    return out


def _as_by(tok: Token) -> bool:
    """'as noted by X' / 'as reported by X': an attribution participle opened by 'as' with an agent."""
    return (
        _is_attribution(tok)
        and _agent(tok) is not None
        and any(c.lower_ == "as" and c.dep_ == "mark" for c in tok.children)
    )
