"""Named entities of a story: spaCy parses of its articles -> canonical entities with aliases and sources.

``entity_index`` builds the story's ``EntityIndex`` once; the entities list, the quote ledger's
speaker names, the claims' name features and the conflicts' places all read it.
Mentions come from ``nlp.entity_mentions`` (spaCy's tags repaired).  Across the
story a name tagged in one article is tagged where it appears untagged in
another, and types are decided by a vote over the tags.  Variants are merged
by a normalised key (case, hyphens, spacing, possessive, "Two" = "II"),
one-word forms by the full name they abbreviate (same article first, then the
most mentioned), acronyms by the initials of a longer name or a country's
usual letters ("DRC"), "the North" by the half of a divided place the story
names, "Green Party" by its one longer form "Green Party of France".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.models import Entity
from newsdesk.nlp.entity_mentions import PLACE_TYPES, Mention, doc_mentions, headline, name_key
from newsdesk.nlp.entity_rules import (
    ACRONYM_SKIP,
    COUNTRY_LETTERS,
    DEMONYM_SUFFIXES,
    DEMONYMS,
    PART_WORDS,
    ROMAN,
    TITLE_WORDS,
    TYPE_PRIORITY,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from newsdesk.analyse.context import StoryContext

__all__ = [
    "EntityIndex",
    "Mention",
    "canonicaliser",
    "doc_mentions",
    "entity_index",
    "name_key",
    "place_of",
    "story_entities",
]


@dataclass(frozen=True)
class EntityIndex:
    """Entities of a story and the maps from mentions and keys to their canonical names."""

    entities: tuple[Entity, ...]
    name_of_key: dict[str, str]
    mentions: list[tuple[Mention, str]]
    type_of: dict[str, str]

    by_article: dict[str, list[tuple[Mention, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m, name in sorted(self.mentions, key=lambda x: x[0].start):
            self.by_article.setdefault(m.article_id, []).append((m, name))

    def mentions_of(self, article_id: str) -> list[tuple[Mention, str]]:
        """The article's mentions with their canonical names, in text order."""
        return self.by_article.get(article_id, [])


def story_entities(index: EntityIndex) -> tuple[Entity, ...]:
    """Canonical entities of the story, most widely reported first.

    Nationality adjectives ("Swedish", "French") are used to place claims but are not listed:
    they name no one.  Groups named by a plural ("Democrats", "Kurds") are kept.
    """
    return tuple(e for e in index.entities if e.type != "NORP" or e.name.endswith("s"))


def canonicaliser(index: EntityIndex) -> Callable[[str], str | None]:
    """A function mapping any surface name ("deputy mayor Varga") to its canonical name."""
    persons = [
        k for k, n in index.name_of_key.items() if index.type_of.get(n) == "PERSON" and " " in k
    ]

    weights = Counter({k: 1 for k in persons})

    def canonical(surface: str) -> str | None:
        words = name_key(_strip_title_words(surface)).split()
        for i in range(len(words)):
            key = " ".join(words[i:])
            if key in index.name_of_key:
                return index.name_of_key[key]
        full = _expand_short(words[-1], persons, weights) if words else None
        return index.name_of_key.get(full) if full else None

    return canonical


def entity_index(ctx: StoryContext) -> EntityIndex:
    """The story's entities and their lookup maps."""
    mentions = [m for aid, doc in ctx.docs.items() for m in doc_mentions(aid, doc)]
    mentions = _drop_headline_only(mentions, ctx)
    labels = _places_by_name(_vote_labels(mentions))  # spaCy's own tags vote; propagation inherits
    propagated = _propagate(ctx, mentions, labels)
    labels = _vote_labels(propagated) | labels
    mentions += propagated
    head_of = _resolve_keys(mentions, labels)
    return _build_index(ctx, mentions, labels, head_of)


def _drop_headline_only(mentions: list[Mention], ctx: StoryContext) -> list[Mention]:
    """Mentions inside headline-cased sentences count only if the name occurs elsewhere too."""
    inside: list[bool] = []
    for m in mentions:
        doc = ctx.docs[m.article_id]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        inside.append(bool(span is not None and headline(span.sent)))
    confirmed = {m.key for m, h in zip(mentions, inside) if not h}
    return [m for m, h in zip(mentions, inside) if not h or m.key in confirmed]


def _vote_labels(mentions: list[Mention]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[m.key][m.label] += 1
    return {
        k: max(c, key=lambda lab: (c[lab], -TYPE_PRIORITY.index(lab))) for k, c in votes.items()
    }


def _places_by_name(labels: dict[str, str]) -> dict[str, str]:
    """A one-word "person" that is a word of the story's place names ("Port of Kiel") is a place."""
    place_words = {
        w for k, lab in labels.items() if lab in PLACE_TYPES and " " in k for w in k.split()
    }
    person_words = {
        w for k, lab in labels.items() if lab == "PERSON" and " " in k for w in k.split()
    }
    surnames = {k.split()[-1] for k, lab in labels.items() if lab == "PERSON" and " " in k}
    return {
        k: "GPE" if lab == "PERSON" and k in place_words - person_words
        else "PERSON" if lab in PLACE_TYPES and k in surnames - place_words  # "Dubois" of "Marc Dubois"
        else lab
        for k, lab in labels.items()
    }


def _propagate(ctx: StoryContext, mentions: list[Mention], labels: dict[str, str]) -> list[Mention]:
    """Tag untagged occurrences of names (persons, organisations) tagged elsewhere in the story."""
    parts = {w for k, lab in labels.items() if lab == "PERSON" and " " in k for w in k.split()}
    patterns: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for m in mentions:  # full names, and single words only as parts of a full person name
        if labels[m.key] in {"PERSON", "ORG"} and (" " in m.key or m.key in parts):
            words = tuple(m.surface.split())
            patterns[words[0]].add(words)
            if labels[m.key] == "PERSON" and len(words) > 1:  # the surname alone: "Reddish said"
                patterns[words[-1]].add(words[-1:])
    taken = {(m.article_id, i) for m in mentions for i in range(m.start, m.end)}
    added = []
    for aid, doc in ctx.docs.items():
        for tok in doc:
            if tok.text not in patterns or (aid, tok.idx) in taken or not tok.text[:1].isupper():
                continue
            span = _longest_match(doc, tok.i, patterns[tok.text])
            if span is None or headline(span.sent):
                continue
            key = name_key(span.text)
            label = labels.get(key, "PERSON")
            added.append(Mention(aid, span.text, key, label, span.start_char, span.end_char))
            taken.update((aid, c) for c in range(span.start_char, span.end_char))
    return added


def _longest_match(doc: Doc, i: int, candidates: set[tuple[str, ...]]) -> Span | None:
    best = None
    for words in candidates:
        end = i + len(words)
        fits = end <= len(doc) and tuple(t.text for t in doc[i:end]) == words
        if fits and (best is None or end > best.end):
            best = doc[i:end]
    if best is not None and len(best) == 1 and best[0].pos_ != "PROPN":
        return None
    return best


def _resolve_keys(mentions: list[Mention], labels: dict[str, str]) -> dict[tuple[str, str], str]:
    """Map (article id, key) to the key of the full name it stands for."""
    counts = Counter(m.key for m in mentions)
    per_article: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        per_article[m.article_id][m.key] += 1
    persons = [k for k in counts if labels[k] == "PERSON" and " " in k]
    orgs = [k for k in counts if labels[k] == "ORG" and " " in k]
    acronyms = _acronym_map(counts, labels)
    acronyms.update(_overlong_names(persons, counts))
    acronyms.update(_halves(counts, labels))
    acronyms.update(_of_forms(orgs))
    head: dict[tuple[str, str], str] = {}
    for m in mentions:
        key = acronyms.get(m.key, m.key)
        local = Counter({k: c for k, c in per_article[m.article_id].items() if k in persons})
        full = _expand_short(key, persons, local)
        if full is None and labels[m.key] == "PERSON":  # a mis-tag resolves only locally
            full = _expand_short(key, persons, counts)
        if full is None and labels[m.key] != "NORP" and (labels[m.key] not in PLACE_TYPES or counts[m.key] <= 2):
            full = _expand_short(
                key, orgs, counts, last_part=False
            )  # "Brannock" = "Brannock Steel"
        head[(m.article_id, m.key)] = full or key
    return head


def _expand_short(
    key: str, names: list[str], weights: Counter[str], last_part: bool = True
) -> str | None:
    """The full name a one-word form abbreviates (first word, or last for people); most mentioned wins."""
    if " " in key:
        return None
    fits = [
        p
        for p in names
        if (p.split()[0] == key or last_part and p.split()[-1] == key) and weights.get(p, 0) > 0
    ]
    if not fits:
        return None
    ranked = sorted(fits, key=lambda p: -weights[p])
    if len(ranked) > 1 and weights[ranked[0]] == weights[ranked[1]]:
        return None  # two people share the name equally often: leave it unresolved
    return ranked[0]


def _overlong_names(persons: list[str], counts: Counter[str]) -> dict[str, str]:
    """A name seen once that is a well-attested name plus trailing words ("Ilse Brandt Set") is that name."""
    out = {}
    for k in persons:
        if counts[k] > 1:
            continue
        prefixes = [p for p in persons if k.startswith(p + " ") and counts[p] >= 3]
        if prefixes:
            out[k] = max(prefixes, key=len)
    return out


def _acronym_map(counts: Counter[str], labels: dict[str, str]) -> dict[str, str]:
    """``wmo`` -> ``world meteorological organization`` when the initials match a longer name;
    a country's usual letters (``drc``) -> the country when the story names it."""
    initials: dict[str, list[str]] = defaultdict(list)
    for k in counts:
        words = [w for w in k.split() if w not in ACRONYM_SKIP]
        if len(words) >= 2 and labels[k] in {"ORG", "GPE", "LOC", "EVENT"}:
            initials["".join(w if w in ROMAN.values() else w[0] for w in words)].append(k)
    out = {k: initials[k][0] for k in counts if " " not in k and len(initials.get(k, [])) == 1}
    for k in counts:
        country = COUNTRY_LETTERS.get(k)
        if k not in out and country in counts and labels[country] in PLACE_TYPES:
            out[k] = country
    return out


def _halves(counts: Counter[str], labels: dict[str, str]) -> dict[str, str]:
    """"the North" is North Velmora when the story names both halves (North and South Velmora)."""
    places = [k for k in counts if labels[k] in {"GPE", "LOC"} and len(k.split()) == 2]
    out = {}
    for k in counts:
        if k not in PART_WORDS or labels[k] not in PLACE_TYPES:
            continue
        mine = [p for p in places if p.split()[0] == k]
        if len(mine) == 1 and any(
            p != mine[0] and p.split()[0] in PART_WORDS and p.split()[1] == mine[0].split()[1]
            for p in places
        ):
            out[k] = mine[0]
    return out


def _of_forms(orgs: list[str]) -> dict[str, str]:
    """"Green Party" is "Green Party of France", "Foundry Union" is "Forge and Foundry
    Union", when that is the one longer form of the story."""
    out = {}
    for k in orgs:
        longer = [o for o in orgs if o.startswith(k + " of ") or o.endswith(" and " + k)]
        if len(longer) == 1:
            out[k] = longer[0]
    return out


def _build_index(
    ctx: StoryContext,
    mentions: list[Mention],
    labels: dict[str, str],
    head_of: dict[tuple[str, str], str],
) -> EntityIndex:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[head_of[(m.article_id, m.key)]].append(m)
    order = {a.id: i for i, a in enumerate(ctx.articles)}
    entities: list[tuple[Entity, int]] = []
    name_of_key: dict[str, str] = {}
    type_of: dict[str, str] = {}
    resolved: list[tuple[Mention, str]] = []
    for head, ms in groups.items():
        name = _canonical_name(head, ms)
        etype = labels.get(head) or _vote_labels(ms)[ms[0].key]
        aliases = _aliases(name, ms)
        sources = tuple(sorted({m.article_id for m in ms}, key=order.__getitem__))
        entities.append((Entity(name, etype, aliases, sources), len(ms)))
        type_of[name] = etype
        for m in ms:
            name_of_key.setdefault(m.key, name)
            resolved.append((m, name))
        name_of_key[head] = name
    entities.sort(key=lambda e: (-len(e[0].sources), -e[1], e[0].name))
    return EntityIndex(tuple(e for e, _ in entities), name_of_key, resolved, type_of)


def _canonical_name(head: str, ms: list[Mention]) -> str:
    full = Counter(m.surface for m in ms if m.key == head)
    if not full:
        full = Counter(m.surface for m in ms)
    return max(full, key=lambda s: (full[s], s[:1].isupper() and not s.isupper(), -len(s)))


def _aliases(name: str, ms: list[Mention]) -> tuple[str, ...]:
    seen: Counter[str] = Counter()
    head = name_key(name)
    for m in ms:
        if m.key.startswith(head + " "):
            continue  # an over-long tag ("Ilse Brandt Set") is not a way to write the name
        seen[m.surface] += 1
        if m.titled:
            seen[m.titled] += 1
    seen.pop(name, None)
    return tuple(sorted(seen, key=lambda s: (-seen[s], s)))


def _strip_title_words(surface: str) -> str:
    """Drop leading lowercase words and titles ("deputy mayor Varga" -> "Varga")."""
    words = surface.replace("\u2019", "'").split()
    while len(words) > 1 and (words[0].lower() in TITLE_WORDS or not words[0][:1].isupper()):
        words.pop(0)
    return " ".join(words)


def place_of(index: EntityIndex, surface: str, fallback: bool = False) -> str | None:
    """Canonical place a place name or demonym stands for ("Norwegian" -> "Norway").

    With ``fallback`` a name not among the story's places comes back as its key ("french" -> "france").
    """
    key = name_key(surface)
    name = index.name_of_key.get(key)
    if name and index.type_of.get(name) in {"GPE", "LOC"}:
        return name
    places = {k: n for k, n in index.name_of_key.items() if index.type_of.get(n) in {"GPE", "LOC"}}
    words = key.split()
    if not words:
        return None
    last = words[-1]
    candidates = [DEMONYMS[last]] if last in DEMONYMS else []
    candidates += [last[: -len(suf)] for suf in DEMONYM_SUFFIXES if last.endswith(suf)]
    for c in candidates:
        full = " ".join(words[:-1] + [c])
        if full in places:
            return places[full]
    return DEMONYMS.get(key, key) if fallback else None
