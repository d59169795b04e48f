"""What every per-story analyser receives: the story's articles, sentences, vectors and parses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.models import Article, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class StoryContext:
    """Inputs of one story's analysis.

    ``sentences`` lists every sentence of every article (article order, then
    text order); ``embeddings`` has one L2-normalised row per sentence.
    ``syndication`` groups article ids that are copies of one text (a wire
    story reprinted twice is one group); every article is in exactly one group.
    ``docs`` maps article id to the spaCy parse of ``Article.text``.
    """

    articles: list[Article]
    sentences: list[Sentence]
    embeddings: np.ndarray
    docs: dict[str, Doc] = field(default_factory=dict)
    syndication: list[tuple[str, ...]] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._group_of: dict[str, int] = {}
        for g, ids in enumerate(self.syndication):
            for i in ids:
                self._group_of[i] = g
        for a in self.articles:
            if a.id not in self._group_of:
                self._group_of[a.id] = len(self.syndication)
                self.syndication.append((a.id,))
        self._by_id = {a.id: a for a in self.articles}

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def independent(self, article_ids: Iterable[str]) -> int:
        """How many independent sources the ids stand for (syndicated copies count once)."""
        return len({self._group_of[i] for i in article_ids})

    def group_of(self, article_id: str) -> int:
        return self._group_of[article_id]

    def order_of(self, article_id: str) -> int:
        return next(i for i, a in enumerate(self.articles) if a.id == article_id)
