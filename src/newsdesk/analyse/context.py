"""What every per-story analyser receives: the story's articles, sentences, vectors and parses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.models import Article, Sentence
from newsdesk.outlets import join_owners
from newsdesk.tuning import DEFAULT_TUNING, Tuning

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, eq=False)
class StoryContext:
    """Inputs of one story's analysis; read only (every stage's result is its own value).

    ``sentences`` lists every sentence of every article (article order, then
    text order); ``embeddings`` has one L2-normalised row per sentence.
    ``syndication`` groups article ids that are copies of one text (a wire
    story reprinted twice is one group); every article is in exactly one group
    (an article no group names gets a group of its own).
    ``docs`` maps article id to the spaCy parse of ``Article.text``.
    ``tuning`` holds the tuned thresholds every analyser reads (``Settings.tuning``).
    """

    articles: Sequence[Article]
    sentences: Sequence[Sentence]
    embeddings: np.ndarray
    docs: Mapping[str, Doc] = field(default_factory=dict)
    syndication: Sequence[tuple[str, ...]] = ()
    owners: Mapping[str, str] = field(default_factory=dict)
    tuning: Tuning = DEFAULT_TUNING
    _group_of: Mapping[str, int] = field(init=False, repr=False, default_factory=dict)
    _order: Mapping[str, int] = field(init=False, repr=False, default_factory=dict)
    _source_of: Mapping[str, int] = field(init=False, repr=False, default_factory=dict)
    _by_id: Mapping[str, Article] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        groups = [tuple(g) for g in self.syndication]
        group_of = {i: g for g, ids in enumerate(groups) for i in ids}
        for a in self.articles:
            if a.id not in group_of:
                group_of[a.id] = len(groups)
                groups.append((a.id,))
        order = {a.id: n for n, a in enumerate(self.articles)}
        object.__setattr__(self, "articles", tuple(self.articles))
        object.__setattr__(self, "sentences", tuple(self.sentences))
        object.__setattr__(self, "docs", MappingProxyType(dict(self.docs)))
        object.__setattr__(self, "syndication", tuple(groups))
        object.__setattr__(self, "_group_of", MappingProxyType(group_of))
        object.__setattr__(self, "_source_of", MappingProxyType(join_owners(group_of, self.owners)))
        object.__setattr__(self, "_order", MappingProxyType(order))
        object.__setattr__(self, "_by_id", MappingProxyType({a.id: a for a in self.articles}))

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def independent(self, article_ids: Iterable[str]) -> int:
        """How many independent sources the ids stand for: syndicated copies count once, and so
        do articles of one owner group or crediting one wire agency (``owners``, from the
        outlets file)."""
        return len({self._source_of[i] for i in article_ids})

    def group_of(self, article_id: str) -> int:
        return self._group_of[article_id]

    def order_of(self, article_id: str) -> int:
        """The article's place in ``articles``."""
        return self._order[article_id]

