"""The quote ledger of a story: StoryContext -> StoryQuotes (canonical speaker, outlets, wording variants).

Quotes come from ``nlp.quotes.find_quotes`` on each article.  Speakers are
mapped to one canonical name across articles with the entity canonicaliser of
``analyse.entities`` when it knows the name, else with a small normaliser here
(titles dropped, hyphens and case ignored, a surname mapped to the one full
name of the story that ends with it).  The same quoted words carried by
several articles (compared on normalised words, fuzzy) become one ledger entry
with every carrying article as a source and the other wordings as variants.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from newsdesk.analyse.context import StoryContext
from newsdesk.analyse.entities import EntityIndex, canonicaliser, entity_index
from newsdesk.models import Quote, StoryQuote
from newsdesk.analyse.memo import article_quotes
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.analysis import QuotesTuning

log = logging.getLogger("newsdesk.analyse.quotes")

# words dropped from the front of a speaker before names are compared
TITLES = frozenset(
    """
    mr mrs ms dr sen senator rep gov president vice prime minister foreign defence defense
    secretary spokesman spokeswoman spokesperson assistant deputy chief general minister's
    leader chairman official the a an former acting state
    """.split()
)
NAME_LINKS = frozenset({"and", "of", "for", "&"})  # lower-case words inside a name ("Road and Rail Union")


@dataclass
class _Entry:
    speaker: str | None
    direct: bool
    wordings: list[tuple[str, str]] = field(default_factory=list)  # (article id, text)

    @property
    def key(self) -> list[str]:
        return _words(self.wordings[0][1])


def story_quotes(ctx: StoryContext, entities: EntityIndex | None = None) -> tuple[StoryQuote, ...]:
    """Every quote of the story's articles, merged across articles, in order of first appearance
    (``entities``: the story's, found here when not given)."""
    found = [(a.id, _plain_case(ctx, a.id, q)) for a in ctx.articles for q in _article_quotes(ctx, a.id, a.text)]
    canon = _speaker_canon(ctx, entities, [q.speaker for _, q in found if q.speaker])
    entries: list[_Entry] = []
    for aid, q in found:
        if not q.direct and not q.speaker:
            continue
        speaker = canon(q.speaker) if q.speaker else None
        entry = _match(entries, q, ctx.tuning.quotes)
        if entry is None:
            entries.append(_Entry(speaker, q.direct, [(aid, q.text)]))
            continue
        entry.wordings.append((aid, q.text))
        entry.speaker = entry.speaker or speaker
        entry.direct = entry.direct or q.direct
    return tuple(_ledger_row(ctx, e) for e in entries)


def _article_quotes(ctx: StoryContext, article_id: str, text: str) -> tuple[Quote, ...]:
    return article_quotes(text, ctx.docs.get(article_id), ctx.tuning.speech)


def _plain_case(ctx: StoryContext, article_id: str, q: Quote) -> Quote:
    """"Experts say ..." and "... experts said" are one speaker: a common noun capitalised only
    because it opens the sentence is written in lower case."""
    doc = ctx.docs.get(article_id)
    if doc is None or q.speaker_start is None or not q.speaker or q.speaker[:1].islower():
        return q
    span = doc.char_span(q.speaker_start, q.speaker_start + 1, alignment_mode="expand")
    tok = span[0] if span is not None and len(span) else None
    if tok is None or not tok.is_sent_start or tok.pos_ == "PROPN" or tok.ent_type_:
        return q
    if not q.speaker.startswith(tok.text) or tok.text.isupper():
        return q
    return replace(q, speaker=q.speaker[:1].lower() + q.speaker[1:])


def _match(entries: list[_Entry], q: Quote, t: QuotesTuning) -> _Entry | None:
    words = _words(q.text)
    for e in entries:
        if e.direct == q.direct and same_words(e.key, words, t):
            return e
    return None


def same_words(a: list[str], b: list[str], t: QuotesTuning = DEFAULT_TUNING.quotes) -> bool:
    """Two wordings of one quote: near-identical, or the shorter (long enough) inside the longer."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # both tests count words matched in order, never more than the words the two share: when
    # even those fall short, no alignment is needed
    shared = sum((Counter(a) & Counter(b)).values())
    if 2.0 * shared / (len(a) + len(b)) < t.same_quote and (
        len(short) < t.min_overlap_words or shared < t.same_quote * len(short)
    ):
        return False
    if SequenceMatcher(None, a, b, autojunk=False).ratio() >= t.same_quote:
        return True
    if len(short) < t.min_overlap_words:
        return False
    m = SequenceMatcher(None, short, long_, autojunk=False)
    return sum(x.size for x in m.get_matching_blocks()) >= t.same_quote * len(short)


def _words(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    return re.findall(r"[\w']+", t)


def _ledger_row(ctx: StoryContext, e: _Entry) -> StoryQuote:
    order = {a.id: i for i, a in enumerate(ctx.articles)}
    sources = tuple(sorted({aid for aid, _ in e.wordings}, key=order.__getitem__))
    text = e.wordings[0][1]
    variants: list[str] = []
    for _, w in e.wordings[1:]:
        if _words(w) != _words(text) and all(_words(w) != _words(v) for v in variants):
            variants.append(w)
    # the comma that hands a quote over to its attribution is punctuation of the sentence, not words
    return StoryQuote(e.speaker, text.rstrip(" ,"), sources, tuple(v.rstrip(" ,") for v in variants), e.direct)


def _speaker_canon(
    ctx: StoryContext, entities: EntityIndex | None, speakers: list[str]
) -> Callable[[str], str]:
    """Canonical speaker names: the story's entity canonicaliser first, then this module's normaliser."""
    entity_canon: Callable[[str], str | None] | None = None
    if entities is None and ctx.docs:
        try:
            entities = entity_index(ctx)
        except (KeyError, ValueError) as exc:  # parses missing or partial: names by the normaliser
            log.warning("speaker names without the story's entities (%s: %s)", type(exc).__name__, exc)
    if entities is not None:
        entity_canon = canonicaliser(entities)
    fulls = _full_names(speakers)
    first_written: dict[str, str] = {}

    def canon(surface: str) -> str:
        name = entity_canon(surface) if entity_canon is not None else None
        name = normalise_speaker(name or surface, fulls)
        if entity_canon is not None:  # "the union" -> "Foundry Union" -> "Forge and Foundry Union"
            name = entity_canon(name) or name
        # "Norway's" and "Norway’s" are one speaker, written as first seen
        return first_written.setdefault(_key(name.replace("\u2019", "'")), name)

    return canon


def _full_names(speakers: list[str]) -> dict[str, str]:
    """Surname key -> the full name (two or more name words) it abbreviates, when unambiguous."""
    by_last: dict[str, set[str]] = {}
    for s in speakers:
        words = _name_words(s)
        if len(words) >= 2 and words[-1][:1].isupper() and all(w[:1].isupper() or w in NAME_LINKS for w in words):
            full = " ".join(words)
            by_last.setdefault("=" + _key(full), set()).add(_key(full))
            by_last.setdefault(_key(words[-1]), set()).add(_key(full))
            by_last.setdefault(_key(words[0]), set()).add(_key(full))  # a family name written first ("Han" of "Han Seo-yun")
    pick: dict[str, str] = {}
    for last, keys in by_last.items():
        if len(keys) == 1:
            pick[last] = _display(next(iter(keys)), speakers)
    return pick


def normalise_speaker(surface: str, fulls: dict[str, str] | None = None) -> str:
    """A speaker without titles, hyphen/case variants unified, a lone surname expanded when known."""
    words = _name_words(surface)
    if not words:
        return surface.strip()
    if len(words) == 1 and fulls and _key(words[0]) in fulls:
        return fulls[_key(words[0])]
    name = " ".join(words)
    return fulls.get("=" + _key(name), name) if fulls else name


def _name_words(surface: str) -> list[str]:
    t = re.sub(r"['\u2019]s$", "", surface.strip())
    words = [w.strip(",.") for w in t.split()]
    while len(words) > 1 and words[0].lower().strip(".") in TITLES:
        words.pop(0)
    return [w for w in words if w]


def _key(name: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2014]+", " ", name.lower().replace(".", "")).strip()


def _display(key: str, speakers: list[str]) -> str:
    """The first written form of a name key among the speakers (keeps the outlet's spelling)."""
    for s in speakers:
        words = _name_words(s)
        if _key(" ".join(words)) == key:
            return " ".join(words)
    return key.title()
