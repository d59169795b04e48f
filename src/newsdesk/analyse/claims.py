"""Claims of a story: its aligned sentences -> claims ranked by independent corroboration, and coverage.

A claim is a statement sentence (questions, headline-cased lines and bare
quotations are left out).  Each claim sentence collects, in every other
article, the sentence that states it: one in ``align``'s group, or a similar
one (``similar_pairs``) that also covers its names, numbers, dates and
content words, with no slot in disagreement ("14 injured" never corroborates
"nine injured") and the same polarity.  A sentence may support several claims
(a long sentence states several facts); claims are chosen greedily, most
corroborated first, and a sentence standing for a chosen claim starts no new
one.  Corroboration counts independent outlets: syndicated copies count once.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from newsdesk.analyse.conflicts import Slot, sentence_slots
from newsdesk.models import Claim

if TYPE_CHECKING:
    from newsdesk.analyse.context import StoryContext

MERGE_MAYBE = 0.45  # cosine from which shared names, values and words may confirm a match
MERGE_FLOOR = 0.25  # below MERGE_MAYBE, only sentences sharing a rare number ("1,150") are compared
RARE_NUMBER = 13  # counts from here on are distinctive enough to link sentences
MATCH = 0.94  # cosine + W_COVER × content coverage + weighted shared values (numbers, dates)
NEAR_MATCH = 0.85  # ... enough when a sentence already backing the claim fully matches it too
W_COVER = 0.5
# evidence of each shared value: a number counting the same noun weighs most; a bare year least
VALUE_WEIGHTS = {"num": 0.2, "number": 0.2, "ordinal": 0.2, "date": 0.3, "year": 0.1}
MAX_VALUES = 0.6
W_MISSING = 0.15  # per number of the claim the other sentence does not state
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "NUM"})
MIN_WORDS = 4
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
QUOTE_CHARS = '"\u201c\u201d\u201e\u00ab\u00bb'
_NEGATION = re.compile(
    r"\b(not|no|never|denied|denies|deny|n't|without|refused|rejects?|rejected)\b", re.IGNORECASE
)


def find_claims(ctx: StoryContext) -> tuple[tuple[Claim, ...], dict[str, list[int]]]:
    """Claims ranked by corroboration, and the coverage matrix {article id: [claim indexes]}."""
    units = claim_units(ctx)
    support = claim_support(ctx, units)
    chosen = _greedy(ctx, units, support)
    claims = [(_claim(ctx, seed, support[seed]), seed) for seed in chosen]
    claims.sort(key=lambda c: (-c[0].independent_sources, -len(c[0].sources), c[1]))
    ordered = tuple(c for c, _ in claims)
    coverage: dict[str, list[int]] = {a.id: [] for a in ctx.articles}
    for n, claim in enumerate(ordered):
        for aid in claim.sources:
            coverage[aid].append(n)
    ctx.cache["claim_members"] = [sorted(support[seed].values()) for _, seed in claims]
    return ordered, coverage


def claim_members(ctx: StoryContext) -> list[list[int]]:
    """Sentence indexes behind each claim of the last ``find_claims`` (same order as the claims)."""
    if "claim_members" not in ctx.cache:
        find_claims(ctx)
    return list(ctx.cache["claim_members"])


def claim_units(ctx: StoryContext) -> list[int]:
    """Indexes of the sentences that can be claims: statements, each text once per article, no titles."""
    seen: set[tuple[str, str]] = set()
    out = []
    for i, s in enumerate(ctx.sentences):
        article = ctx.article(s.article_id)
        key = (s.article_id, s.text.strip())
        if (
            key in seen
            or s.text.strip() in {article.title, *article.headings}
            or not is_claim_sentence(s.text)
        ):
            continue
        seen.add(key)
        out.append(i)
    return out


def is_claim_sentence(text: str) -> bool:
    """A statement worth counting: not a question, a headline, a fragment or a bare quotation."""
    words = text.split()
    if len(words) < MIN_WORDS or text.rstrip(QUOTE_CHARS + " ").endswith("?"):
        return False
    capitals = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if (
        capitals
        and sum(w[0].isupper() for w in capitals) >= 0.8 * len(capitals)
        and not text.endswith(".")
    ):
        return False  # a headline or teaser left in the text
    return len(_outside_quotes(text).split()) >= 3


def _outside_quotes(text: str) -> str:
    out, inside = [], False
    for ch in text:
        if ch in QUOTE_CHARS:
            inside = not inside if ch in '"' else ch in "\u201c\u201e\u00ab"
            continue
        if not inside:
            out.append(ch)
    return "".join(out)


def claim_support(ctx: StoryContext, units: list[int]) -> dict[int, dict[str, int]]:
    """For each claim sentence, the sentence of every article that states it ({article id: sentence})."""
    from newsdesk.analyse.align import align_sentences, similar_pairs

    keep = set(units)
    cos: dict[tuple[int, int], float] = {}
    for i, j, c in similar_pairs(ctx, MERGE_FLOOR):
        if c >= MERGE_MAYBE or _rare_number_shared(ctx, i, j):
            cos[(i, j)] = cos[(j, i)] = c
    for group in align_sentences(ctx):  # align's groups are matches even below our cut
        for i in group.members:
            for j in group.members:
                if i != j:
                    cos.setdefault(
                        (i, j), max(MERGE_MAYBE, float(ctx.embeddings[i] @ ctx.embeddings[j]))
                    )
    support = {i: {ctx.sentences[i].article_id: i} for i in units}
    best: dict[tuple[int, str], float] = {}
    for (i, j), c in cos.items():
        a, b = ctx.sentences[i].article_id, ctx.sentences[j].article_id
        if a == b or i not in keep or j not in keep or c <= best.get((i, b), -1.0):
            continue
        if _confirmed(ctx, i, j, c):
            support[i][b] = j
            best[(i, b)] = c
    _second_paths(ctx, cos, support)
    return support


def _second_paths(
    ctx: StoryContext, cos: dict[tuple[int, int], float], support: dict[int, dict[str, int]]
) -> None:
    """A sentence that nearly states claim i also states it when a sentence already backing i, in
    a third article, fully matches it: two paths of evidence instead of one."""
    added: dict[int, dict[str, int]] = defaultdict(dict)
    for (i, j), c in cos.items():
        b = ctx.sentences[j].article_id
        if i not in support or j not in support or b in support[i] or b in added[i]:
            continue
        if not _agree(ctx, i, j) or match_score(ctx, i, j, c) < NEAR_MATCH:
            continue
        backers = [k for a, k in support[i].items() if k != i and a != b]
        if any((k, j) in cos and _confirmed(ctx, k, j, cos[(k, j)]) for k in backers):
            added[i][b] = j
    for i, more in added.items():
        support[i].update(more)


def _greedy(ctx: StoryContext, units: list[int], support: dict[int, dict[str, int]]) -> list[int]:
    """Seeds in order of corroboration; a sentence already standing for a chosen claim is no new claim."""
    ranked = sorted(
        units,
        key=lambda i: (
            -ctx.independent(support[i]),
            -len(support[i]),
            _leans_on_context(ctx, i),
            i,
        ),
    )
    used: set[int] = set()
    chosen: list[int] = []
    for seed in ranked:
        if seed in used or _restates(ctx, seed, support, chosen):
            continue
        chosen.append(seed)
        used.update(support[seed].values())
    return chosen


def _restates(
    ctx: StoryContext, seed: int, support: dict[int, dict[str, int]], chosen: list[int]
) -> bool:
    """The seed's own article already backs a chosen claim through the very same sentences elsewhere."""
    others = set(support[seed].values()) - {seed}
    aid = ctx.sentences[seed].article_id
    return bool(others) and any(
        aid in support[c] and others <= set(support[c].values()) for c in chosen
    )


def _leans_on_context(ctx: StoryContext, i: int) -> bool:
    """A sentence whose subject is a pronoun ("he will also attend") reads badly alone."""
    from newsdesk.analyse.conflicts import sentence_span

    span = sentence_span(ctx, i)
    return span is not None and any(t.dep_ in SUBJECTS and t.pos_ == "PRON" for t in span)


def _confirmed(ctx: StoryContext, i: int, j: int, cos: float) -> bool:
    """Sentence j states claim i: no disagreement, and similar or covering i's names, values and words."""
    if not _agree(ctx, i, j):
        return False
    return match_score(ctx, i, j, cos) >= MATCH


def match_score(ctx: StoryContext, i: int, j: int, cos: float) -> float:
    """Cosine + share of claim i's content sentence j states + shared values - missing numbers."""
    fi, fj = _features(ctx, i), _features(ctx, j)
    values = sum(VALUE_WEIGHTS.get(f.split(":", 1)[0], 0.0) for f in fi & fj)
    missing = sum(f.startswith("num:") for f in fi - fj)
    return cos + W_COVER * _coverage(ctx, i, j) + min(values, MAX_VALUES) - W_MISSING * missing


def _agree(ctx: StoryContext, i: int, j: int) -> bool:
    """No slot in disagreement and the same polarity."""
    ti, tj = ctx.sentences[i].text, ctx.sentences[j].text
    if bool(_NEGATION.search(ti)) != bool(_NEGATION.search(tj)):
        return False
    si, sj = _slots(ctx, i), _slots(ctx, j)
    return not any(
        a.matches(b) and not a.compatible(b) for a in si for b in sj if a.kind == "number"
    )


def _rare_number_shared(ctx: StoryContext, i: int, j: int) -> bool:
    def rare(k: int) -> set[str]:
        return {
            s.value
            for s in _slots(ctx, k)
            if s.kind == "number" and s.lo == s.hi and s.lo >= RARE_NUMBER
        }

    return bool(rare(i) & rare(j))


def _coverage(ctx: StoryContext, i: int, j: int) -> float:
    """Share of sentence i's content (idf-weighted lemmas, entities, values) that sentence j states too."""
    fi, fj = _features(ctx, i), _features(ctx, j)
    idf = _idf(ctx)
    total = sum(idf.get(f, 1.0) for f in fi)
    return sum(idf.get(f, 1.0) for f in fi & fj) / total if total else 0.0


def _features(ctx: StoryContext, i: int) -> frozenset[str]:
    cache = ctx.cache.setdefault("claim_features", {})
    if i not in cache:
        cache[i] = _compute_features(ctx, i)
    return cache[i]


def _compute_features(ctx: StoryContext, i: int) -> frozenset[str]:
    from newsdesk.analyse.conflicts import sentence_span
    from newsdesk.nlp.entities import canonicaliser, place_of

    span = sentence_span(ctx, i)
    if span is None:
        return frozenset()
    canonical = canonicaliser(ctx)
    feats = set()
    for s in _slots(ctx, i):
        if s.kind in {"number", "ordinal"}:  # "eighty years" and "80th anniversary" share 80
            feats |= {f"num:{s.value}", f"{s.kind}:{s.value}:{s.what}"}
        elif s.kind == "time":
            feats.add(f"date:{s.value}")
        elif s.kind == "date":
            feats.add(f"{'year' if s.value.endswith('?-?') else 'date'}:{s.value}")
    for ent in span.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}:
            name = place_of(ctx, ent.text) if ent.label_ == "NORP" else canonical(ent.text)
            feats.add("ent:" + (name or ent.text.lower()))
    for tok in span:
        if tok.pos_ in CONTENT_POS and tok.is_alpha and not tok.is_stop and not tok.ent_type_:
            feats.add(tok.lemma_.lower())
    return frozenset(feats)


def _idf(ctx: StoryContext) -> dict[str, float]:
    if "claim_idf" not in ctx.cache:
        df: dict[str, int] = defaultdict(int)
        for i in range(len(ctx.sentences)):
            for f in _features(ctx, i):
                df[f] += 1
        n = len(ctx.sentences)
        ctx.cache["claim_idf"] = {f: math.log((n + 1) / (d + 0.5)) for f, d in df.items()}
    idf: dict[str, float] = ctx.cache["claim_idf"]
    return idf


def _slots(ctx: StoryContext, i: int) -> list[Slot]:
    cache = ctx.cache.setdefault("sentence_slots", {})
    if i not in cache:
        cache[i] = sentence_slots(ctx, i)
    return cache[i]


def _claim(ctx: StoryContext, seed: int, members: dict[str, int]) -> Claim:
    order = {a.id: n for n, a in enumerate(ctx.articles)}
    sources = tuple(sorted(members, key=order.__getitem__))
    syndicated = tuple(
        tuple(a for a in g if a in members)
        for g in ctx.syndication
        if len(set(g) & set(members)) > 1
    )
    return Claim(ctx.sentences[seed].text.strip(), sources, ctx.independent(sources), syndicated)
