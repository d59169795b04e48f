"""Quotations of one text: text (+ its spaCy parse) -> direct and reported quotes with speakers.

Direct quotes are found from quote marks (straight, curly, ``...''), one span
per quoted segment ("A," he said, "B." gives two), quotes that run over a
paragraph end without a closing mark run to the paragraph end.  The speaker is
the subject of the nearest attribution verb outside the marks (said, told,
according to, quoted ... as saying), else of the verb governing the quote,
else the colon-introduced sentence before, else the previous quote's speaker
(a quote continued in the next sentence).  ``speaker_start``/``speaker_end``
point at the mention as written (possibly "he" or "a spokeswoman for X");
``speaker`` is that mention with pronouns resolved to the last person named.
Reported speech ("X said that ...", "according to X, ...") gives quotes with
``direct=False``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.models import Quote
from newsdesk.nlp.quote_marks import _inside_mask, quote_spans
from newsdesk.nlp.quote_reported import _reported
from newsdesk.nlp.quote_speakers import _Mention, _no_prose_between, _quote, _speaker_of
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.analysis import SpeechTuning

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_quotes(
    text: str, doc: Doc | None = None, indirect: bool = True, tuning: SpeechTuning = DEFAULT_TUNING.speech
) -> list[Quote]:
    """Direct quotes (and, with ``indirect``, reported speech) of ``text``, in text order.

    Offsets are character offsets into ``text`` of the quoted words (inside the
    marks).  Pass ``doc`` (the spaCy parse of ``text``) to avoid parsing twice.
    """
    if doc is None:
        from newsdesk.nlp.spacy_model import parse

        doc = parse(text)
    spans = quote_spans(text)
    inside = _inside_mask(len(text), spans)
    sentences = list(doc.sents) if spans else []  # spaCy rebuilds them on every doc.sents
    doc_text = doc.text if spans else ""  # and the text on every doc.text
    out: list[Quote] = []
    previous: _Mention | None = None
    previous_end = -(10**9)
    for s, e in spans:
        mention = _speaker_of(doc, doc_text, sentences, s, e, inside)
        if mention is None and s - previous_end <= tuning.continuation_chars and _no_prose_between(
            doc, previous_end, s, inside
        ):
            mention = previous
        if len(text[s:e].split()) >= tuning.min_words:
            out.append(_quote(text, s, e, mention, True))
        if mention is not None:
            previous, previous_end = mention, e
    if indirect:
        out += _reported(doc, inside, spans, tuning.min_words)
    return sorted(out, key=lambda q: q.start)
