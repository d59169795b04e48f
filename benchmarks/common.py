"""What the benchmark scripts share: where ../shared is, reading its JSONL sets, cached spaCy parses."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))
CACHE = Path(os.environ.get("NEWSDESK_CACHE", "/tmp/newsdesk_cache"))


def load_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """The records of a JSONL file, the first ``limit`` only when given."""
    with path.open(encoding="utf8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit]


def cached_parses(texts: list[str], name: str) -> list:
    """spaCy docs of ``texts``, kept under $NEWSDESK_CACHE so that reruns skip the parser."""
    from spacy.tokens import DocBin

    from newsdesk.nlp.spacy_model import nlp, parse_many

    key = hashlib.sha1("".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"{name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp().vocab))
    out = parse_many(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=out).to_disk(path)
    return out
