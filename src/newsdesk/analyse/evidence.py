"""What a claim unit states: a sentence or clause (``align.Unit``) -> its names, values and words.

A unit's *content* is a set of features, each weighted by how rare it is in
the story (idf, capped: a rare word is often just one outlet's wording):
canonical names (``ent:Ilse Brandt``; a personal pronoun stands for the last
person named before it, "Norway's prime minister" for the one the story names),
counts (``num:14``), dates (``t:2025-09-03``, with
the coarser ``t:2025-09`` and ``t:2025`` when the date is written out; "ten
years" and "50th anniversary" also name the year they reach back to; "AD 170"
is ``t:0170``), lengths of time (``dur:P11M``), times of day (``clock:14:52``)
and the roots of content words ("performance" and "perform" share ``perform``).
Besides the content a unit carries what a backer may never differ in: the
counts, written dates and lengths it must state too, the people it names, each
conjunct of "A and B", its polarity, whether it is only wished or possible
("hopes to open"), and its tense (a vote held is not a vote to come).

``story_evidence`` builds a story's ``StoryEvidence``: each unit's evidence read once (on first
use), and the rarity of every feature over the story's sentences.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsdesk.analyse.align import NEGATION
from newsdesk.analyse.conflicts import offices_named, single_holders
from newsdesk.analyse.entities import EntityIndex, name_key, place_of
from newsdesk.analyse.timeline import StoryTimes
from newsdesk.analyse.units import Unit, unit_span
from newsdesk.nlp.numbers import Slot, clock_times, era_years, number_slots
from newsdesk.vocab import (
    DURATION_WORDS,
    HEDGE_FORMS,
    HEDGES,
    LIGHT,
    PRONOUNS,
    SPEECH,
    SUFFIXES,
    TIME_WORDS,
    YEARS_BACK,
    verb_lemma,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsdesk.analyse.context import StoryContext

NOUNS = frozenset({"NOUN", "PROPN"})
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "NUM"})
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# where a hedge word bears on the unit's own statement: its verb, auxiliaries, complements, and
# the modifiers of its subject and object ("a potential deal"); not a clause inside it
HEDGE_DEPS = frozenset({"aux", "auxpass", "xcomp", "ccomp", "advmod", "amod", "nsubj", "nsubjpass", "dobj", "attr", "ROOT"})
_NOT_ONLY = re.compile(r"\bnot (merely|just|only|simply)\b", re.IGNORECASE)  # no denial
_WRITTEN_DATE = re.compile(r"\b(1[89]\d\d|20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d\d|W\d\d)(?:-(\d\d))?)?$")
_YEARS = re.compile(r"^P(\d+)Y$")
_LENGTH = re.compile(r"^PT?([2-9]|[1-9]\d+)[MWDH]$")  # two or more months, weeks, days or hours


@dataclass(frozen=True)
class Evidence:
    """What a unit states, for matching it against another."""

    content: frozenset[str]  # names, values and content words, each a feature
    needs: frozenset[frozenset[str]]  # values a backer must state, each in its alternative forms
    people: frozenset[str]  # people named (or meant by a pronoun)
    words: frozenset[str]  # roots of common nouns, verbs and adjectives: what is said of the names
    parts: tuple[frozenset[str], ...]  # the features of each conjunct of "A and B"
    slots: tuple[Slot, ...]  # counted numbers, with their noun and bounds
    negated: bool
    hedged: bool  # wanted, hoped or only possible ("hopes to open", "a potential deal")
    tense: str  # of the main verb: "past", "future" or ""
    agent: str  # who the main verb's subject names ("?": a pronoun for no one known; "": no one)
    subject: bool  # the unit holds its verb's subject (a clause, not "to strengthen ties")

    def states_values_of(self, claim: Evidence) -> bool:
        """Every count and written date of ``claim`` is here too, in one of its forms."""
        return all(forms & self.content for forms in claim.needs)


_NONE: frozenset[str] = frozenset()
EMPTY = Evidence(_NONE, frozenset(), _NONE, _NONE, (), (), False, False, "", "", False)


@dataclass(frozen=True, eq=False)
class StoryEvidence:
    """What the units of one story state and the rarity (capped idf over the story's sentences)
    of every feature; built by ``story_evidence``.  ``of(u)`` is a pure function of the story and
    ``u``; ``memo`` only keeps its answers once read (most units never are): the value stays the same."""

    ctx: StoryContext
    entities: EntityIndex
    times: StoryTimes
    people: frozenset[str]  # "ent:<name>" of every person of the story
    holders: Mapping[str, str] = field(default_factory=dict)  # office -> its one holder here
    idf_of: Mapping[str, float] = field(default_factory=dict)
    df: Mapping[str, int] = field(default_factory=dict)  # in how many sentences each feature occurs
    memo: dict[tuple[str, int, int], Evidence] = field(default_factory=dict, repr=False)

    def of(self, u: Unit) -> Evidence:
        """What ``u`` states (read once, then kept in ``memo``)."""
        key = (u.article_id, u.start, u.end)
        if key not in self.memo:
            self.memo[key] = _compute(self, u)
        return self.memo[key]

    def weight(self, features: frozenset[str]) -> float:
        """Summed rarity (capped idf) of features in the story."""
        cap = self.ctx.tuning.evidence.idf_cap
        return math.fsum(min(self.idf_of.get(f, 1.0), cap) for f in features)  # exact: any set order, one sum

    def idf(self, feature: str) -> float:
        return self.idf_of.get(feature, 1.0)


def story_evidence(
    ctx: StoryContext, units: Sequence[Unit], entities: EntityIndex, times: StoryTimes
) -> StoryEvidence:
    """The evidence table of a story: ``units`` are its claim units (``units.sentence_units``);
    rarity is counted over the whole sentences among them."""
    people = frozenset("ent:" + n for n, kind in entities.type_of.items() if kind == "PERSON")
    reader = StoryEvidence(ctx, entities, times, people, single_holders(ctx, entities))
    df: dict[str, int] = defaultdict(int)
    for u in units:
        if u.whole:
            for f in reader.of(u).content:
                df[f] += 1
    n = max(len(ctx.sentences), ctx.tuning.evidence.min_story)  # in a short story every word is still a word
    idf_of = {f: math.log((n + 1) / (d + 0.5)) for f, d in df.items()}
    return replace(reader, idf_of=idf_of, df=dict(df), memo=reader.memo)


def word_root(lemma: str) -> str:
    """A lemma without derivational endings ("performance" -> "perform", "creation" -> "creat")."""
    changed = True
    while changed:
        changed = False
        for suffix in SUFFIXES:
            if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 4:
                lemma, changed = lemma[: -len(suffix)], True
                break
    return lemma


# --- computing a unit's evidence ---------------------------------------------------------------


def _compute(story: StoryEvidence, u: Unit) -> Evidence:
    ctx = story.ctx
    span = unit_span(ctx, u)
    if span is None:
        return EMPTY
    doc = span.doc
    lo = _subject_start(span, u)
    mentions = _mentions(ctx, story.entities, u.article_id, lo, u.end)
    people = {f for _, _, f, _ in mentions if f in story.people}
    window = ctx.tuning.evidence.pronoun_window
    people |= _pronoun_people(story.entities, u, span, window)
    people |= offices_named(story.entities, story.holders, span)
    content = {f for _, _, f, _ in mentions} | people
    counted = [s for s in number_slots(span) if s.kind in {"number", "ordinal"}]
    needs = _values(story.times, u, counted, content, ctx.tuning.evidence.min_count)
    # the words of a name are the name; those of an organisation ("Port Authority") say more
    names = [(s, e, f) for s, e, f, organisation in mentions if not organisation]

    def feature(tok: Token) -> str | None:
        name = next((f for s, e, f in names if s <= tok.idx < e), None)
        if name is not None:
            return name
        return word_feature(tok)

    features = {t.i: f for t in span if (f := feature(t)) is not None}
    content |= set(features.values())
    words = {f for i, f in features.items() if doc[i].pos_ != "PROPN" and not f.startswith("ent:")}
    subject = u.whole or lo < u.start or any(t.dep_ in SUBJECT_DEPS for t in span)
    subject = subject or any(t.dep_ in {"acl", "relcl"} for t in span)  # "the bridge, linking ..."
    return Evidence(
        content=frozenset(content),
        needs=frozenset(needs),
        people=frozenset(people),
        words=frozenset(words),
        parts=_conjuncts(span, features.get),
        slots=tuple(counted),
        negated=bool(NEGATION.search(_NOT_ONLY.sub(" ", u.text))),
        hedged=_hedged(span),
        tense=_tense(span.root),
        agent=_agent(story, u, span, mentions),
        subject=subject,
    )


Mentions = list[tuple[int, int, str, bool]]


def _mentions(ctx: StoryContext, index: EntityIndex, article_id: str, lo: int, hi: int) -> Mentions:
    """Names between characters lo and hi: (start, end, "ent:<canonical>", an organisation).

    A run of proper nouns the tagger left out here but the story knows as a name elsewhere is
    that name too ("Mare Nubium" tagged in one article and not in another)."""
    out = []
    for m, name in index.mentions_of(article_id):
        kind = index.type_of.get(name)
        if lo <= m.start and m.end <= hi and kind in NAME_TYPES:
            place = place_of(index, m.surface) if kind == "NORP" else None
            out.append((m.start, m.end, "ent:" + (place or name), kind == "ORG"))
    doc = ctx.docs[article_id]
    run: list[Token] = []
    for tok in [*doc.char_span(lo, hi, alignment_mode="expand"), None]:
        free = tok is not None and not any(s <= tok.idx < e for s, e, _, _ in out)
        if tok is not None and tok.pos_ == "PROPN" and free:
            run.append(tok)
            continue
        if len(run) > 1:
            name = index.name_of_key.get(name_key(" ".join(t.text for t in run)))
            if name is not None and index.type_of.get(name) in NAME_TYPES:
                end = run[-1].idx + len(run[-1])
                out.append((run[0].idx, end, "ent:" + name, index.type_of.get(name) == "ORG"))
        run = []
    return out


def _pronoun_people(index: EntityIndex, u: Unit, span: Span, window: int) -> set[str]:
    """The person each personal pronoun of the unit stands for: the last one named before it
    (at most ``window`` characters before it)."""
    persons = [
        (m.end, name)
        for m, name in index.mentions_of(u.article_id)
        if index.type_of.get(name) == "PERSON"
    ]
    out = set()
    for tok in span:
        if tok.lower_ in PRONOUNS:
            before = [name for end, name in persons if tok.idx - window <= end <= tok.idx]
            if before:
                out.add("ent:" + before[-1])
    return out


def _agent(story: StoryEvidence, u: Unit, span: Span, mentions: Mentions) -> str:
    """Who the unit's main verb is said of, when that is a person: a name, or a pronoun's person."""
    root = span.root
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and root.dep_ == "conj":
        subjects = [c for c in root.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return ""
    head = subjects[0]
    name = next((f for s, e, f, _ in mentions if s <= head.idx < e), None)
    if name is not None:
        return name if name in story.people else ""
    if head.lower_ in PRONOUNS:
        window = story.ctx.tuning.evidence.pronoun_window
        meant = _pronoun_people(story.entities, u, head.doc[head.i : head.i + 1], window)
        return next(iter(meant)) if meant else "?"
    return ""


def _subject_start(span: Span, u: Unit) -> int:
    """Where the names the unit states begin: at the unit, or for a verb that shares its subject
    with the verb before it ("X visited A and had skipped B") at that subject."""
    root = span.root
    if root.dep_ != "conj" or any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return u.start
    subjects = [c for c in root.head.children if c.dep_ in SUBJECT_DEPS]
    return min(u.start, subjects[0].left_edge.idx) if subjects else u.start


def _values(
    times: StoryTimes, u: Unit, counted: list[Slot], content: set[str], min_count: int
) -> set[frozenset[str]]:
    """Adds the unit's counts (``counted``: its numbers and ordinals), dates and times of day to
    ``content``; returns those a backer must state, each as the set of its forms (counts from
    ``min_count`` on: "the two countries" need not be stated by every backer)."""
    needs: set[frozenset[str]] = set()
    year = times.year(u.article_id)
    inside = [x for x in times.times[u.article_id] if u.start <= x.start and x.end <= u.end]
    for s in counted:
        if s.what in DURATION_WORDS and inside and s.what not in YEARS_BACK:
            continue  # "three days ago": a date (below), not a count of days  # "fifty years" and "50th anniversary" share 50
        forms = {f"num:{s.value}"}
        if s.what in YEARS_BACK and year and s.lo == s.hi:  # "in six years": six years back
            forms = {f"t:{year - int(s.lo)}"} | (forms if s.kind == "ordinal" else set())
        content.update(forms)
        if float(s.value) >= min_count:
            needs.add(frozenset(forms))
    written = [{f"clock:{r}" for r in c.readings} for c in clock_times(u.text)]  # "14:52", "7.40pm"
    written += [{f"t:{y}"} for y in era_years(u.text)]  # "AD 170": a year, not a count
    for forms in written:
        content.update(forms)
        needs.add(frozenset(forms))
    for x in inside:
        values = date_features(x.value, year)
        if x.type == "DURATION" and (n := _LENGTH.match(x.value)):  # "for eleven months" = "for 11 months"
            content.add(f"dur:{x.value}")
            needs.update([frozenset({f"dur:{x.value}"})] if int(n[1]) >= min_count else [])
        elif values and _WRITTEN_DATE.search(x.text):
            content.update(values)
            needs.add(frozenset(values[:1]))
        else:  # "next week", "on Tuesday": only as sure as the article's date
            content.update(values[:1])
    return needs


def date_features(value: str, year: int | None) -> list[str]:
    """A TIMEX3 value as features, most specific first: 2025-09-03 -> t:2025-09-03, t:2025-09,
    t:2025; a count of years ("P6Y") names the year it reaches back to from ``year``."""
    years = _YEARS.match(value)
    if years:
        return [f"t:{year - int(years.group(1))}"] if year else []
    if re.fullmatch(r"\d{3}", value):
        return [f"t:{value}x"]
    m = _DATE_VALUE.match(value[:10])
    if not m:
        return []
    y, mid, day = m.groups()
    if not mid:
        return [f"t:{y}"]
    return [f"t:{y}-{mid}-{day}", f"t:{y}-{mid}", f"t:{y}"] if day else [f"t:{y}-{mid}", f"t:{y}"]


def _conjuncts(span: Span, feature: Callable[[int], str | None]) -> tuple[frozenset[str], ...]:
    """The features of each conjunct of a coordination of nouns ("[the founding of the city]
    and [the end of the flood]"), each without those of the conjuncts inside it."""
    parts = set()
    for head in span:
        if head.pos_ not in NOUNS or head.dep_ == "conj":
            continue
        members, todo = [head], [head]
        while todo:
            for c in todo.pop().children:
                if c.dep_ == "conj" and c.pos_ in NOUNS:
                    members.append(c)
                    todo.append(c)
        if len(members) == 1:
            continue
        for m in members:
            inner = {x.i for k in members if k.i != m.i and m.is_ancestor(k) for x in k.subtree}
            own = {x.i for x in m.subtree} - inner
            feats = frozenset(f for i in own if span.start <= i < span.end and (f := feature(i)))
            if feats:
                parts.add(feats)
    return tuple(sorted(parts, key=sorted))


def _hedged(span: Span) -> bool:
    """The unit's own statement is only wished or possible ("hopes to open", "may close", "a
    potential deal"); a hedge inside a clause of it ("... after X said he wanted to") is not."""
    todo, seen = [span.root], set()
    while todo:
        tok = todo.pop()
        if tok.i in seen or not span.start <= tok.i < span.end:
            continue
        seen.add(tok.i)
        if tok.lemma_.lower() in HEDGES or tok.lower_ in HEDGE_FORMS:
            return True
        todo.extend(c for c in tok.children if c.dep_ in HEDGE_DEPS)
    return False


def _tense(verb: Token) -> str:
    """ "future" for "will open", "is set to vote", "would close"; "past" for "opened", "had
    skipped"; "" otherwise (present, or no verb).  Of "X said / confirmed that Y", Y's tense."""
    said = [
        c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}
    ]
    if said:
        return _tense(said[0])
    if verb.lemma_.lower() in SPEECH:
        return ""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if aux & {"will", "shall", "would", "'ll"} or any(
        c.dep_ == "xcomp" and c.lemma_ in {"set", "due", "expect"} for c in [verb, *verb.children]
    ):
        return "future"
    if verb.tag_ == "VBD" or aux & {"had", "did", "was", "were"}:
        return "past"
    return ""


def word_feature(tok: Token) -> str | None:
    """The root of a content word ("performance" -> "perform"), None for any other token."""
    return word_root(verb_lemma(tok.lemma_.lower(), tok.lower_, tok.pos_)) if _content_word(tok) else None


def _content_word(tok: Token) -> bool:
    """A word that says something: not a stop word, number, time word, light or speech verb."""
    if tok.pos_ not in CONTENT_POS or not tok.is_alpha or tok.is_stop or tok.like_num:
        return False
    lemma = tok.lemma_.lower()
    if lemma in SPEECH or lemma in LIGHT or lemma in TIME_WORDS:
        return False
    return tok.ent_type_ not in {"ORDINAL", "CARDINAL"}
