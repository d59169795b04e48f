"""Named entities of a story: spaCy parses of its articles -> canonical entities with aliases and sources.

spaCy's tags are repaired with generic means only (rules are data in
``entity_rules``): a capitalised name after a title ("minister Hong") or in
apposition to a role ("Moon Seong Mook, a Seoul-based analyst") is a person;
hyphenated name parts are joined ("Yoon Suk-yeol"); "X and Y Union" is one
organisation; a "person" ending in "Line" or "Group" is an organisation and
one after "in"/"from" a place; a name tagged in one article is tagged where
it appears untagged in another; types are decided by a vote over spaCy's tags.
Variants are merged by a normalised key (case, hyphens, spacing, possessive,
"Two" = "II"), one-word forms by the full name they abbreviate (same article
first, then the most mentioned), acronyms by the initials of a longer name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.models import Entity
from newsdesk.nlp.entity_rules import (
    ACRONYM_SKIP,
    ATTRIBUTE_SUFFIXES,
    COUNTRY_LETTERS,
    DEMONYM_SUFFIXES,
    DEMONYMS,
    KEEP_LABELS,
    LEADING_STRIP,
    NOISE_SURFACES,
    ORG_LAST_WORDS,
    PART_WORDS,
    PLACE_PREPOSITIONS,
    ROMAN,
    TITLE_HEADS,
    TITLE_WORDS,
    TYPE_PRIORITY,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsdesk.analyse.context import StoryContext

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\-]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_MAX_NAME_TOKENS = 7
PLACE_TYPES = frozenset({"GPE", "LOC", "NORP", "FAC"})


@dataclass
class Mention:
    """One occurrence of a name in an article (character span into ``Article.text``)."""

    article_id: str
    surface: str
    key: str
    label: str
    start: int
    end: int
    titled: str | None = None


@dataclass
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


def name_key(text: str) -> str:
    """Normalised key of a name: case, accents kept, hyphens as spaces, no dots or possessive."""
    t = unicodedata.normalize("NFKC", text).strip().lower().replace("\u2019", "'")
    t = _POSSESSIVE.sub("", t)
    t = _DASHES.sub(" ", t).replace(".", "")
    t = re.sub(r"[^\w\s&']", " ", t)
    words = [ROMAN.get(w, w) for w in t.split()]
    while words and words[0] in LEADING_STRIP:
        words.pop(0)
    return " ".join(words)


def story_entities(ctx: StoryContext) -> tuple[Entity, ...]:
    """Canonical entities of the story, most widely reported first.

    Nationality adjectives ("Swedish", "French") are used to place claims but are not listed:
    they name no one.  Groups named by a plural ("Democrats", "Kurds") are kept.
    """
    return tuple(e for e in entity_index(ctx).entities if e.type != "NORP" or e.name.endswith("s"))


def canonicaliser(ctx: StoryContext) -> Callable[[str], str | None]:
    """A function mapping any surface name ("assistant foreign minister Hong") to its canonical name."""
    index = entity_index(ctx)
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
    """Build (once per story, cached in ``ctx.cache``) the entities and their lookup maps."""
    cached = ctx.cache.get("entity_index")
    if isinstance(cached, EntityIndex):
        return cached
    mentions = [m for aid, doc in ctx.docs.items() for m in doc_mentions(aid, doc)]
    mentions = _drop_headline_only(mentions, ctx)
    labels = _places_by_name(_vote_labels(mentions))  # spaCy's own tags vote; propagation inherits
    propagated = _propagate(ctx, mentions, labels)
    labels = _vote_labels(propagated) | labels
    mentions += propagated
    head_of = _resolve_keys(mentions, labels)
    index = _build_index(ctx, mentions, labels, head_of)
    ctx.cache["entity_index"] = index
    return index


def doc_mentions(article_id: str, doc: Doc) -> list[Mention]:
    """Name mentions of one parse: cleaned spaCy entities plus persons named after a title."""
    out = []
    taken: set[int] = set()
    for ent in _joined_orgs(doc):
        label = KEEP_LABELS.get(ent.label_)
        if label is None or ent.start in taken:
            continue
        for part, part_label in _split_compound(ent, label):
            m = _mention(article_id, _clean_span(part, part_label), part_label)
            if m is not None:
                out.append(m)
                taken.update(range(part.start, part.end))
        first = _coordinated_first(article_id, ent, label)
        if first is not None:
            out.append(first)
        taken.update(range(ent.start, ent.end))
    for span in _titled_names(doc, taken):
        m = _mention(article_id, span, "PERSON")
        if m is not None:
            out.append(m)
    for span in _untagged_places(doc, taken):
        m = _mention(article_id, span, "LOC")
        if m is not None:
            out.append(m)
    for span in _appositive_names(doc):
        inside = [m for m in out if span.start_char <= m.start and m.end <= span.end_char]
        overlap = [m for m in out if m.start < span.end_char and span.start_char < m.end]
        m = _mention(article_id, span, "PERSON")
        if m is not None and overlap == inside and all(x.label != "PERSON" for x in inside):
            out = [x for x in out if x not in inside] + [m]
    return out


def _split_compound(ent: Span, label: str) -> list[tuple[Span, str]]:
    """"Beijing's Communist Party" and "Kyungnam University's Institute for ..." are two names:
    an organisation after a possessive name that is itself a name (tagged elsewhere in the text,
    or ending like an organisation); "People's Liberation Army" stays whole.  A nationality
    before an organisation word ("Chinese Embassy") is one organisation."""
    doc = ent.doc
    if _coordinated_first("", ent, label) is not None:
        return [(ent[2:], label)]  # "South Korea" of "North and South Korea"
    if label == "NORP" and len(ent) == 1 and _at_place(doc, ent.start) and ent.end < len(doc):
        nxt = doc[ent.end]  # "from French Guiana", "Kourou, French Guiana": one place
        if nxt.ent_type_ in {"PERSON", "GPE", "LOC"} and nxt.ent_iob_ == "B" and nxt.text[:1].isupper():
            end = ent.end + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return [(doc[ent.start : end], "GPE")]
    if label == "NORP" and ent.end < len(doc):
        end = ent.end
        while end < len(doc) and end - ent.end < 3 and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if end > ent.end and doc[end - 1].lower_ in ORG_LAST_WORDS:
            return [(doc[ent.start : end], "ORG")]
    if label != "ORG":
        return [(ent, label)]
    cut = next((t.i for t in ent[1:-1] if _POSSESSIVE.fullmatch(t.text) and t.text[:1] != "s"), None)
    if cut is None or not doc[cut + 1].text[:1].isupper():
        return [(ent, label)]
    owner, rest = doc[ent.start : cut], doc[cut + 1 : ent.end]
    owner_key = name_key(owner.text)
    named = [e for e in doc.ents if e.start != ent.start and name_key(e.text) == owner_key]
    if named:  # "Kiel's Schwedenkai": a place named elsewhere owns a name
        return [(owner, KEEP_LABELS.get(named[0].label_, label)), (rest, label)]
    if owner[-1].lower_ in ORG_LAST_WORDS and len(rest) > 1:
        return [(owner, label), (rest, label)]
    return [(ent, label)]


def _at_place(doc: Doc, i: int) -> bool:
    """Token i follows a place preposition ("in", "from") or a place and a comma ("Kourou, ")."""
    if i == 0:
        return False
    before = doc[i - 1]
    if before.lower_ in PLACE_PREPOSITIONS:
        return True
    return before.text == "," and i >= 2 and doc[i - 2].ent_type_ in {"GPE", "LOC"}


def _untagged_places(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Two or more capitalised proper nouns the tagger left out, right after a place preposition
    ("landed in Mare Nubium"): a place."""
    for tok in doc:
        if tok.lower_ not in PLACE_PREPOSITIONS or tok.i + 2 >= len(doc):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 4 and _name_token(doc[end]) and end not in taken:
            if doc[end].lower_ in TITLE_WORDS:
                break
            end += 1
        if end - tok.i >= 3 and (end >= len(doc) or not _name_token(doc[end])) and not _headline(tok.sent):
            yield doc[tok.i + 1 : end]


def _coordinated_first(article_id: str, span: Span, label: str) -> Mention | None:
    """"North and South Korea": two places sharing their last words.  The first one, under its
    full name ("North Korea"), pointing at the word written ("North"); the second is a name as
    written ("South Korea")."""
    if label not in PLACE_TYPES or len(span) < 4 or span[1].lower_ != "and":
        return None
    first, tail = span[0], span[3:]
    if first.lower_ not in PART_WORDS or span[2].lower_ not in PART_WORDS:
        return None  # "Britain and Northern Ireland" are two names
    surface = f"{first.text} {tail.text}"
    return Mention(article_id, surface, name_key(surface), label, first.idx, first.idx + len(first))


def _joined_orgs(doc: Doc) -> list[Span]:
    """spaCy's entities, with "Forge" + "and" + "Foundry Union" joined into one organisation."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ent.label_ == "ORG"
            and ent[-1].lower_ in ORG_LAST_WORDS
            and ent.start == prev.end + 1
            and doc[prev.end].lower_ in {"and", "&"}
            and all(t.text[:1].isupper() for t in prev)
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def _appositive_names(doc: Doc) -> Iterable[Span]:
    """Names beside a role in apposition: "Moon Seong Mook, a Seoul-based analyst," and
    "its general secretary, Callum Reddish, said" (the parser's tags aside)."""
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < 4 and _name_word(doc[end]):
            end += 1
        if end - i >= 2 and (_role_after(doc, end) or _role_before(doc, i)):
            yield doc[i:end]
            i = end
        else:
            i += 1


def _name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper()


def _role_after(doc: Doc, end: int) -> bool:
    if end >= len(doc) or doc[end].text != ",":
        return False
    for tok in doc[end + 1 : end + 7]:
        if tok.lower_ in TITLE_HEADS:
            return True
        clause = tok.pos_ == "AUX" or tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound"}
        if clause and doc[tok.i - 1].text != "-" or tok.text in {",", ".", ";"}:
            return False
    return False


def _role_before(doc: Doc, start: int) -> bool:
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].lower_ in TITLE_HEADS


def _mention(article_id: str, span: Span | None, label: str) -> Mention | None:
    if span is None or len(span) == 0 or len(span) > _MAX_NAME_TOKENS:
        return None
    surface = span.text
    key = name_key(surface)
    if not _is_name(surface, key):
        return None
    if len(span) == 1 and span[0].is_sent_start and span[0].pos_ in ("NOUN", "VERB", "ADV"):
        return None  # "Photographs showed ...": a capitalised common word opening a sentence
    label = _relabel(span, label)
    titled = _title_form(span) if label == "PERSON" else None
    return Mention(article_id, surface, key, label, span.start_char, span.end_char, titled)


def _relabel(span: Span, label: str) -> str:
    """Context overrules a PERSON tag: "Skarvik Line" is an organisation, "in Kiel" a place."""
    if label != "PERSON":
        return label
    if len(span) > 1 and span[-1].lower_ in ORG_LAST_WORDS:
        return "ORG"
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = (
        doc[span.end + 1].lower_ if span.end + 1 < len(doc) and doc[span.end].text == "-" else ""
    )
    place = len(span) == 1 and before in PLACE_PREPOSITIONS
    return "GPE" if place or after in ATTRIBUTE_SUFFIXES else label


def _is_name(surface: str, key: str) -> bool:
    if len(key) < 2 or key in NOISE_SURFACES or any(c.isdigit() for c in key):
        return False
    return surface[:1].isupper() or surface[:1].isdigit()


def _clean_span(span: Span, label: str) -> Span | None:
    """Trim articles, possessives, dangling hyphens and (persons) titles; join hyphenated name parts."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in LEADING_STRIP or doc[start].is_punct):
        start += 1
    if label == "PERSON":
        while start < end - 1 and doc[start].lower_ in TITLE_WORDS:
            start += 1
        end = _extend_hyphenated(doc, end)
    while end > start and (doc[end - 1].is_punct or _POSSESSIVE.fullmatch(doc[end - 1].text)):
        end -= 1
    return doc[start:end] if end > start else None


def _extend_hyphenated(doc: Doc, end: int) -> int:
    """``Yoon Suk`` + ``-yeol`` -> ``Yoon Suk-yeol`` when the parts are written without spaces."""
    while (
        end + 1 < len(doc)
        and doc[end].text in {"-", "\u2010", "\u2011"}
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].lower_ not in ATTRIBUTE_SUFFIXES
    ):
        end += 2
    return end


def _title_form(span: Span) -> str | None:
    """``President Xi Jinping`` when capitalised title words stand right before the name."""
    doc = span.doc
    i = span.start
    while i > 0 and doc[i - 1].lower_ in TITLE_WORDS and doc[i - 1].text[:1].isupper():
        i -= 1
    if i == span.start or doc[span.start - 1].lower_ not in TITLE_HEADS:
        return None
    return doc[i : span.end].text


def _titled_names(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Capitalised proper nouns right after a title head ("minister Hong", "Dr Moreau")."""
    for tok in doc:
        if tok.lower_ not in TITLE_HEADS or tok.i + 1 >= len(doc):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and _name_token(doc[end]) and end not in taken:
            end += 1
        if end > tok.i + 1 and not _headline(doc[tok.i : end].sent):
            yield doc[tok.i + 1 : _extend_hyphenated(doc, end)]


def _name_token(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha and not tok.ent_type_


def _headline(sent: Span) -> bool:
    """A title-cased line (a headline or teaser kept in the text): its capitals say nothing."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def _drop_headline_only(mentions: list[Mention], ctx: StoryContext) -> list[Mention]:
    """Mentions inside headline-cased sentences count only if the name occurs elsewhere too."""
    inside: list[bool] = []
    for m in mentions:
        doc = ctx.docs[m.article_id]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        inside.append(bool(span is not None and _headline(span.sent)))
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
    return {
        k: "GPE" if lab == "PERSON" and k in place_words - person_words else lab
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
            if span is None or _headline(span.sent):
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
    """A name seen once that is a well-attested name plus trailing words ("Kim Jong Un Set") is that name."""
    out = {}
    for k in persons:
        if counts[k] > 1:
            continue
        prefixes = [p for p in persons if k.startswith(p + " ") and counts[p] >= 3]
        if prefixes:
            out[k] = max(prefixes, key=len)
    return out


def _acronym_map(counts: Counter[str], labels: dict[str, str]) -> dict[str, str]:
    """``kcna`` -> ``korean central news agency`` when the initials match a longer name; a
    country's usual letters (``dprk``) -> the country when the story names it."""
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
    """"the North" is North Korea when the story names both halves (North and South Korea)."""
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
    """"Communist Party" is "Communist Party of China", "Foundry Union" is "Forge and Foundry
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
            continue  # an over-long tag ("Kim Jong-Un Set") is not a way to write the name
        seen[m.surface] += 1
        if m.titled:
            seen[m.titled] += 1
    seen.pop(name, None)
    return tuple(sorted(seen, key=lambda s: (-seen[s], s)))


def _strip_title_words(surface: str) -> str:
    """Drop leading lowercase words and titles ("assistant foreign minister Hong" -> "Hong")."""
    words = surface.replace("\u2019", "'").split()
    while len(words) > 1 and (words[0].lower() in TITLE_WORDS or not words[0][:1].isupper()):
        words.pop(0)
    return " ".join(words)


def place_of(ctx: StoryContext, surface: str, fallback: bool = False) -> str | None:
    """Canonical place a place name or demonym stands for ("South Korean" -> "South Korea").

    With ``fallback`` a name not among the story's places comes back as its key ("french" -> "france").
    """
    index = entity_index(ctx)
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
