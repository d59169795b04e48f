"""Name mentions of one article: its spaCy parse -> cleaned, retyped, split or joined name spans.

spaCy's tags are repaired with generic means only (rules are data in
``entity_rules``): a capitalised name after a title ("minister Varga") or in
apposition to a role ("Petra Lindqvist, an Oslo-based analyst") is a person;
hyphenated name parts are joined ("Han Seo-yun"); "X and Y Union" is one
organisation, "Lyon's Green Party" two names, "North and South Velmora"
two places, "Swedish Embassy" one organisation, "from French Guiana" one place;
a "person" ending in "Line" or "Group" is an organisation and one after
"in"/"from" a place; proper nouns left untagged after "in"/"at" are a place.
``name_key`` is the normalised key under which variants of a name meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.nlp.entity_rules import (
    ATTRIBUTE_SUFFIXES,
    KEEP_LABELS,
    LEADING_STRIP,
    NOISE_SURFACES,
    ORG_LAST_WORDS,
    PART_WORDS,
    PLACE_PREPOSITIONS,
    ROMAN,
    TITLE_HEADS,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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
    """"Lyon's Green Party" and "Valmora University's Institute for ..." are two names:
    an organisation after a possessive name that is itself a name (tagged elsewhere in the text,
    or ending like an organisation); "Children's Aid Society" stays whole.  A nationality
    before an organisation word ("Swedish Embassy") is one organisation."""
    doc = ent.doc
    if _coordinated_first("", ent, label) is not None:
        return [(ent[2:], label)]  # "South Velmora" of "North and South Velmora"
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
        if end - tok.i >= 3 and (end >= len(doc) or not _name_token(doc[end])) and not headline(tok.sent):
            yield doc[tok.i + 1 : end]


def _coordinated_first(article_id: str, span: Span, label: str) -> Mention | None:
    """"North and South Velmora": two places sharing their last words.  The first one, under its
    full name ("North Velmora"), pointing at the word written ("North"); the second is a name as
    written ("South Velmora")."""
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
    """Names beside a role in apposition: "Petra Lindqvist, an Oslo-based analyst," and
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
    if len(span) == 1 and span[0].is_sent_start and span[0].pos_ in ("NOUN", "VERB", "ADV") and not surface.isupper():
        return None  # "Photographs showed ...": a capitalised common word opening a sentence, not a
        # name in capitals (a dateline's place, which the tagger often takes for a common word)
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
    """``Han Seo`` + ``-yun`` -> ``Han Seo-yun`` when the parts are written without spaces."""
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
    """``President Tomas Reyes`` when capitalised title words stand right before the name."""
    doc = span.doc
    i = span.start
    while i > 0 and doc[i - 1].lower_ in TITLE_WORDS and doc[i - 1].text[:1].isupper():
        i -= 1
    if i == span.start or doc[span.start - 1].lower_ not in TITLE_HEADS:
        return None
    return doc[i : span.end].text


def _titled_names(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Capitalised proper nouns right after a title head ("minister Varga", "Dr Moreau")."""
    for tok in doc:
        if tok.lower_ not in TITLE_HEADS or tok.i + 1 >= len(doc):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and _name_token(doc[end]) and end not in taken:
            end += 1
        if end > tok.i + 1 and not headline(doc[tok.i : end].sent):
            yield doc[tok.i + 1 : _extend_hyphenated(doc, end)]


def _name_token(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha and not tok.ent_type_


def headline(sent: Span) -> bool:
    """A title-cased line (a headline or teaser kept in the text): its capitals say nothing.

    Cached on the doc per sentence: callers ask once per name, and a long sentence (a list of
    links) would otherwise be read once per name in it."""
    seen = sent.doc.user_data.setdefault("newsdesk.headline", {})
    key = (sent.start, sent.end)
    if key not in seen:
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        seen[key] = len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)
    return bool(seen[key])
