"""The per-story stages' tuned values -> one frozen group per stage (align, units, evidence, claims, ...).

Every value is declared once here with its default, its bounds and one line saying what it was
tuned on; the stages read them from ``StoryContext.tuning``.  "storycheck" is
``benchmarks/storycheck.py`` (hand labels of examples/ and the seeds), "briefs" is
``benchmarks/briefs.py`` (ROUGE on Multi-News dev), "citations" is ``benchmarks/citations.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsdesk.tuning.declare import Group, tunable

HAND = "set by hand on examples/, checked with storycheck on the seeds"


@dataclass(frozen=True)
class AlignTuning(Group):
    """When two sentences of different articles state one fact (``analyse.align``)."""

    name: ClassVar[str] = "align"
    order = (("maybe", "same_fact_cosine"),)
    same_fact_cosine: float = tunable(0.86, "briefs on Multi-News dev: two whole sentences this close state one fact", low=0, high=1)
    maybe: float = tunable(0.60, "briefs on Multi-News dev: cosine from which shared content words may confirm a match", low=0, high=1)
    match: float = tunable(0.98, "briefs on Multi-News dev: cosine + w_overlap x content overlap needed below same_fact_cosine", low=0)
    w_overlap: float = tunable(0.6, "briefs on Multi-News dev: weight of the content overlap in match", low=0)
    link: float = tunable(0.6, "briefs on Multi-News dev: mean cosine between two groups that merge", low=0, high=1)
    min_overlap: float = tunable(0.2, "briefs on Multi-News dev: least content overlap of a match below same_fact_cosine", low=0, high=1)
    centrality: float = tunable(0.5, f"{HAND}: weight of centrality against plainness in a group's representative", low=0)


@dataclass(frozen=True)
class UnitsTuning(Group):
    """What a claim unit (a sentence or a clause of it) is (``analyse.units``)."""

    name: ClassVar[str] = "units"
    min_words: int = tunable(4, f"{HAND}: the fewest words of a clause that is a unit", low=1)
    whole_share: float = tunable(0.9, f"{HAND}: a clause this much of its sentence is the sentence", low=0, high=1)


@dataclass(frozen=True)
class EvidenceTuning(Group):
    """How a unit's content is weighed (``analyse.evidence``)."""

    name: ClassVar[str] = "evidence"
    idf_cap: float = tunable(2.5, f"{HAND}: no single feature weighs more", low=0)
    min_story: int = tunable(30, f"{HAND}: rarity is measured as if a story had at least this many sentences", low=1)
    min_count: int = tunable(3, f"{HAND}: counts from here on must be stated by every backer", low=0)
    pronoun_window: int = tunable(600, f"{HAND}: characters back to the person a pronoun stands for", low=0)


@dataclass(frozen=True)
class ClaimsTuning(Group):
    """When a unit backs a claim, and what may be a claim (``analyse.claims``)."""

    name: ClassVar[str] = "claims"
    match: float = tunable(1.1, f"{HAND}: cosine + w_cover x coverage needed to back a claim", low=0)
    w_cover: float = tunable(0.7, f"{HAND}: weight of the coverage of the claim's content in match", low=0)
    min_cover: float = tunable(0.45, f"{HAND}: share of the claim's weighted content a backer must state", low=0, high=1)
    value_bonus: float = tunable(0.1, f"{HAND}: bonus (and lower bar) when a backer states the claim's counts and dates", low=0)
    count_bonus: float = tunable(0.3, f"{HAND}: bonus when the shared count is distinct", low=0)
    distinct: int = tunable(13, f"{HAND}: counts from this on are distinct (few facts of a story share them)", low=0)
    paraphrase_cosine: float = tunable(0.82, "storycheck on the seeds: a unit this close backs a claim from sure_cover", low=0, high=1)
    sure_cover: float = tunable(0.3, "storycheck on the seeds: coverage a close paraphrase needs", low=0, high=1)
    part_cover: float = tunable(0.5, f"{HAND}: share of each conjunct of the claim a backer must state", low=0, high=1)
    person_idf: float = tunable(1.6, f"{HAND}: people rarer than this in the story must be named by every backer", low=0)
    restates: float = tunable(0.8, f"{HAND}: a unit a chosen claim states this surely adds nothing to it", low=0)
    similar: float = tunable(0.5, f"{HAND}: sentences this similar are compared clause by clause", low=0, high=1)
    common: float = tunable(0.25, f"{HAND}: units sharing a feature found in fewer of the story's sentences are compared", low=0, high=1)
    min_words: int = tunable(4, f"{HAND}: the fewest words of a claim sentence", low=1)
    min_features: int = tunable(3, f"{HAND}: a claim says something: this many features", low=0)
    min_content: float = tunable(5.0, f"{HAND}: ... weighing this much ('he rarely travels' says too little)", low=0)


@dataclass(frozen=True)
class ConflictsTuning(Group):
    """Which aligned sentences may disagree (``analyse.conflicts``)."""

    name: ClassVar[str] = "conflicts"
    pair_threshold: float = tunable(0.62, "storycheck (examples/ planted conflict, seeds): same statement, possibly paraphrased", low=0, high=1)
    place_threshold: float = tunable(0.80, "storycheck: a place or a date differs only in near-identical sentences", low=0, high=1)
    max_conflicts: int = tunable(12, "reading the reports: the most conflicts one story lists", low=0)


@dataclass(frozen=True)
class SpeechTuning(Group):
    """What counts as a quote in one article, and how far its speaker carries (``nlp.quotes``)."""

    name: ClassVar[str] = "speech"
    min_words: int = tunable(3, "quotes benchmark (political news quotes, dev): the fewest words of a quote", low=1)
    continuation_chars: int = tunable(600, "quotes benchmark (dev): a quote without its own attribution inherits the previous speaker this far back", low=0)


@dataclass(frozen=True)
class TimesTuning(Group):
    """How far a time expression looks for the tense of its clause (``nlp.times``)."""

    name: ClassVar[str] = "times"
    order = (("reach", "long_reach"),)
    reach: int = tunable(60, "timex (TimeBank dev; kept as no value got worse): characters before an expression searched for the verb of its clause", low=0)
    long_reach: int = tunable(150, "timex (TimeBank dev; kept as no value got worse): ... and, when none is there, back to the start of a long sentence", low=0)
    past_horizon_days: int = tunable(120, "timex (issue 14, written on TBAQ half A, kept as held-out B got better): a month-day of a past clause more than this far after the document date is last year's", low=0)
    present_horizon_days: int = tunable(120, "timex (QA session 22; as past_horizon_days, untuned: no TBAQ dev expression reaches it): a month-day of a present clause more than this far before the document date is the coming one", low=0)
    future_grace_days: int = tunable(7, "timex (TimeBank dev; kept as no value got worse): a future month-day this long before the document date is still this year's", low=0)


@dataclass(frozen=True)
class QuotesTuning(Group):
    """When two quotes of a story are one (``analyse.quotes``)."""

    name: ClassVar[str] = "quotes"
    same_quote: float = tunable(0.7, "storycheck quotes (examples/, seeds): similarity of wordings above which two quotes are one", low=0, high=1)
    min_overlap_words: int = tunable(6, "storycheck quotes: a shorter quote inside a longer one counts from this many words", low=1)


@dataclass(frozen=True)
class TimelineTuning(Group):
    """Which dated events are one, and which are background (``analyse.timeline``)."""

    name: ClassVar[str] = "timeline"
    background_days: int = tunable(60, "storycheck timeline (examples/, seeds): events this long before the story are background", low=0)
    same_event_cosine: float = tunable(0.6, "storycheck timeline: two dated sentences this close are one event", low=0, high=1)
    same_event_jaccard: float = tunable(0.35, "storycheck timeline: ... or sharing this share of their words", low=0, high=1)
    later_days: int = tunable(3, "storycheck timeline: an undated article's first full date is its own up to this long after the story's", low=0)


@dataclass(frozen=True)
class CitationsTuning(Group):
    """Which sentences of a cited article are the evidence (``analyse.citations``)."""

    name: ClassVar[str] = "citations"
    full: float = tunable(0.72, "citations on hand labels (half A): content share the evidence must state to be full", low=0, high=1)
    add: float = tunable(0.15, "citations (half A): a second sentence joins when it adds this share", low=0, high=1)
    matched: float = tunable(0.15, "citations (half A): preference for a sentence the earlier stages matched", low=0)
    max_sentences: int = tunable(2, "citations (half A): evidence sentences per cited article", low=1)


@dataclass(frozen=True)
class BriefTuning(Group):
    """What a brief may show and how it picks (``brief``, ``briefable``); the model weights are fitted, not here."""

    name: ClassVar[str] = "brief"
    order = (("min_words", "max_words"), ("max_words", "max_quoted"))
    min_words: int = tunable(6, "set by hand, checked with briefs on Multi-News dev: the fewest words of a brief sentence", low=1)
    max_words: int = tunable(60, "set by hand, checked with briefs on Multi-News dev: the most words of one brief sentence", low=1)
    max_quoted: int = tunable(80, "briefs: the most words of a quotation of several sentences shown whole", low=1)
    quoted_sentences: int = tunable(3, "briefs: the most sentences one quotation may take", low=1)
    length_power: float = tunable(1.0, "briefs --tune: a unit's expected new summary words are divided by words ** this", low=0)
    redundancy: float = tunable(0.0, "briefs --tune: MMR weight of the closest chosen sentence", low=0)
    max_overlap: float = tunable(0.75, "briefs --tune on Multi-News dev: never two sentences this similar", low=0, high=1)
    word_overlap: float = tunable(1.0, "briefs --tune: weight of shared content words as redundancy (0: cosine only)", low=0)
