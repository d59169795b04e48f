"""Story sentences -> groups of sentences from different articles that state the same fact.

Two sentences of different articles match when their embeddings are close
and their content words and names overlap enough; never when one is negated
and the other is not, or when they give different values for the same thing
("14 injured" / "nine injured").  Such aligned-but-different pairs stay
visible through ``similar_pairs`` so the conflicts stage can report them.
An article may state a fact twice (lead and body): a group can hold several
sentences of one article, but sentences of one article never match each
other directly.  Every sentence is in exactly one group.

The claims stage matches finer: ``sentence_units`` gives every body sentence
and its clauses (``Unit``: verbatim text with its span), since outlets often
state in one long sentence what others spread over several.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.nlp.quote_rules import DATELINE
from newsdesk.vocab import (
    CALENDAR_WORDS,
    FACT_TOKEN,
    OPENING_QUOTES,
    STOP_WORDS,
    STRAIGHT,
    content_overlap,
    content_words,
    count_value,
    leaves_quotation_open,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsdesk.analyse.context import StoryContext
    from newsdesk.models import Sentence

# two whole sentences state one fact whatever their words (tuned with briefs.py on Multi-News dev)
SAME_FACT_COSINE = 0.86
MAYBE = 0.60  # cosine from which shared content words may confirm a match
MATCH = 0.98  # cosine + W_OVERLAP × content overlap needed below SAME_FACT_COSINE
W_OVERLAP = 0.6
LINK = 0.6  # mean cosine between two groups that merge
MIN_OVERLAP = 0.2
NEGATION = re.compile(
    r"\b(not|no|never|none|neither|nor|nobody|nothing|denied|denies|deny|denying|refused|refuses|"
    r"rejected|rejects|without|cannot)\b|n['\u2019]t\b",  # "didn't", curly or straight
    re.I,
)
SENSATIONAL = frozenset(
    """
    shocking shock stunning stunned horrific horrifying terrifying chilling bombshell outrage outrageous
    incredible unbelievable amazing astonishing slams slammed blasts blasted epic insane jaw dropping
    brutal bizarre explosive dramatic massive huge devastating heartbreaking tragic furious wild
    """.split()
)


@dataclass(frozen=True)
class SentenceGroup:
    """Sentences (indexes into ``ctx.sentences``) stating one fact, from one or more articles."""

    members: tuple[int, ...]
    representative: int


def align_sentences(ctx: StoryContext) -> list[SentenceGroup]:
    """Every sentence of the story in exactly one group; cached in ``ctx.cache["groups"]``."""
    if "groups" not in ctx.cache:
        ctx.cache["groups"] = _build_groups(ctx)
    return list(ctx.cache["groups"])


def similar_pairs(ctx: StoryContext, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i < j, cosine) of sentences of different articles with cosine ≥ ``threshold``.

    No fact checks here: pairs that disagree on a number or on negation are
    included, which is what a conflicts finder needs.
    """
    n = len(ctx.sentences)
    if n < 2:
        return []
    sims = sentence_cosines(ctx)
    owner = np.array([ctx.order_of(s.article_id) for s in ctx.sentences]) if n else np.zeros(0)
    ii, jj = np.nonzero(np.triu(sims >= threshold, k=1) & (owner[:, None] != owner[None, :]))
    return [(int(i), int(j), float(sims[i, j])) for i, j in zip(ii, jj)]


def same_fact(ctx: StoryContext, i: int, j: int, cos: float | None = None) -> bool:
    """Sentences i and j (of different articles) state the same fact."""
    if ctx.sentences[i].article_id == ctx.sentences[j].article_id:
        return False
    cos = float(sentence_cosines(ctx)[i, j]) if cos is None else cos
    if cos < MAYBE or not agree(ctx.sentences[i].text, ctx.sentences[j].text):
        return False
    if cos >= SAME_FACT_COSINE:
        return True
    overlap = content_overlap(_content(ctx, i), _content(ctx, j))
    return overlap >= MIN_OVERLAP and cos + W_OVERLAP * overlap >= MATCH


def agree(a: str, b: str) -> bool:
    """Same polarity and no value given differently for the same thing."""
    (neg_a, va), (neg_b, vb) = _facts(a), _facts(b)
    return neg_a == neg_b and all(va[k] == vb[k] for k in va.keys() & vb.keys())


@lru_cache(maxsize=1 << 14)
def _facts(text: str) -> tuple[bool, Mapping[str, str]]:
    """Polarity and values of a sentence, read once: ``agree`` meets each sentence in many pairs."""
    return bool(NEGATION.search(text)), MappingProxyType(values_of(text))


def values_of(text: str) -> dict[str, str]:
    """Counted things and calendar slots -> value: {"injured": "14", "march": "3", "year": "2024"}."""
    words = FACT_TOKEN.findall(text.lower())
    out: dict[str, str] = {}
    for k, w in enumerate(words):
        value = count_value(w)
        if value is None:
            continue
        if len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2100:
            out.setdefault("year", w)
            continue
        after = next((x for x in words[k + 1 : k + 4] if x not in STOP_WORDS and count_value(x) is None), None)
        before = words[k - 1] if k else ""
        if before in CALENDAR_WORDS:
            out.setdefault(before[:3], value)
        elif after in CALENDAR_WORDS:
            out.setdefault(after[:3], value)
        elif after:
            out.setdefault(after.rstrip("s"), value)
    return out


def plainness(text: str) -> float:
    """Higher is plainer: no exclamation, rhetorical question, superlative or loaded adjective."""
    low = text.lower()
    penalty = 1.0 * text.count("!") + 0.7 * text.rstrip("\"'\u201d ").endswith("?")
    penalty += 0.3 * sum(w in SENSATIONAL for w in re.findall(r"[a-z]+", low))
    penalty += 0.2 * len(re.findall(r"\b[a-z]+est\b|\bmost\b", low)) if "est " in low or "most " in low else 0.0
    return -penalty


def _build_groups(ctx: StoryContext) -> list[SentenceGroup]:
    n = len(ctx.sentences)
    sims = sentence_cosines(ctx)
    cluster = {i: [i] for i in range(n)}
    where = list(range(n))
    pairs = sorted(similar_pairs(ctx, MAYBE), key=lambda p: -p[2])
    for i, j, cos in pairs:
        a, b = where[i], where[j]
        if a == b or not same_fact(ctx, i, j, cos):
            continue
        ca, cb = cluster[a], cluster[b]
        if float(sims[np.ix_(ca, cb)].mean()) < LINK:
            continue  # average linkage: no chains of loosely related sentences
        if not all(agree(ctx.sentences[x].text, ctx.sentences[y].text) for x in ca for y in cb):
            continue
        ca.extend(cb)
        for x in cb:
            where[x] = a
        del cluster[b]
    groups = [tuple(sorted(m)) for m in cluster.values()]
    groups.sort(key=lambda m: m[0])
    return [SentenceGroup(m, _representative(ctx, m)) for m in groups]


def _representative(ctx: StoryContext, members: tuple[int, ...]) -> int:
    """The plainest member; among equally plain ones the most central."""
    if len(members) == 1:
        return members[0]
    sims = sentence_cosines(ctx)[np.ix_(members, members)]
    central = sims.mean(axis=1)
    score = [plainness(ctx.sentences[m].text) + 0.5 * float(c) for m, c in zip(members, central)]
    return members[int(np.argmax(score))]


def sentence_cosines(ctx: StoryContext) -> np.ndarray:
    """Cosine of every pair of the story's sentence embeddings, computed once and kept in ``ctx.cache``."""
    if "cosines" not in ctx.cache:
        e = np.asarray(ctx.embeddings, dtype=np.float32)
        ctx.cache["cosines"] = e @ e.T if len(e) else np.zeros((0, 0), np.float32)
    return ctx.cache["cosines"]  # type: ignore[no-any-return]


def _content(ctx: StoryContext, i: int) -> frozenset[str]:
    cache = ctx.cache.setdefault("align_content", {})
    if i not in cache:
        cache[i] = content_words(ctx.sentences[i].text)
    return cache[i]  # type: ignore[no-any-return]


# --- units: sentences and the clauses inside them ----------------------------------------------

CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "parataxis"})
MODIFIER_DEPS = frozenset({"relcl", "acl"})  # a clause describing a noun: kept with the noun
CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "csubj"})
CONTRASTIVE = frozenset({"though", "although", "while", "whereas", "whilst"})  # "..., though" goes
MIN_UNIT_WORDS = 4
WHOLE_SHARE = 0.9  # a clause this much of its sentence is the sentence
SEPARATORS = frozenset({",", ";", ":", "-", "--", "\u2013", "\u2014"})
QUOTE_OPEN = frozenset(STRAIGHT + OPENING_QUOTES)


@dataclass(frozen=True)
class Unit:
    """A sentence, or a clause of one, that may state a claim: verbatim text and its span."""

    row: int  # index into ``ctx.sentences``
    article_id: str
    start: int  # character span into ``Article.text``
    end: int
    text: str
    whole: bool  # the whole sentence


def unit_span(ctx: StoryContext, u: Unit | Sentence) -> Span | None:
    """The parse of a unit or sentence (its tokens, widened to whole tokens); None without one."""
    doc = ctx.docs.get(u.article_id)
    return doc.char_span(u.start, u.end, alignment_mode="expand") if doc is not None else None


def sentence_units(ctx: StoryContext) -> list[Unit]:
    """Every body sentence (each text once per article, no titles) and its clauses; cached."""
    if "units" in ctx.cache:
        return list(ctx.cache["units"])
    seen: set[tuple[str, str]] = set()
    out: list[Unit] = []
    for row, s in enumerate(ctx.sentences):
        article = ctx.article(s.article_id)
        key = (s.article_id, s.text.strip())
        if key in seen or s.text.strip() in {article.title, *article.headings}:
            continue
        seen.add(key)
        out.append(Unit(row, s.article_id, s.start, s.end, s.text, True))
        span = unit_span(ctx, s)
        if span is None:
            continue
        doc = span.doc
        dateline = DATELINE.match(s.text)
        body = s.start + dateline.end() if dateline else s.start  # "KIEL (MPS) –" is no claim
        spans = [(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])) for lo, hi in clause_spans(span)]
        spans.append((s.start, s.end))
        for start, end in sorted({(max(body, a), min(s.end, b)) for a, b in spans}):
            text = article.text[start:end]
            dated = body > s.start and (start, end) == (body, s.end)  # the sentence, no dateline
            short = dated or end - start < WHOLE_SHARE * (s.end - body)
            if len(text.split()) >= MIN_UNIT_WORDS and short:
                out.append(Unit(row, s.article_id, start, end, text, False))
    ctx.cache["units"] = out
    return list(out)


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
