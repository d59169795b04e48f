"""Limits on the work one input may cause -> a frozen ``Limits`` value and the helpers that apply it.

Every limit bounds work, not just the file on disk: what a ``.gz`` expands to
is checked while it decompresses, long lines are split before any per-line
rule runs, and the analysis sees at most so many sentences per article and
articles per story.  ``Settings.limits`` (newsdesk.settings) holds the ``Limits`` of a run.
What happens when a limit is hit:

=====================  ===========  ==========================================================
setting                default      when hit
=====================  ===========  ==========================================================
max_file_bytes         50 MB        file refused before it is read ("file is N MB, over ...")
max_decompressed_bytes 50 MB        ``.gz`` refused while decompressing ("gzip expands past ...")
max_document_chars     5,000,000    decoded text refused ("text is N characters, over ...")
max_line_chars         10,000       a longer line is split at sentence ends (else at spaces,
                                    else hard) into lines under the limit: the article stays
                                    usable; one warning per file on ``newsdesk.limits``
max_markup_nodes       300,000      HTML page refused ("page has more than N elements ...");
                                    pages are first cut to 3 M characters of markup
                                    (extraction/html_bounds.py), which holds ~200k table cells
max_analysed_chars     100,000      the analysis (spaCy, sentences) reads the article's first
                                    N characters; the rest stays in its text
max_sentences          400          later sentences of the article are left out of the
                                    analysis (kept in its text); one warning per article
max_sentence_chars     2,000        a longer "sentence" (a list of links, a flattened table)
                                    is left out of the analysis (kept in the text)
(Settings.max_analysed 40           a bigger story is analysed on a sample of its articles
 articles per story)                (every article stays listed in the story)
=====================  ===========  ==========================================================
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.models import Article, Sentence

log = logging.getLogger("newsdesk.limits")

_BREAK_AFTER = re.compile(r"[.!?…][\"'”’)\]]*\s")


@dataclass(frozen=True)
class Limits:
    """Bounds on the work one input may cause (see the module docstring for what each does)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_decompressed_bytes: int = 50 * 1024 * 1024
    max_document_chars: int = 5_000_000
    max_line_chars: int = 10_000
    max_markup_nodes: int = 300_000
    max_analysed_chars: int = 100_000
    max_sentences: int = 400
    max_sentence_chars: int = 2_000

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, not {value!r}")


DEFAULT = Limits()


def clean_text(text: str) -> str:
    """Text as every stage may assume it: no NUL characters (they end strings in C libraries)."""
    return text.replace("\x00", "") if "\x00" in text else text


def wrap_long_lines(text: str, limit: int = DEFAULT.max_line_chars, *, path: str | None = None) -> str:
    """Split lines longer than ``limit`` characters, at sentence ends where possible.

    Per-line rules (scores, regexes, repeat keys) then see bounded lines; a one-line
    article becomes one paragraph per ~``limit`` characters instead of a refusal.
    """
    if len(text) <= limit or not any(len(line) > limit for line in text.splitlines()):
        return text
    out: list[str] = []
    longest = 0
    for line in text.splitlines():
        longest = max(longest, len(line))
        out.extend(_pieces(line, limit) if len(line) > limit else [line])
    log.warning("%s: a line is %s characters, over the %s limit (max_line_chars); split into shorter lines",
                path or "<text>", f"{longest:,}", f"{limit:,}")
    return "\n".join(out)


def _pieces(line: str, limit: int) -> list[str]:
    pieces = []
    rest = line
    while len(rest) > limit:
        window = rest[:limit]
        cut = _last_break(window)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _last_break(window: str) -> int:
    """Where to cut a window: after its last sentence end in the second half, else its last space."""
    half = len(window) // 2
    last = None
    for m in _BREAK_AFTER.finditer(window, half):
        last = m.end()
    if last is None:
        space = window.rfind(" ", half)
        last = space + 1 if space > 0 else len(window)
    return last


def analysed_sentences(
    article: Article, sentences: Sequence[Sentence], limits: Limits = DEFAULT
) -> list[Sentence]:
    """The sentences the per-story analysis sees: at most ``max_sentences``, none longer than
    ``max_sentence_chars`` (the pairwise stages then cost a bounded amount per article)."""
    kept = [s for s in sentences if len(s.text) <= limits.max_sentence_chars]
    if len(kept) > limits.max_sentences or len(kept) < len(sentences):
        log.warning("%s: %s sentences (%s over %s characters); the analysis uses the first %s "
                    "(max_sentences, max_sentence_chars)", article.path or article.id, len(sentences),
                    len(sentences) - len(kept), f"{limits.max_sentence_chars:,}",
                    min(len(kept), limits.max_sentences))
    return kept[: limits.max_sentences]


def check_nodes(root: object, limits: Limits = DEFAULT, *, path: str | None = None) -> None:
    """Refuse a parsed page with more than ``max_markup_nodes`` elements (``InputError``)."""
    from itertools import islice

    from newsdesk.errors import InputError

    if sum(1 for _ in islice(root.iter(), limits.max_markup_nodes + 1)) > limits.max_markup_nodes:  # type: ignore[attr-defined]
        raise InputError(f"page has more than {limits.max_markup_nodes:,} elements (max_markup_nodes); refused",
                         path=path)
