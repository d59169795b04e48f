"""A parsed sentence -> its clauses: token ranges of the statements inside it, asides shed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.vocab import OPENING_QUOTES, STRAIGHT, leaves_quotation_open

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "parataxis"})
MODIFIER_DEPS = frozenset({"relcl", "acl"})  # a clause describing a noun: kept with the noun
CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "csubj"})
CONTRASTIVE = frozenset({"though", "although", "while", "whereas", "whilst"})  # "..., though" goes
SEPARATORS = frozenset({",", ";", ":", "-", "--", "\u2013", "\u2014"})
QUOTE_OPEN = frozenset(STRAIGHT + OPENING_QUOTES)


def clause_spans(sent: Span) -> list[tuple[int, int]]:
    """Token ranges (doc indexes, end exclusive) of the clauses of a sentence.

    A clause is a verb's subtree without the asides at its edges: other clauses ("X will
    attend, and Y said Z" -> "X will attend", "Y said Z", "Z"), a description set off by a
    comma ("..., an arrangement that ..."), an attribution ("..., according to X").  What
    is in the middle stays.  A clause describing a noun ("the bridge, which links ...") is
    kept with its noun.
    """
    heads = [t for t in sent if _clause_head(t)]
    asides = [t for t in sent if _aside(t, heads)]
    out: set[tuple[int, int]] = set()
    for h in heads:
        if h.dep_ in MODIFIER_DEPS:
            if not _set_off(h):
                continue
            noun = h.head
            others = [a for a in asides if a.i != h.i]
            lo, hi = _shed(noun, others, noun.left_edge.i, noun.right_edge.i + 1)
            near = _noun_before(h)  # "X's plan to rebuild the pier, marking ...": the pier
            if near is not None and near.i != noun.i and noun.is_ancestor(near):
                first, last = max(near.left_edge.i, sent.start), min(h.right_edge.i + 1, sent.end)
                out.add(_trim(sent.doc, first, last))
        else:
            lo, hi = _shed(h, asides, h.left_edge.i, h.right_edge.i + 1)
        lo, hi = _trim(sent.doc, max(lo, sent.start), min(hi, sent.end))
        if hi > lo:
            out.add((lo, hi))
    return sorted(out)


def _clause_head(t: Token) -> bool:
    if t.dep_ == "ROOT":
        return True
    verb = t.pos_ in {"VERB", "AUX"} or any(c.dep_ in CORE_DEPS for c in t.children)
    if t.dep_ in MODIFIER_DEPS:
        return t.pos_ in {"VERB", "AUX"}
    if t.dep_ == "conj":
        return verb and (t.head.pos_ in {"VERB", "AUX"} or t.head.dep_ == "ROOT")
    return t.dep_ in CLAUSE_DEPS and verb


def _aside(t: Token, heads: list[Token]) -> bool:
    """A part a clause can shed: not the verb's complement ("said that ...", "signals that
    ..."), not a clause its subordinator ties to the rest ("six years since X visited"), not
    a description defining its noun ("the ministers expected to speak")."""
    nominal = t.pos_ in {"NOUN", "PROPN"}  # a "complement" that is a noun is a misparsed aside
    if t.dep_ in MODIFIER_DEPS or t.dep_ in {"appos", "npadvmod", "ccomp"} and nominal:
        return _set_off(t)
    if t.dep_ == "prep" and t.lower_ == "according":
        return True
    if t.dep_ in {"prep", "advmod"}:  # "..., among them ...", "In March 2023, ..."
        return _set_off(t) or t.left_edge.is_sent_start and _set_off_after(t)
    if not any(t.i == h.i for h in heads) or t.dep_ in {"ROOT", "ccomp"}:
        return False
    marks = [c.lower_ for c in t.children if c.dep_ == "mark"]
    if t.dep_ == "advcl" and marks and not set(marks) & CONTRASTIVE:
        return False
    return t.dep_ in CLAUSE_DEPS


def _shed(h: Token, asides: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """Cut the asides inside ``h``'s subtree off its edges, as long as ``h`` is left."""
    doc = h.doc
    changed = True
    while changed:
        changed = False
        for k in asides:
            if k.i == h.i or not h.is_ancestor(k):
                continue
            kl, kr = k.left_edge.i, k.right_edge.i + 1
            if kl < lo or kr > hi or kl <= h.i < kr:
                continue
            if all(_filler(doc[x]) for x in range(lo, kl)):
                lo, changed = kr, True
            elif all(_filler(doc[x]) for x in range(kr, hi)):
                hi, changed = kl, True
    return lo, hi


def _noun_before(k: Token) -> Token | None:
    """The noun phrase just before the comma that sets ``k`` off, when it ends there."""
    before = k.left_edge.i - 2
    if before < 0:
        return None
    noun = k.doc[before]
    return noun if noun.pos_ in {"NOUN", "PROPN"} and noun.right_edge.i == before else None


def _set_off(k: Token) -> bool:
    """Set off by a comma or dash ("the bridge, which links ...", "X, an arrangement ...")."""
    left = k.left_edge.i
    return left > 0 and k.doc[left - 1].text in SEPARATORS


def _set_off_after(k: Token) -> bool:
    """Followed by a comma or dash: a fronted phrase ("In March 2023, ...")."""
    right = k.right_edge.i + 1
    return right < len(k.doc) and k.doc[right].text in SEPARATORS


def _filler(t: Token) -> bool:
    return t.is_punct or t.dep_ in {"cc", "mark"} or t.is_space


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """No punctuation, conjunction or subordinator at either end; an open quotation is closed."""

    def lead(t: Token) -> bool:  # "..., and", "that ...", "when ..."
        return _filler(t) and t.text not in QUOTE_OPEN or t.lower_ == "that" or t.tag_ == "WRB"

    while lo < hi and lead(doc[lo]):
        lo += 1
    while hi > lo and _filler(doc[hi - 1]):
        hi -= 1
    if leaves_quotation_open(doc[lo:hi].text) and hi < len(doc) and doc[hi].text in {'"', "\u201d"}:
        hi += 1
    return lo, hi
