"""JSON dicts as stored -> the project's frozen models (Article, Story and their parts), and back."""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

DOC_EXCLUDE = ["tensor", "user_data"]  # the analysers read tokens, tags, parse and entities only


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


# Since schema 4 the large values are stored compressed, losslessly (zlib level 6): story and
# clusterer JSON, sentence vectors with their float32 bytes grouped by significance (the sign and
# exponent bytes of nearby values repeat), and spaCy parses without the text the article holds.
LEVEL = 6


def pack_json(value: Any, *, sort: bool = True) -> bytes:
    """Compressed JSON; ``sort=False`` keeps a dict's order (the clusterer's terms, strongest first)."""
    text = dumps(value) if sort else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack_json(data: bytes | str) -> Any:
    """A stored JSON value: compressed bytes, or the text a row written before schema 4 held."""
    return json.loads(unpack_text(data))


def unpack_text(data: bytes | str) -> str:
    """A stored JSON value as its text, not parsed."""
    return zlib.decompress(data).decode("utf-8") if isinstance(data, bytes) else data


def vectors_to_blob(vectors: np.ndarray) -> bytes:
    raw = np.ascontiguousarray(vectors, dtype="<f4").view(np.uint8).reshape(-1, 4)
    return zlib.compress(np.ascontiguousarray(raw.T).tobytes(), LEVEL)


def vectors_from_blob(blob: bytes, dim: int) -> np.ndarray:
    if not dim:
        return np.zeros((0, 0), np.float32)
    planes = np.frombuffer(zlib.decompress(blob), dtype=np.uint8).reshape(4, -1)
    return np.ascontiguousarray(planes.T).view("<f4").astype(np.float32).reshape(-1, dim)


def raw_vectors(blob: bytes, dim: int) -> np.ndarray:
    """Vectors as schema 3 stored them (plain float32 bytes): read by the migration only."""
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, dim) if dim else np.zeros((0, 0), np.float32)


def doc_to_blob(doc: Doc) -> bytes:
    """A parse without its tensor, user data and text (the article keeps the text)."""
    import srsly

    return zlib.compress(srsly.msgpack_dumps(doc.to_dict(exclude=[*DOC_EXCLUDE, "text"])), LEVEL)


def doc_from_blob(blob: bytes, text: str, vocab: Vocab) -> Doc:
    import srsly
    from spacy.tokens import Doc

    msg = srsly.msgpack_loads(zlib.decompress(blob))
    msg["text"] = text
    return Doc(vocab).from_dict(msg)


def doc_blob_from_v3(blob: bytes) -> bytes:
    """A parse as schema 3 stored it (whole ``Doc.to_bytes``, zlib level 1) -> the schema 4 form."""
    import srsly

    msg = srsly.msgpack_loads(zlib.decompress(blob))
    msg.pop("text", None)
    return zlib.compress(srsly.msgpack_dumps(msg), LEVEL)
