"""One story's inputs -> StoryAnalysis: the per-story stages, in the order they run, each result a value.

    align -> entities -> times -> units -> evidence -> claims -> conflicts -> quotes -> timeline
          -> brief -> citations

Every stage is a function of the story's inputs (``StoryContext``) and of the results before it;
nothing passes between stages except these arguments.  ``analyse_story`` returns every result
(``StoryAnalysis``), so one can be stored, compared or recomputed on its own; ``to_story`` makes
the public ``Story`` of them (its coverage gaps follow from it: ``analyse.coverage``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from newsdesk.analyse.align import Alignment, align
from newsdesk.analyse.citations import StoryCitations, story_citations, with_evidence
from newsdesk.analyse.claims import StoryClaims, find_claims
from newsdesk.analyse.conflicts import SentenceSlots, find_conflicts
from newsdesk.analyse.context import StoryContext
from newsdesk.analyse.entities import EntityIndex, entity_index, story_entities
from newsdesk.analyse.evidence import StoryEvidence, story_evidence
from newsdesk.analyse.quotes import story_quotes
from newsdesk.analyse.timeline import StoryTimes, story_timeline, story_times
from newsdesk.analyse.units import ClaimUnits, claim_units
from newsdesk.brief import make_brief
from newsdesk.models import Article, BriefSentence, Conflict, Entity, Story, StoryQuote, TimelineEvent
from newsdesk.settings import DEFAULT, Settings

T = TypeVar("T")
log = logging.getLogger("newsdesk.analyse")


@dataclass(frozen=True, eq=False)
class StoryAnalysis:
    """Every result of one story's analysis, in the order the stages run."""

    context: StoryContext
    alignment: Alignment
    entity_index: EntityIndex
    times: StoryTimes
    units: ClaimUnits
    evidence: StoryEvidence
    claims: StoryClaims
    conflicts: tuple[Conflict, ...]
    quotes: tuple[StoryQuote, ...]
    timeline: tuple[TimelineEvent, ...]
    entities: tuple[Entity, ...]
    brief: tuple[BriefSentence, ...]
    citations: StoryCitations
    title: str
    seconds: dict[str, float]  # wall time of each stage


def analyse_story(ctx: StoryContext, settings: Settings = DEFAULT) -> StoryAnalysis:
    """Run the per-story stages on ``ctx``, each on the results before it."""
    clock = StageClock()
    alignment = clock("align", align, ctx)
    entities = clock("entities", entity_index, ctx)
    times = clock("times", story_times, ctx)
    units = clock("units", claim_units, ctx)
    evidence = clock("evidence", story_evidence, ctx, units.units, entities, times)
    claims = clock("claims", find_claims, ctx, alignment, units, evidence)
    slots = SentenceSlots(ctx, entities)  # read once, for conflicts and the timeline's merges
    conflicts = clock("conflicts", find_conflicts, ctx, alignment, slots)
    quotes = clock("quotes", story_quotes, ctx, entities)
    timeline = clock("timeline", story_timeline, ctx, times, slots, conflicts)
    brief = clock("brief", make_brief, ctx, settings.words, None, alignment)
    brief = cite_claims(ctx, brief, claims)
    citations = clock("citations", story_citations, brief, claims, alignment, units, evidence)
    return StoryAnalysis(
        context=ctx,
        alignment=alignment,
        entity_index=entities,
        times=times,
        units=units,
        evidence=evidence,
        claims=claims,
        conflicts=conflicts,
        quotes=quotes,
        timeline=timeline,
        entities=story_entities(entities),
        brief=brief,
        citations=citations,
        title=story_title(ctx),
        seconds=clock.seconds,
    )


def to_story(analysis: StoryAnalysis) -> Story:
    """The public ``Story`` (without its id) of an analysis: brief and claims carry their evidence."""
    ctx = analysis.context
    brief, claims = with_evidence(analysis.brief, analysis.claims.claims, analysis.citations)
    return Story(
        id="",
        title=analysis.title,
        articles=tuple(a.id for a in ctx.articles),
        brief=brief,
        claims=claims,
        conflicts=analysis.conflicts,
        quotes=analysis.quotes,
        timeline=analysis.timeline,
        entities=analysis.entities,
        coverage=analysis.claims.coverage,
        syndication=tuple(g for g in ctx.syndication if len(g) > 1),
    )


def cite_claims(
    ctx: StoryContext, brief: tuple[BriefSentence, ...], found: StoryClaims
) -> tuple[BriefSentence, ...]:
    """A brief sentence that is a claim's own text also cites every article backing that claim, so
    that the brief and the corroboration list never disagree on who states a fact.  A claim that is
    only a clause of the sentence adds no one: its backers state a part, not the sentence."""
    row_of = {(s.article_id, s.start): r for r, s in enumerate(ctx.sentences)}
    claims_of: dict[int, set[str]] = {}
    for shown, backing in found.backing:
        if shown.whole:
            claims_of.setdefault(shown.row, set()).update(u.article_id for u in backing)
    out = []
    for b in brief:
        row = row_of.get((b.citation.article_id, b.citation.start)) if b.citation else None
        extra = claims_of.get(row, set()) - set(b.sources) if row is not None else set()
        sources = (*b.sources, *sorted(extra, key=ctx.order_of))
        out.append(replace(b, sources=sources))
    return tuple(out)


def _named(a: Article) -> str:
    """A story title of last resort: the outlet, else the file name (a text with no sentence)."""
    return a.outlet or a.file_name


def story_title(ctx: StoryContext) -> str:
    """The title of the article closest to the story's centre, else its first sentence."""
    titled = [a for a in ctx.articles if a.title]
    if not titled:
        return ctx.sentences[0].text[:120] if ctx.sentences else _named(ctx.articles[0])
    if len(titled) == 1 or len(ctx.sentences) == 0:
        return titled[0].title or ""
    centre = ctx.embeddings.mean(axis=0)
    score = {}
    for r, s in enumerate(ctx.sentences):
        score[s.article_id] = max(score.get(s.article_id, -1.0), float(ctx.embeddings[r] @ centre))
    best = max(titled, key=lambda a: (ctx.independent([a.id]) and score.get(a.id, -1.0)))
    return best.title or ""


class StageClock:
    """Runs stages, adding each one's wall time to ``seconds`` under its name; ``report`` is the
    progress callback (stage, done, total) of the caller."""

    def __init__(
        self,
        progress: Callable[[str, int, int], None] | None = None,
        logger: logging.Logger = log,
        level: int = logging.DEBUG,
    ) -> None:
        self.report: Callable[[str, int, int], None] = progress or (lambda stage, done, total: None)
        self.seconds: dict[str, float] = {}
        self.log, self.level = logger, level

    def __call__(self, name: str, stage: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        start = time.perf_counter()
        result = stage(*args, **kwargs)
        took = time.perf_counter() - start
        self.seconds[name] = self.seconds.get(name, 0.0) + took
        self.log.log(self.level, "stage %s: %.3f s", name, took)
        return result
