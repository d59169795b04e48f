"""Brief sentences and claims with their cited articles -> the evidence of every citation.

A brief sentence or a claim cites several articles; each cited article states
the fact in its own sentences, often only its core ("14 people were hurt"
cited for "The ferry struck the quay, injuring 14 people and closing the
berth").  For each (sentence or claim, cited article) this stage finds the
sentence(s) of that article that state it, with their spans into
``Article.text``, and labels the support:

- ``full``: the sentences state (nearly) all that the cited text says: its
  names, counts, dates and content words, weighted by their rarity in the
  story (``analyse.evidence``), and every count and written date of it;
- ``partial``: they state its core fact only.

Candidates are the sentences the earlier stages already matched: the
sentence's fact group (``align``) and the units backing a claim
(``claims``).  When the best candidate leaves a rare part of the cited
text unsaid, another sentence of the same article that says it joins the
evidence (outlets split a long sentence in two).  The cited article itself
is full support of its own verbatim text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsdesk.analyse.align import Alignment
from newsdesk.analyse.evidence import EMPTY, Evidence, StoryEvidence
from newsdesk.analyse.units import ClaimUnits, Unit
from newsdesk.models import BriefSentence, Claim, EvidenceSentence, SourceEvidence, Support

if TYPE_CHECKING:
    from newsdesk.analyse.claims import StoryClaims
    from newsdesk.analyse.context import StoryContext

Rows = Mapping[str, list[int]]  # article id -> its body sentences (indexes into ctx.sentences)



@dataclass(frozen=True)
class StoryCitations:
    """The evidence of every citation of one story: one tuple per brief sentence and per claim,
    each holding one ``SourceEvidence`` per cited article, in the order of ``sources``."""

    brief: tuple[tuple[SourceEvidence, ...], ...]
    claims: tuple[tuple[SourceEvidence, ...], ...]


def story_citations(
    brief: Sequence[BriefSentence],
    found: StoryClaims,
    alignment: Alignment,
    units: ClaimUnits,
    ev: StoryEvidence,
) -> StoryCitations:
    """The evidence of each cited article of ``brief`` and of the claims ``found``, from the
    story's fact groups (``alignment``), claim ``units`` and their evidence ``ev``."""
    backers = _claim_backers(found.backing)
    rows = _body_rows(ev.ctx, units)
    out_brief = tuple(_brief_evidence(ev, rows, alignment, b, backers) for b in brief)
    out_claims = []
    for claim, (shown, backing) in zip(found.claims, found.backing):
        own = {u.article_id: [u.row] for u in backing}
        out_claims.append(_evidence_for(ev, rows, [shown], claim.sources, own, shown.article_id))
    return StoryCitations(out_brief, tuple(out_claims))


def with_evidence(
    brief: Sequence[BriefSentence], claims: Sequence[Claim], found: StoryCitations
) -> tuple[tuple[BriefSentence, ...], tuple[Claim, ...]]:
    """``brief`` and ``claims`` carrying the evidence ``found`` for them."""
    return (
        tuple(replace(b, evidence=e) for b, e in zip(brief, found.brief)),
        tuple(replace(c, evidence=e) for c, e in zip(claims, found.claims)),
    )


def _claim_backers(
    units: Iterable[tuple[Unit, tuple[Unit, ...]]],
) -> dict[int, dict[str, list[int]]]:
    """Sentence row of a claim shown whole -> {article id: rows of its units backing that claim}."""
    out: dict[int, dict[str, list[int]]] = {}
    for shown, backing in units:
        if shown.whole:
            for u in backing:
                out.setdefault(shown.row, {}).setdefault(u.article_id, []).append(u.row)
    return out


def _brief_evidence(
    ev: StoryEvidence,
    rows_of: Rows,
    alignment: Alignment,
    b: BriefSentence,
    backers: dict[int, dict[str, list[int]]],
) -> tuple[SourceEvidence, ...]:
    ctx = ev.ctx
    if b.citation is None:
        return ()
    rows = [
        r for r, s in enumerate(ctx.sentences)
        if s.article_id == b.citation.article_id and b.citation.start <= s.start < b.citation.end
    ]
    if not rows:
        return ()
    candidates: dict[str, list[int]] = {}
    group = next((g for g in alignment.groups if rows[0] in g.members), None)
    for m in group.members if group else ():
        candidates.setdefault(ctx.sentences[m].article_id, []).append(m)
    for aid, found in backers.get(rows[0], {}).items():
        candidates.setdefault(aid, []).extend(found)
    cited = [_whole_unit(ctx, r) for r in rows]
    return _evidence_for(ev, rows_of, cited, b.sources, candidates, b.citation.article_id)


def _evidence_for(
    ev: StoryEvidence,
    rows_of: Rows,
    cited: list[Unit],
    sources: Iterable[str],
    candidates: dict[str, list[int]],
    own: str,
) -> tuple[SourceEvidence, ...]:
    """One ``SourceEvidence`` per source: the cited units' own sentences for ``own``, else the best
    of the article's candidate sentences (any of its sentences when none was matched)."""
    ctx = ev.ctx
    target = _merged([ev.of(u) for u in cited])
    out = []
    for aid in sources:
        if aid == own:
            rows = sorted({u.row for u in cited})
            out.append(SourceEvidence(aid, "full", tuple(_sentence(ctx, r) for r in rows)))
            continue
        pool = candidates.get(aid) or list(rows_of.get(aid, []))
        rows, support = _choose(ev, target, pool, list(rows_of.get(aid, [])))
        out.append(SourceEvidence(aid, support, tuple(_sentence(ctx, r) for r in sorted(rows))))
    return tuple(out)


def _choose(
    ev: StoryEvidence, target: Evidence, pool: list[int], everything: list[int]
) -> tuple[list[int], Support]:
    """The sentence of the article that states most of ``target`` (one of ``pool``, those matched
    before, unless another states clearly more), with one more of its sentences when that states a
    part the first left out; and whether together they state it all."""
    t = ev.ctx.tuning.citations
    total = ev.weight(target.content) or 1.0
    if not pool:
        return [], "partial"

    def share(features: frozenset[str]) -> float:
        return ev.weight(target.content & features) / total

    content = {r: ev.of(_whole_unit(ev.ctx, r)).content for r in set(pool) | set(everything)}
    matched = set(pool)
    best = max(
        sorted(matched | set(everything)),
        key=lambda r: share(content[r]) + (t.matched if r in matched else 0.0),
    )
    chosen, stated = [best], content[best]
    while len(chosen) < t.max_sentences and not _states(target, stated, share(stated), t.full):
        gain = {r: share(stated | content[r]) - share(stated) for r in everything if r not in chosen}
        extra = max(sorted(gain), key=gain.__getitem__, default=None)
        if extra is None or gain[extra] < t.add:
            break
        chosen.append(extra)
        stated = stated | content[extra]
    return chosen, "full" if _states(target, stated, share(stated), t.full) else "partial"


def _states(target: Evidence, stated: frozenset[str], share: float, full: float) -> bool:
    """Features ``stated`` say all of ``target``: enough (``full``) of its content, all its counts and dates."""
    return share >= full and all(forms & stated for forms in target.needs)


def _merged(parts: list[Evidence]) -> Evidence:
    """The features of several units (a quotation running over sentences) as one."""
    if not parts:
        return EMPTY
    return replace(
        parts[0],
        content=frozenset().union(*(p.content for p in parts)),
        needs=frozenset().union(*(p.needs for p in parts)),
    )


def _whole_unit(ctx: StoryContext, row: int) -> Unit:
    s = ctx.sentences[row]
    return Unit(row, s.article_id, s.start, s.end, s.text, True)


def _body_rows(ctx: StoryContext, units: ClaimUnits) -> dict[str, list[int]]:
    by_article: dict[str, list[int]] = {}
    body = {u.row for u in units.units if u.whole}  # no titles, no repeats
    for r, s in enumerate(ctx.sentences):
        if r in body:
            by_article.setdefault(s.article_id, []).append(r)
    return by_article


def _sentence(ctx: StoryContext, row: int) -> EvidenceSentence:
    s = ctx.sentences[row]
    return EvidenceSentence(s.start, s.end, s.text)
