"""Claims of a story: its sentences and their clauses -> claims ranked by independent corroboration.

Outlets state one fact in paraphrase, often inside long sentences that state
several, so a claim is a *unit*: a sentence or one of its clauses
(``units.sentence_units``), verbatim text of one article.  Article B backs
claim c when one of B's units states what c states (``analyse.evidence``):
it covers c's names, values and content words, weighted by their rarity in
the story, with the embedding of the two units as support.  Nothing is
guessed: every count, written date and time of c must be in B's unit, and
so must every person c names (unless the story names them everywhere) and
every conjunct of c's "A and B"; no counted thing may differ ("14 injured"
never backs "nine injured"); polarity, hedging ("hopes to open") and past
against future must agree; a unit that states all of c but one word and puts
another in its place ("sold" / "bought the statue", "gold" / "silver coins")
backs nothing.  Claims are chosen greedily, most corroborated first; a unit
whose content and outlets a chosen claim already has is no new claim, and
what is left of each sentence stays a claim of its article alone.
Corroboration counts independent outlets: syndicated copies count once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.analyse.align import Alignment, align
from newsdesk.analyse.entities import entity_index
from newsdesk.analyse.evidence import NOUNS, StoryEvidence, story_evidence, word_feature
from newsdesk.analyse.timeline import story_times
from newsdesk.analyse.units import ClaimUnits, Unit, claim_units, unit_span
from newsdesk.models import Claim
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.analysis import ClaimsTuning
from newsdesk.vocab import HEDGES, QUOTE_CHARS, TIME_WORDS, outside_quotes

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsdesk.analyse.context import StoryContext
    from newsdesk.analyse.evidence import Evidence


# where a word swapped for another says something else of the same things: a verb's subject and
# object, a noun's modifiers
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
COS_MAX = 1.001  # the cosine of two unit vectors, with room for float rounding


@dataclass(frozen=True)
class StoryClaims:
    """The claims of a story ranked by corroboration, the coverage matrix {article id: [claim
    indexes]}, and for each claim (same order) the unit it shows and the unit of every article
    backing it (its own included)."""

    claims: tuple[Claim, ...]
    coverage: dict[str, list[int]]
    backing: tuple[tuple[Unit, tuple[Unit, ...]], ...]


def find_claims(
    ctx: StoryContext,
    alignment: Alignment | None = None,
    units: ClaimUnits | None = None,
    evidence: StoryEvidence | None = None,
) -> StoryClaims:
    """Claims ranked by corroboration, from the story's ``alignment``, claim ``units`` and their
    ``evidence`` (each found here when not given)."""
    alignment = alignment or align(ctx)
    units = units or claim_units(ctx)
    ev = evidence or story_evidence(ctx, units.units, entity_index(ctx), story_times(ctx))
    us = units.units
    support, scores = claim_support(ev, units, alignment)
    chosen = _greedy(ev, units, support, scores)
    claims = [(_claim(ctx, us[seed], support[seed]), seed) for seed in chosen]
    claims.sort(key=lambda c: (-c[0].independent_sources, -len(c[0].sources), c[1]))
    ordered = tuple(c for c, _ in claims)
    coverage: dict[str, list[int]] = {a.id: [] for a in ctx.articles}
    for n, claim in enumerate(ordered):
        for aid in claim.sources:
            coverage[aid].append(n)
    backing = tuple((us[seed], tuple(us[u] for u in support[seed].values())) for _, seed in claims)
    return StoryClaims(ordered, coverage, backing)


def is_claim_sentence(text: str, min_words: int = DEFAULT_TUNING.claims.min_words) -> bool:
    """A statement worth counting: not a question, a headline, a fragment or a bare quotation."""
    words = text.split()
    if len(words) < min_words or text.rstrip(QUOTE_CHARS + " ").endswith("?"):
        return False
    capitals = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if (
        capitals
        and sum(w[0].isupper() for w in capitals) >= 0.8 * len(capitals)
        and not text.endswith(".")
    ):
        return False  # a headline or teaser left in the text
    return len(outside_quotes(text).split()) >= 3


# --- backing: which unit of each other article states a claim ---------------------------------


Support = dict[int, dict[str, int]]  # claim unit -> {article id: its unit backing the claim}
Scores = dict[tuple[int, str], float]  # (claim unit, article id) -> how surely that unit backs it


def claim_support(ev: StoryEvidence, cu: ClaimUnits, alignment: Alignment) -> tuple[Support, Scores]:
    """For each unit (index into ``cu.units``) that may be a claim, the unit of every
    article that states it best ({article id: unit index}, its own article included), and the
    ``match_score`` of each backer from another article."""
    units, vectors, t = cu.units, cu.vectors, ev.ctx.tuning.claims
    seeds = {k for k, u in enumerate(units) if may_claim(ev, u)}
    support = {k: {units[k].article_id: k} for k in seeds}
    pairs = [(c, b) for i, j in sorted(_candidate_pairs(ev, alignment, units))  # sorted: ties go the same way
             for c, b in ((i, j), (j, i)) if c in seeds]
    # the cosine-free part of each pair first, then the clauses of the pairs that may match embedded
    # in one batch (cheaper than one at a time), then the scores in pair order
    covers = {(c, b): cover for c, b in pairs
              if (cover := _cover(ev, units[c], units[b])) is not None and _best_case(ev.of(units[c]), cover, t) >= t.match}
    vectors.fetch(sorted({k for pair in covers for k in pair}))
    best: Scores = {}
    for c, b in covers:
        score = _score(ev.of(units[c]), covers[c, b], float(vectors[c] @ vectors[b]), t)
        aid = units[b].article_id
        if score >= t.match and score > best.get((c, aid), -1.0):
            support[c][aid] = b
            best[(c, aid)] = score
    return support, best


def match_score(
    ev: StoryEvidence, claim: Unit, other: Unit, cosine: Callable[[], float], floor: float = -math.inf
) -> float:
    """How surely ``other`` states ``claim``: cosine + w_cover x the weighted share of the claim's
    content it states; 0 when it leaves out or contradicts what the claim may not lose, or when it
    cannot reach ``floor`` whatever the cosine.  ``cosine`` is called only for a compatible pair
    that may reach ``floor`` (a clause is embedded when first compared)."""
    cover = _cover(ev, claim, other)
    if cover is None or _best_case(ev.of(claim), cover, ev.ctx.tuning.claims) < floor:
        return 0.0
    return _score(ev.of(claim), cover, cosine(), ev.ctx.tuning.claims)


def _cover(ev: StoryEvidence, claim: Unit, other: Unit) -> float | None:
    """The weighted share of the claim's content ``other`` states; None when ``other`` leaves out
    or contradicts what the claim may not lose."""
    ec, eo = ev.of(claim), ev.of(other)
    if not _compatible(ev, ec, eo):
        return None
    if _swapped(ev, claim, other, eo.content):
        return None
    total = ev.weight(ec.content)
    return ev.weight(ec.content & eo.content) / total if total else 0.0


def _score(claim: Evidence, cover: float, cos: float, t: ClaimsTuning) -> float:
    """``match_score`` of a compatible pair from its ``cover`` and cosine."""
    score = cos + t.w_cover * cover
    if cos >= t.paraphrase_cosine and cover >= t.sure_cover:  # a close paraphrase in other words
        return max(t.match, score)
    if claim.needs and cover >= t.min_cover - t.value_bonus:  # the same counts and dates
        return score + (t.count_bonus if _distinct_count(claim, t.distinct) or _dated(claim) else t.value_bonus)
    return score if cover >= t.min_cover else 0.0


def _best_case(claim: Evidence, cover: float, t: ClaimsTuning) -> float:
    """The highest ``match_score`` a pair of this ``cover`` can reach, whatever its cosine (at most
    ``COS_MAX``): an upper bound of every branch of ``match_score``, each monotone in the cosine."""
    high = COS_MAX + t.w_cover * cover
    best = max(t.match, high) if cover >= t.sure_cover else 0.0
    if claim.needs and cover >= t.min_cover - t.value_bonus:
        best = max(best, high + max(t.count_bonus, t.value_bonus))
    return max(best, high) if cover >= t.min_cover else best


def _distinct_count(e: Evidence, distinct: int) -> bool:
    """The claim gives a count few facts share ("1,150 jobs"), not a small one ("three times")."""
    return any(
        s.kind == "number" and s.lo == s.hi and s.lo >= distinct and s.what not in TIME_WORDS
        for s in e.slots
    )


def _dated(e: Evidence) -> bool:
    """The claim gives a day or month ("on March 17", "in April 2025"), which few facts share."""
    return any(len(f) > 6 and f.startswith("t:") and f[2:6].isdigit() for forms in e.needs for f in forms)


def _compatible(ev: StoryEvidence, claim: Evidence, other: Evidence) -> bool:
    """Nothing the claim says is denied, changed or left out by ``other`` in a way that matters."""
    return not blocker(ev, claim, other)


def blocker(ev: StoryEvidence, claim: Evidence, other: Evidence) -> str:
    """The first check by which ``other`` cannot back ``claim`` whatever its wording ("" when none),
    named for reports (``benchmarks/factwhy.py``)."""
    if claim.negated != other.negated or claim.hedged != other.hedged:
        return "negation" if claim.negated != other.negated else "hedge"
    if {claim.tense, other.tense} == {"past", "future"} or not other.subject:
        return "tense" if other.subject else "no subject"
    if not other.states_values_of(claim):
        return "values"  # a count, written date or length of the claim the backer does not state
    if not claim.words & other.words:
        return "no shared word"  # names and values alone: the same people or dates, maybe another event
    if any(a.matches(b) and not a.compatible(b) for a in claim.slots for b in other.slots):
        return "counts differ"
    t = ev.ctx.tuning.claims
    if any(p not in other.content for p in claim.people if ev.idf(p) >= t.person_idf):
        return "person"
    if claim.agent and other.agent and claim.agent != other.agent:
        return "agent"  # said of another person, or of a "she" the story names no one for
    if not all(ev.weight(p & other.content) >= t.part_cover * ev.weight(p) for p in claim.parts):
        return "conjunct"
    return ""


def _swapped(ev: StoryEvidence, claim: Unit, other: Unit, stated: frozenset[str]) -> bool:
    """``other`` states all the claim says but one word, and puts another word in its place: a verb
    with the same subject or object ("sold" / "bought the statue", "rose" / "fell"), a modifier of
    the same noun ("gold" / "silver coins").  Such a pair is as often an opposite or a sibling as a
    synonym, and word vectors do not tell which, so it is no backing.  ``stated``: the features
    ``other`` states (its content; a trial may add the claim's words it states in other words)."""
    said = ev.of(claim).content
    missing = said - stated
    # "hopes" / "wants to buy": hedges are compared by ``_compatible``
    if len(missing) != 1 or missing <= HEDGES:
        return False
    span_c, span_o = unit_span(ev.ctx, claim), unit_span(ev.ctx, other)
    if span_c is None or span_o is None:
        return False
    word = next(iter(missing))
    mine = [t for t in span_c if word_feature(t) == word]
    theirs = [t for t in span_o if (f := word_feature(t)) is not None and f not in said | HEDGES]
    return any(_same_slot(a, b) for a in mine for b in theirs)


def _same_slot(a: Token, b: Token) -> bool:
    """Two verbs with a subject or object in common, or two modifiers of the same noun (the
    tagger reads "gold coins" as a compound and "silver coins" as an adjective)."""
    if a.pos_ == "VERB" or b.pos_ == "VERB":
        return a.pos_ == b.pos_ and bool(_arguments(a) & _arguments(b))
    if not {a.dep_, b.dep_} <= MODIFIER_DEPS or a.head.i == a.i or b.head.i == b.i:
        return False
    return a.head.lemma_ == b.head.lemma_


def _arguments(verb: Token) -> set[str]:
    """The nouns a verb has as subject or object (not "which", "it": they name nothing here)."""
    return {c.lemma_.lower() for c in verb.children if c.dep_ in ARGUMENT_DEPS and c.pos_ in NOUNS}


def may_claim(ev: StoryEvidence, u: Unit) -> bool:
    """A statement of its own: its sentence is one, it is more than a quotation, has its subject
    and says enough to be told apart from the story's other statements."""
    e, t = ev.of(u), ev.ctx.tuning.claims
    if not e.subject or not is_claim_sentence(ev.ctx.sentences[u.row].text, t.min_words):
        return False
    if len(outside_quotes(u.text).split()) < 3 or len(e.content) < t.min_features:
        return False
    return ev.weight(e.content) >= t.min_content


def _candidate_pairs(
    ev: StoryEvidence, alignment: Alignment, units: tuple[Unit, ...]
) -> set[tuple[int, int]]:
    """Units of different articles worth comparing: of sentences alike in meaning, or sharing a
    name, value or word that is not common in the story."""
    by_row: dict[int, list[int]] = defaultdict(list)
    for k, u in enumerate(units):
        by_row[u.row].append(k)
    pairs: set[tuple[int, int]] = set()
    t = ev.ctx.tuning.claims
    for a, b, _ in alignment.similar_pairs(t.similar):
        pairs.update((min(i, j), max(i, j)) for i in by_row[a] for j in by_row[b])
    common = max(2, int(t.common * len(ev.ctx.sentences)))
    index: dict[str, list[int]] = defaultdict(list)
    for k, u in enumerate(units):
        for f in sorted(ev.of(u).content):
            if ev.df.get(f, 0) <= common:
                index[f].append(k)
    for members in index.values():
        for x, i in enumerate(members):
            aid = units[i].article_id
            pairs.update((i, j) for j in members[x + 1 :] if units[j].article_id != aid)
    return pairs


# --- choosing the claims --------------------------------------------------------------------


def _greedy(ev: StoryEvidence, cu: ClaimUnits, support: Support, scores: Scores) -> list[int]:
    """Seeds in order of corroboration (then of how surely they are backed, ``scores``).  A unit a
    chosen claim restates (its outlets among the claim's, its content nearly stated by the claim's
    text) is no new claim; of the units only their own article states, one per part of a
    sentence, the whole sentence first."""

    ctx, units = ev.ctx, cu.units

    def strength(seed: int) -> float:
        others = [scores.get((seed, a), 0.0) for a in support[seed] if a != units[seed].article_id]
        return sum(others) / len(others) if others else 0.0

    ranked = sorted(
        support,
        key=lambda k: (
            -ctx.independent(support[k]),
            -len(support[k]),
            not units[k].whole,
            _leans_on_context(ctx, units[k]),
            -strength(k),
            k,
        ),
    )
    chosen: list[int] = []
    alone: list[int] = []
    for seed in ranked:
        mine = len(support[seed]) == 1
        if mine and any(_overlap(units[seed], units[k]) for k in alone):
            continue  # tested first: it is cheap, and ``_restates`` may embed a clause
        if any(_restates(ev, cu, support, claim, seed) for claim in chosen):
            continue
        if mine:
            alone.append(seed)
        chosen.append(seed)
    return chosen


def _leans_on_context(ctx: StoryContext, u: Unit) -> bool:
    """A unit whose subject is a pronoun ("she will also speak") reads badly alone."""
    span = unit_span(ctx, u)
    if span is None:
        return False
    return any(t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PRON" for t in span)


def _restates(ev: StoryEvidence, cu: ClaimUnits, support: Support, claim: int, seed: int) -> bool:
    """The chosen claim already has the seed's outlets, and its text nearly states the seed."""
    if not support[seed].keys() <= support[claim].keys():  # key views compare as sets, none built
        return False
    cosine = lambda: float(cu.vectors[seed] @ cu.vectors[claim])  # noqa: E731
    floor = ev.ctx.tuning.claims.restates
    return match_score(ev, cu.units[seed], cu.units[claim], cosine, floor) >= floor


def _overlap(a: Unit, b: Unit) -> bool:
    return a.row == b.row and a.start < b.end and b.start < a.end


def _claim(ctx: StoryContext, seed: Unit, members: dict[str, int]) -> Claim:
    order = {a.id: n for n, a in enumerate(ctx.articles)}
    sources = tuple(sorted(members, key=order.__getitem__))
    syndicated = tuple(
        tuple(a for a in g if a in members)
        for g in ctx.syndication
        if len(set(g) & set(members)) > 1
    )
    return Claim(seed.text.strip(), sources, ctx.independent(sources), syndicated)
