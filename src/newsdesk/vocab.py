"""Language facts as data -> one owner: calendar, numbers, quote marks, word tokens, claim words.

Every module that reads English text takes these from here, so a month, a number word or a
quotation mark is added once.  The tokenisers differ on purpose (each is named for its use);
the quotation helpers all read the same marks.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- calendar --------------------------------------------------------------------------------

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# month name or abbreviation (first three letters, and "sept") -> month number
MONTHS: dict[str, int] = {
    **{m: n for n, m in enumerate(MONTH_NAMES, 1)},
    **{m[:3]: n for n, m in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)  # words that name a month or a day

# --- numbers ---------------------------------------------------------------------------------

UNIT_WORDS: dict[str, int] = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS_WORDS: dict[str, int] = {
    w: 20 + 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
SCALE_WORDS: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000,
    "m": 1_000_000, "mn": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
}  # fmt: skip
# a currency sign before an amount names what it counts: "€50,000" = "50,000 euros"
CURRENCY_SIGNS: dict[str, str] = {"€": "euro", "$": "dollar", "£": "pound", "¥": "yen"}
VAGUE_AMOUNTS = frozenset({"hundreds", "thousands", "millions", "billions", "dozens", "tens", "scores"})
LOWER_BOUNDS = ("at least", "more than", "over", "in excess of", "upwards of", "no fewer than")
UPPER_BOUNDS = ("up to", "less than", "fewer than", "under", "almost", "nearly", "no more than")
ROUGH = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated")
# a word that states a count on its own ("one" is left out: it is far more often a pronoun)
COUNT_WORDS: dict[str, int] = {
    **{w: n for w, n in UNIT_WORDS.items() if w != "one"},
    **TENS_WORDS,
    "hundred": 100,
    "dozen": 12,
}
_NUMERAL = re.compile(r"^\d[\d,]*(\.\d+)?$")


def count_value(word: str) -> str | None:
    """The number a lower-cased word states ("1,200" -> "1200", "nine" -> "9"), else None."""
    w = word.strip(".,")
    if _NUMERAL.match(w):
        return w.replace(",", "")
    if w in COUNT_WORDS:
        return str(COUNT_WORDS[w])
    return None


# --- quotation marks -------------------------------------------------------------------------

STRAIGHT = '"'
LEFT_DOUBLE, RIGHT_DOUBLE = "\u201c", "\u201d"
LOW_DOUBLE = "\u201e"  # German opening mark
GUILLEMET_OPEN, GUILLEMET_CLOSE = "\u00ab", "\u00bb"
OPENING_QUOTES = LEFT_DOUBLE + LOW_DOUBLE + GUILLEMET_OPEN  # curly and angle marks that open
CLOSING_QUOTES = RIGHT_DOUBLE + GUILLEMET_CLOSE
QUOTE_CHARS = STRAIGHT + OPENING_QUOTES + CLOSING_QUOTES  # every double quotation mark
ENGLISH_QUOTES = STRAIGHT + LEFT_DOUBLE + RIGHT_DOUBLE  # the marks English news uses
# single curly marks quote too (British style), outside double quotes and within one paragraph
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"


def leaves_quotation_open(text: str) -> bool:
    """More opening than closing double marks (curly), or an odd number of straight ones."""
    return text.count(LEFT_DOUBLE) > text.count(RIGHT_DOUBLE) or text.count(STRAIGHT) % 2 == 1


def quotes_balanced(text: str) -> bool:
    """Every double quotation mark of ``text`` has its partner (no stray opening or closing one)."""
    return text.count(STRAIGHT) % 2 == 0 and text.count(LEFT_DOUBLE) == text.count(RIGHT_DOUBLE)


def outside_quotes(text: str) -> str:
    """``text`` without its quotations, each replaced by one space so the words around it stay apart.

    A straight mark opens or closes; curly and angle marks say which.  A quotation left open
    runs to the end of the text (what follows an unclosed mark is still the quotation).
    """
    if not any(mark in text for mark in QUOTE_CHARS):
        return text  # most sentences quote no one: nothing to take out
    out, inside = [], False
    for ch in text:
        if ch in QUOTE_CHARS:
            opened = not inside if ch == STRAIGHT else ch in OPENING_QUOTES
            if opened and not inside:
                out.append(" ")
            inside = opened
            continue
        if not inside:
            out.append(ch)
    return "".join(out)


# --- words -----------------------------------------------------------------------------------

# a word with inner apostrophes, in any script ("don't", "l'Elysée"): counting and line keys
WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
# a run of letters and digits in any script: HTML block keys and title overlap
WORD_RUN = re.compile(r"\w+")
# a lower-case term of two characters or more, or a number of three digits or more: story clustering
TERM = re.compile(r"[a-z][a-z0-9'\-]*[a-z0-9]|[0-9]{3,}")
# a Latin-script token keeping its inner hyphens and apostrophes, lower case: shingles of copies
LOWER_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# a token keeping inner hyphens, commas and points ("1,200", "U.S.", "well-known"): fact matching
FACT_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-.,]*[A-Za-z0-9]|[A-Za-z0-9]")
STOP_WORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being has have had
    do does did will would could should may might can this that these those it its he she they them his
    her their we our you your i me my said says say told also after before about into over than then when
    where what which who whom whose while there here more most some such only just very so up out not no
    """.split()
)


@lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words, crudely stemmed (plural s, -ed, -ing cut); memoised (the brief
    and the claims ask for the same sentences many times)."""
    out = set()
    for w in FACT_TOKEN.findall(text.lower()):
        w = w.strip(".,'-")
        if len(w) < 3 or w in STOP_WORDS:
            continue
        out.add(stem(w))
    return frozenset(out)


def word_tokens(text: str) -> list[str]:
    """Every word of ``text`` in order, lower-cased and stemmed as ``content_words`` (stop words kept)."""
    return [stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]


@lru_cache(maxsize=1 << 16)
def stem(w: str) -> str:
    """A crude stem: a plural s, -es, -ed or -ing cut when four letters stay."""
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def content_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller sentence's content words that the other one has."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# --- what a claim unit states (analyse.evidence) ----------------------------------------------

# personal pronouns that stand for the person named last before them
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
# "ten years", "50th anniversary": a count that names the year it reaches back to
YEARS_BACK = frozenset({"year", "anniversary"})
DURATION_WORDS = frozenset({"day", "week", "month"})  # counted only as the date they reach
# words that make a statement only wished or possible ("hopes to open", "may close")
HEDGES = frozenset("want wish hope seek potential possible possibly may might could".split())
HEDGE_FORMS = frozenset("wants wanted hopes hoped wishes wished seeks sought".split())  # mis-lemmatised
# verbs that say little of their own, and those that only attribute what follows
LIGHT = frozenset("be have do make take get go come give happen include become remain seem".split())
SPEECH = frozenset("say tell add state note mention remark comment stress emphasise emphasize".split())
TIME_WORDS = frozenset(
    """
    year month week day hour minute decade century today yesterday tomorrow morning afternoon
    evening night monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december
    """.split()
)
# derivational endings cut so that "performance" meets "perform", "closure" meets "close"
SUFFIXES = (
    "ations", "ation", "ators", "ator", "ition", "ances", "ance", "ence", "ments", "ment", "ing",
    "ion", "ure", "ate", "e",
)  # fmt: skip


# --- lemmas ----------------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")


def verb_lemma(lemma: str, form: str, pos: str = "VERB") -> str:
    """spaCy's lemma of a verb ``form`` (both lower case; any other part of speech ``pos`` keeps
    its lemma as it is), with one rule of English spelling put
    back: a one-syllable stem that ends consonant-vowel-consonant doubles its last letter before
    "-ed" and "-ing" ("fin" -> "finned"), so a form that did not double it dropped a silent "e"
    ("fined", "fining" -> "fine", where the rule lemmatiser gives "fin")."""
    if pos != "VERB" or len(lemma) < 3 or form not in (lemma + "ed", lemma + "ing"):
        return lemma
    a, b, c = lemma[-3:]
    groups = len(re.findall(r"[aeiou]+", lemma))
    if a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in "wxy" and groups == 1:
        return lemma + "e"
    return lemma
