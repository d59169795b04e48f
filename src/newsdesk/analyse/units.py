"""Story sentences -> claim units: every body sentence and its clauses, verbatim with their spans.

Outlets often state in one long sentence what others spread over several, so the claims stage
matches finer than whole sentences: a ``Unit`` is a sentence or one of its clauses
(``nlp.clauses``).  ``claim_units`` gives them with one embedding row each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.extraction.common import dateline_at
from newsdesk.nlp.clauses import clause_spans

if TYPE_CHECKING:
    from spacy.tokens import Span

    from newsdesk.nlp.embed import LazyRows

    from newsdesk.analyse.context import StoryContext
    from newsdesk.models import Sentence


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
    """Every body sentence (each text once per article, no titles) and its clauses."""
    t = ctx.tuning.units
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
        dateline = dateline_at(s.text)
        body = s.start + dateline.end() if dateline else s.start  # "KIEL (MPS) –" is no claim
        spans = [(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])) for lo, hi in clause_spans(span)]
        spans.append((s.start, s.end))
        for start, end in sorted({(max(body, a), min(s.end, b)) for a, b in spans}):
            text = article.text[start:end]
            dated = body > s.start and (start, end) == (body, s.end)  # the sentence, no dateline
            short = dated or end - start < t.whole_share * (s.end - body)  # else it is the sentence
            if len(text.split()) >= t.min_words and short:
                out.append(Unit(row, s.article_id, start, end, text, False))
    return out


@dataclass(frozen=True, eq=False)
class ClaimUnits:
    """The story's units and one L2-normalised embedding row per unit (``vectors[k]``; a clause's
    row is embedded when first read)."""

    units: tuple[Unit, ...]
    vectors: LazyRows


def claim_units(ctx: StoryContext) -> ClaimUnits:
    """The units of the story (``sentence_units``) and their vectors: the sentence's own row for a
    whole sentence, a clause embedded by the default embedder when first used (its sentence's row
    when that embedder made no rows here)."""
    from newsdesk.nlp.embed import LazyRows, default_embedder

    units = sentence_units(ctx)
    rows = np.asarray(ctx.embeddings, dtype=np.float32)
    given = rows[[u.row for u in units]] if units else np.zeros((0, rows.shape[1]), np.float32)
    embedder = default_embedder()
    own = embedder.dim == rows.shape[1]
    vectors = LazyRows(given, [None if u.whole or not own else u.text for u in units], embedder)
    return ClaimUnits(tuple(units), vectors)
