"""Datelines in a parse: the place a GPE of its own, the sentence after it tagged without it."""

from __future__ import annotations

import pytest

from newsdesk.nlp.datelines import dateline_span
from newsdesk.nlp.spacy_model import parse


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ORVIKEN - Mara Tellesen won the prize.", "ORVIKEN"),
        ("  \u00c5LBY, May 2 (NWS) \u2013 The pier reopened.", "\u00c5LBY"),
        ("Ferry back\n\nBy Ann Lowe\n\nST. KELDA: The pier reopened.", "ST. KELDA"),
        ("One.\n\nTwo.\n\nThree.\n\nKELDWICK \u2013 The pier reopened.", None),  # not an opening paragraph
        ("The council voted on Monday: the pier will close.", None),
        ("UPDATE: The pier reopened.", None),
    ],
)
def test_dateline_span_finds_the_place_opening_the_body(text: str, place: str | None) -> None:
    found = dateline_span(text)
    assert (text[found[0] : found[1]] if found else None) == place


def test_the_date_and_agency_of_a_dateline_keep_their_tags_and_no_entity_crosses_it() -> None:
    text = "BRAEMOUTH, May 2 (NWS) \u2013 Ilka Dorsey, the port's pilot, said the channel was clear."
    doc = parse(text)
    end = dateline_span(text)[2]
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("BRAEMOUTH", "GPE") in ents and ("May 2", "DATE") in ents and ("Ilka Dorsey", "PERSON") in ents
    assert all(e.end_char <= end or e.start_char >= end for e in doc.ents)


def test_a_text_without_a_dateline_keeps_the_recogniser_s_tags() -> None:
    doc = parse("Mara Tellesen won the prize in Orviken on Monday.")
    assert ("Mara Tellesen", "PERSON") in [(e.text, e.label_) for e in doc.ents]
