"""Story sentences -> what a brief may show: plain statements, quotations of several sentences shown whole, and the speaker a line needs named before it.

``is_briefable`` judges one text at a level (``PLAIN`` statements; ``FILL``, what fills a budget
once they run out; ``LAST_RESORT``, what a brief that would be empty may show);
``briefable_spans`` gives, per sentence, the rows a brief would show for it; ``needs_before``
says what a line needs before it in a brief for its speaker to be known (``speaker_need``:
a bare quotation, "he said", a surname alone).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.analyse.context import StoryContext
from newsdesk.chrome import SENTENCE_CHROME
from newsdesk.nlp.entity_rules import TITLE_WORDS
from newsdesk.nlp.quote_rules import (
    ATTRIBUTION_ADVERBS,
    ATTRIBUTION_VERBS,
    DETERMINERS,
    INVERTING_VERBS,
    IRREGULAR_FORMS,
    RELATIVE_PRONOUNS,
    SPEAKING_PRONOUNS,
)
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.analysis import BriefTuning
from newsdesk.vocab import CALENDAR_WORDS, ENGLISH_QUOTES, WORD, leaves_quotation_open, outside_quotes, quotes_balanced

# a sentence opening on a pronoun or demonstrative needs the sentence before it to be understood
LEANS_BACK = re.compile(r"(This|That|These|Those|It|He|She|They|His|Her|Its|Their)\b")
FIRST_PERSON = re.compile(r"(^|[\s(])(I|I'm|I've|I'd|I'll|my|me|myself)\b")
QUOTES = ENGLISH_QUOTES
PLAIN, FILL, LAST_RESORT = 0, 1, 2  # how plain a brief sentence must be (is_briefable)


def is_briefable(
    text: str,
    title_like: bool = False,
    max_words: int | None = None,
    level: int = PLAIN,
    tuning: BriefTuning = DEFAULT_TUNING.brief,
) -> bool:
    """A plain statement fit for a brief: not chrome, a question, a fragment or a columnist's aside.
    It has from ``tuning.min_words`` to ``max_words`` (``tuning.max_words`` when not given) words.

    ``level``: ``PLAIN`` as above; ``FILL``, what a brief fills its budget with once the plain
    statements are used up: it may open on a pronoun or a demonstrative ("She said ...");
    ``LAST_RESORT``, what a brief that would be empty may show: questions, exclamations and
    first-person lines too.  Chrome, titles and fragments never pass.
    """
    words = text.split()
    if not tuning.min_words <= len(words) <= (max_words or tuning.max_words) or title_like:
        return False
    stripped = text.rstrip(QUOTES + "' )")  # a closing mark or bracket: the sentence ends before it
    ends = ".\"'\u201d)?!" if level >= LAST_RESORT else ".\"'\u201d)"
    if stripped.endswith(":") or stripped[-1:] not in ends:
        return False
    if stripped.endswith(("?", "!")) and level < LAST_RESORT:
        return False
    if SENTENCE_CHROME.search(text) or _shouting(words) or not (text[0].isupper() or text[0] in QUOTES or _counts_first(words)):
        return False
    if not quotes_balanced(text) or LEANS_BACK.match(text) and level < FILL:
        return False
    return level >= LAST_RESORT or not FIRST_PERSON.search(outside_quotes(text))


def _counts_first(words: list[str]) -> bool:
    """The sentence opens on a count ("12 ferries were cancelled ..."), not on a list number ("2. Stir", "1)")."""
    return bool(re.fullmatch(r"\d[\d,.]*%?", words[0])) and not words[0].endswith(".")


def _shouting(words: list[str]) -> bool:
    letters = [w for w in words if any(c.isalpha() for c in w)]
    caps = [w for w in letters if w.isupper() and len(w) > 1]
    return len(caps) >= max(3, 0.5 * len(letters))


def briefable_spans(ctx: StoryContext, level: int = PLAIN) -> dict[int, tuple[int, ...]]:
    """Sentence row -> the rows a brief would show for it: the sentence alone when it is briefable,
    or with the next ones of its paragraph when it opens a quotation that they close (a quotation
    of several sentences is shown whole, never cut).  A sentence that starts inside a quotation
    opened before it is never a key: it would show a quotation without its start."""
    t = ctx.tuning.brief
    out: dict[int, tuple[int, ...]] = {}
    opened_at: int | None = None  # the row whose quotation is still open
    for i, s in enumerate(ctx.sentences):
        if i and not _same_paragraph(ctx, i - 1, i):
            opened_at = None
        if opened_at is not None:
            opened_at = opened_at if leaves_quotation_open(span_text(ctx, (opened_at, i))) else None
            continue
        if quotes_balanced(s.text):
            rows: tuple[int, ...] = (i,)
        elif leaves_quotation_open(s.text):
            opened_at = i
            rows = _quotation_rows(ctx, i)
        else:
            continue  # a stray closing mark
        if rows and not _title_like(ctx, i):
            limit = t.max_words if len(rows) == 1 else t.max_quoted
            if is_briefable(span_text(ctx, rows), max_words=limit, level=level, tuning=t):
                out[i] = rows
    return out


def _quotation_rows(ctx: StoryContext, i: int) -> tuple[int, ...]:
    """Rows ``i, i+1, ...`` of one paragraph up to the sentence that closes the quotation ``i``
    opens (at most ``tuning.brief.quoted_sentences``); empty when it is not closed by then."""
    for j in range(i + 1, min(i + ctx.tuning.brief.quoted_sentences, len(ctx.sentences))):
        if not _same_paragraph(ctx, j - 1, j):
            return ()
        if not leaves_quotation_open(span_text(ctx, (i, j))):
            return tuple(range(i, j + 1)) if quotes_balanced(span_text(ctx, (i, j))) else ()
    return ()


def _same_paragraph(ctx: StoryContext, a: int, b: int) -> bool:
    """Rows ``a`` and ``b`` are consecutive sentences of one paragraph of one article."""
    s, t = ctx.sentences[a], ctx.sentences[b]
    if s.article_id != t.article_id or t.index != s.index + 1:
        return False
    return "\n" not in ctx.article(s.article_id).text[s.end : t.start]


def span_text(ctx: StoryContext, rows: Sequence[int]) -> str:
    """The article text from the first to the last of ``rows`` (sentences of one article)."""
    first, last = ctx.sentences[rows[0]], ctx.sentences[rows[-1]]
    return ctx.article(first.article_id).text[first.start : last.end]


def _title_like(ctx: StoryContext, i: int) -> bool:
    s = ctx.sentences[i]
    a = ctx.article(s.article_id)
    return s.text.strip() in {a.title, *a.headings}


# --- who is speaking: what a line needs said before it ----------------------------------------


@dataclass(frozen=True)
class SpeakerNeed:
    """Who speaks in a line, when the line itself does not say it in full.

    ``unattributed``: the line is a quotation and nothing else; ``pronoun``: a pronoun gives its
    speaker ("..., she said"); ``surnames``: speakers named by one name alone ("..., Varga said";
    "said Mr Varga").
    """

    unattributed: bool = False
    pronoun: bool = False
    surnames: tuple[str, ...] = ()


NAME = r"[A-Z][\w'\u2019\-]*"
# a name alone inside a sentence: after a lower-case word, a comma or a closing mark, before a
# lower-case word or a mark
ALONE = re.compile(rf"(\b[a-z]\w*|[,;\u201d\"'\u2019]) ({NAME})(?= [a-z]|[.,;:])")


@lru_cache(maxsize=1)
def _speech_forms() -> frozenset[str]:
    """Every written form of an attribution verb ("say", "says", "said", "added", "denies")."""
    out = set(IRREGULAR_FORMS)
    for lemma in ATTRIBUTION_VERBS:
        out |= {lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "es"}
        if lemma.endswith("y"):
            out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return frozenset(out)


def speaker_need(text: str) -> SpeakerNeed:
    """Who speaks in ``text`` (a brief line) when the line does not say it in full (``SpeakerNeed``).

    The attribution is read from the words outside the quotation marks: the words right before an
    attribution verb (its subject), or right after one that opens its clause ("..., said Mr Varga")."""
    outside = outside_quotes(text)
    words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(outside)]
    if not words:
        return SpeakerNeed(unattributed=any(q in text for q in QUOTES))
    forms = _speech_forms()
    pronoun, surnames = False, []
    for k, (w, start, _) in enumerate(words):
        if w not in forms:
            continue
        subject = _subject_before(outside, words, k)
        if subject is None and w in INVERTING_VERBS and _opens_clause(outside[:start]):
            subject = _subject_after(outside, words, k)
        if subject and subject.lower() in SPEAKING_PRONOUNS:
            pronoun = True
        elif subject:
            surnames.append(subject)
    return SpeakerNeed(False, pronoun, tuple(dict.fromkeys(surnames)))


def _subject_before(outside: str, words: list[tuple[str, int, int]], k: int) -> str | None:
    """The subject written right before the verb ``words[k]`` (an adverb in "-ly" may sit between):
    a pronoun, the one name of a run of capitalised words (titles left out), "" for a longer name
    or a common noun, None when a mark or nothing stands before the verb."""
    j = k - 1
    if j >= 0 and _adverb(words[j][0]) and _adjacent(outside, words, j, k):
        k, j = j, j - 1
    if j < 0 or not _adjacent(outside, words, j, k):
        return None
    if words[j][0].lower() in SPEAKING_PRONOUNS:
        # "a bill which they say ...": the pronoun's person is named in the same sentence
        return "" if j and words[j - 1][0].lower() in RELATIVE_PRONOUNS else words[j][0]
    run = []
    while j >= 0 and re.fullmatch(NAME, words[j][0]) and (not run or _adjacent(outside, words, j, j + 1)):
        run.append(words[j][0])
        j -= 1
    if j >= 0 and words[j][0].lower() in DETERMINERS:
        return ""  # "the German wrote": a noun, not a name
    return _lone_name(run[::-1])


def _subject_after(outside: str, words: list[tuple[str, int, int]], k: int) -> str | None:
    """The subject of an inverted attribution ("..., said Mr Varga"), as ``_subject_before``; a
    pronoun after the verb opens what was said ("..., said she would"), it does not say who."""
    j = k + 1
    if j >= len(words) or not _adjacent(outside, words, k, j):
        return None
    run = []
    while j < len(words) and re.fullmatch(NAME, words[j][0]) and (not run or _adjacent(outside, words, j - 1, j)):
        run.append(words[j][0])
        j += 1
    return _lone_name(run) if run else None


def _adverb(word: str) -> bool:
    return word in ATTRIBUTION_ADVERBS or word.endswith("ly") and word.islower()


def _lone_name(run: list[str]) -> str:
    """The name of a run of capitalised words when it is one word once titles are left out."""
    names = [w for w in run if w.lower().rstrip(".") not in TITLE_WORDS]
    if len(names) == 1 and names[0] not in CALENDAR_WORDS:
        return names[0]
    return ""


def _adjacent(outside: str, words: list[tuple[str, int, int]], a: int, b: int) -> bool:
    """Only spaces between words ``a`` and ``b``."""
    return not outside[words[a][2] : words[b][1]].strip()


def _opens_clause(before: str) -> bool:
    """Nothing but a quotation or a mark ends ``before``: a verb after it opens its clause."""
    return not before.strip() or before.rstrip()[-1] in ",;:.\u2013\u2014-"


def needs_before(
    ctx: StoryContext,
    rows: Sequence[int],
    need: SpeakerNeed | None = None,
    people: frozenset[str] | None = None,
) -> tuple[int | None, tuple[str, ...]]:
    """What a brief places before the line shown by ``rows``: for a bare quotation or a speaker
    given by a pronoun, the row it follows in its article (-1 when it opens its article), else
    None: the brief puts the line right after that row when it shows it; and the surnames of the
    story's people (``story_surnames``) it names alone as speakers: a brief shows the line only
    after one that gives the full name (``introduces``).  ``need`` and ``people`` are found here
    when not given."""
    need = need or speaker_need(span_text(ctx, rows))
    after = None
    if need.unattributed or need.pronoun:
        after = rows[0] - 1 if ctx.sentences[rows[0]].index > 0 else -1
    if not need.surnames:
        return after, ()
    people = story_surnames(ctx) if people is None else people
    return after, tuple(n for n in need.surnames if n in people)


def speaker_needs(
    ctx: StoryContext, spans: dict[int, tuple[int, ...]], level: int
) -> dict[int, tuple[int | None, tuple[str, ...]]]:
    """Key row of ``spans`` -> what its line needs before it in a brief (``needs_before``), for the
    lines that do not say in full who speaks (a fact group shows another member when it has one);
    a brief that would otherwise be empty (``LAST_RESORT``) needs nothing."""
    if level >= LAST_RESORT:
        return {}
    out: dict[int, tuple[int | None, tuple[str, ...]]] = {}
    people: frozenset[str] | None = None
    for key, rows in spans.items():
        need = speaker_need(span_text(ctx, rows))
        if need.surnames and people is None:
            people = story_surnames(ctx)
        if need.unattributed or need.pronoun or need.surnames:
            out[key] = needs_before(ctx, rows, need, people)
    return out


def story_surnames(ctx: StoryContext) -> frozenset[str]:
    """Surnames of the story: last words of names of two or more words (titles left out) that the
    articles also write alone inside a sentence ("..., Varga said") and never in lower case
    ("Varga" of "Ilse Varga", not "Police" of "City Police", which stands alone only where a
    sentence opens)."""
    lower: set[str] = set()
    last: set[str] = set()
    alone: set[str] = set()
    for a in ctx.articles:
        lower.update(w for w in WORD.findall(a.text) if w.islower())
        for m in re.finditer(rf"{NAME}(?:\s+{NAME})+", a.text):
            run = m.group().split()
            if len([w for w in run if w.lower().rstrip(".") not in TITLE_WORDS]) >= 2:
                last.add(run[-1])
        alone.update(m.group(2) for m in ALONE.finditer(a.text))
    return frozenset(n for n in last & alone if n.lower() not in lower)


def introduces(text: str, surname: str) -> bool:
    """``text`` names the person of ``surname`` in full (a first name or more before it)."""
    for m in re.finditer(rf"((?:{NAME}\s+)+){re.escape(surname)}\b", text):
        if any(w.lower().rstrip(".") not in TITLE_WORDS for w in m.group(1).split()):
            return True
    return False
