"""Speaker attribution: parsed text + one quote span -> the speaker mention (pronouns resolved)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.models import Quote
from newsdesk.nlp.entity_rules import TITLE_HEADS
from newsdesk.nlp.quote_rules import (
    ASIDE_MARKS,
    ATTRIBUTION_VERBS,
    FRAMING_VERBS,
    MENTION_CUT_DEPS,
    OTHER_PRONOUNS,
    PERSONAL_PRONOUNS,
    PRONOUN_WINDOW,
    RELATIVE_PRONOUNS,
    SPEAKER_LABELS,
    SUBJECT_DEPS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass
class _Mention:
    start: int
    end: int
    name: str


def _quote(text: str, s: int, e: int, m: _Mention | None, direct: bool) -> Quote:
    if m is None:
        return Quote(text[s:e], s, e, None, None, None, direct)
    return Quote(text[s:e], s, e, m.name, m.start, m.end, direct)


def _outside(tok: Token, inside: bytearray) -> bool:
    return not inside[tok.idx]


def _speaker_of(
    doc: Doc, doc_text: str, sentences: list[Span], s: int, e: int, inside: bytearray
) -> _Mention | None:
    """``doc_text``: ``doc.text``, which spaCy rebuilds from every token on each access."""
    sents = _sentences_around(sentences, s, e)
    lo, hi = _paragraph(doc_text, s, e)
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
    surface = doc[lo : hi + 1].text  # = the document's text[start:end], without walking every token
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
