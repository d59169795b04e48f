"""JSON dicts as stored -> the project's frozen models (Article, Story and their parts), and back."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from newsdesk.models import (
    Article,
    BriefSentence,
    Citation,
    Claim,
    Conflict,
    ConflictVariant,
    Entity,
    RemovedLine,
    Sentence,
    SourceEvidence,
    Story,
    StoryQuote,
    TimelineEvent,
)


def dumps(value: Any) -> str:
    """Compact, key-sorted JSON: the same story always stores as the same text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def article_from_dict(d: dict[str, Any]) -> Article:
    return Article(
        **{k: v for k, v in d.items() if k not in ("authors", "headings", "removed")},
        authors=tuple(d.get("authors") or ()),
        headings=tuple(d.get("headings") or ()),
        removed=tuple(RemovedLine(**r) for r in d.get("removed") or ()),
    )


def _t(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


def _evidence(d: dict[str, Any]) -> tuple[SourceEvidence, ...]:
    return tuple(SourceEvidence.from_dict(e) for e in d.get("evidence", ()))


def story_from_dict(d: dict[str, Any]) -> Story:
    return Story(
        id=d["id"],
        title=d["title"],
        articles=_t(d["articles"]),
        brief=tuple(
            BriefSentence(b["text"], _t(b["sources"]), Citation(**b["citation"]) if b.get("citation") else None,
                          _evidence(b))
            for b in d.get("brief", ())
        ),
        claims=tuple(
            Claim(c["text"], _t(c["sources"]), c["independent_sources"], tuple(_t(g) for g in c.get("syndicated", ())),
                  _evidence(c))
            for c in d.get("claims", ())
        ),
        conflicts=tuple(
            Conflict(c["slot"], tuple(ConflictVariant(v["value"], v["text"], _t(v["sources"])) for v in c["variants"]))
            for c in d.get("conflicts", ())
        ),
        quotes=tuple(
            StoryQuote(q["speaker"], q["text"], _t(q["sources"]), _t(q.get("variants")), q.get("direct", True))
            for q in d.get("quotes", ())
        ),
        timeline=tuple(TimelineEvent(**{**e, "sources": _t(e["sources"])}) for e in d.get("timeline", ())),
        entities=tuple(
            Entity(e["name"], e["type"], _t(e.get("aliases")), _t(e.get("sources"))) for e in d.get("entities", ())
        ),
        coverage={k: list(v) for k, v in d.get("coverage", {}).items()},
        syndication=tuple(_t(g) for g in d.get("syndication", ())),
    )


def sentences_to_json(sentences: list[Sentence]) -> str:
    return dumps([[s.start, s.end, s.index] for s in sentences])


def sentences_from_json(article: Article, text: str) -> list[Sentence]:
    return [Sentence(article.id, a, b, article.text[a:b], i) for a, b, i in json.loads(text)]


def vectors_to_blob(vectors: np.ndarray) -> bytes:
    return np.ascontiguousarray(vectors, dtype=np.float32).tobytes()


def vectors_from_blob(blob: bytes, dim: int) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, dim) if dim else np.zeros((0, 0), np.float32)
