"""Datelines in a parse: spaCy Doc after NER -> its entities, a dateline's place a place of its own.

A body that opens "PLACE – Name Surname, who ..." or "PLACE, May 2 (AGENCY) – ..." (the dateline
``extraction.common`` reads into ``Article.dateline``) misleads the entity recogniser: it glues the
place to the name after the dash ("PLACE - Name Surname" as one organisation) or types the place in
capitals as an organisation, a building or a person.  This pipeline component, run after ``ner``,
makes the place a GPE entity and tags the rest of that sentence again without the dateline before
it, as the recogniser tags a sentence that opens on the name.  Entities inside the dateline after
the place (its date, the agency) are kept as tagged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.language import Language

from newsdesk.extraction.common import DATELINE_PARAGRAPHS, dateline_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger("newsdesk.nlp.datelines")

FACTORY = "newsdesk_datelines"
PLACE_LABEL = "GPE"
MAX_TOKENS = 200  # of the sentence tagged again: bounded work per article


@Language.factory(FACTORY)
def make_dateline_tagger(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The component; it reuses the pipeline's entity recogniser (which embeds its own tok2vec)."""
    ner = nlp.get_pipe("ner")
    return lambda doc: retag_dateline(doc, ner)


def dateline_span(text: str) -> tuple[int, int, int] | None:
    """Character offsets (start, end of the place, end) of the dateline opening one of the first
    paragraphs of ``text``, else None."""
    at = seen = 0
    while at < len(text) and seen < DATELINE_PARAGRAPHS:
        stop = text.find("\n", at)
        stop = len(text) if stop < 0 else stop
        line = text[at:stop]
        if line.strip():
            seen += 1
            lead = at + len(line) - len(line.lstrip())
            m = dateline_at(text[lead:stop])
            if m:
                place = m.group("place").rstrip(".")
                return lead, lead + len(place), lead + m.end()
        at = stop + 1
    return None


def retag_dateline(doc: Doc, ner: Callable[[Doc], Doc]) -> Doc:
    """``doc`` with its dateline's place a GPE and the sentence after the dateline tagged by ``ner``
    on its own; a doc without a dateline is returned untouched."""
    from spacy.tokens import Doc, Span

    found = dateline_span(doc.text)
    if found is None:
        return doc
    start, place_end, end = found
    place = doc.char_span(start, place_end, alignment_mode="expand")
    body = doc.char_span(end, min(len(doc.text), end + 1), alignment_mode="expand")
    if place is None or body is None or body.start < place.end:
        return doc
    first = body.start
    last = min(doc[first].sent.end, first + MAX_TOKENS)
    words = doc[first:last]
    alone = ner(Doc(doc.vocab, words=[t.text for t in words], spaces=[bool(t.whitespace_) for t in words]))
    kept = [
        e
        for e in doc.ents
        if e.end <= place.start or e.start >= last or place.end <= e.start and e.end <= first
    ]  # before the dateline, after its sentence, or its date and agency
    after = [Span(doc, first + e.start, first + e.end, label=e.label_) for e in alone.ents]
    place_ent = Span(doc, place.start, place.end, label=PLACE_LABEL)
    doc.set_ents(sorted([*kept, place_ent, *after], key=_start))
    log.debug("dateline %r: %d entities after it tagged again", place.text, len(after))
    return doc


def _start(span: Span) -> int:
    return span.start
