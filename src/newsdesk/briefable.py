"""Story sentences -> what a brief may show: plain statements, and quotations of several sentences shown whole.

``is_briefable`` judges one text at a level (``PLAIN`` statements; ``FILL``, what fills a budget
once they run out; ``LAST_RESORT``, what a brief that would be empty may show);
``briefable_spans`` gives, per sentence, the rows a brief would show for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.analyse.context import StoryContext
from newsdesk.chrome import SENTENCE_CHROME
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.analysis import BriefTuning
from newsdesk.vocab import ENGLISH_QUOTES, leaves_quotation_open, outside_quotes, quotes_balanced

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
