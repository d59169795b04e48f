"""Shared metadata helpers: dateline, wire credit, language, published date."""

from __future__ import annotations

import pytest

from newsdesk.extraction.common import (
    canonical_wire,
    find_dateline,
    find_wire,
    parse_published,
    split_credit,
)
from newsdesk.extraction.language import detect_language


@pytest.mark.parametrize(
    ("paragraphs", "place"),
    [
        (["OSLO: The council voted on Monday to close the old bridge."], "OSLO"),
        (["LAGOS, Nigeria, May 2 (Reuters) - Fuel prices rose again."], "LAGOS"),
        (["NEW ORLEANS (AP) — A levee was repaired overnight."], "NEW ORLEANS"),
        (["The council voted on Monday: the bridge will close."], None),
        (["BREAKING: The council voted to close the bridge."], None),
        (["\u00d6STERHALM, May 2 (NTB) \u2013 The ferry ran again."], "\u00d6STERHALM"),
        (["\u00d6sterhalm \u2013 the ferry ran again."], None),
    ],
)
def test_find_dateline(paragraphs: list[str], place: str | None) -> None:
    assert find_dateline(paragraphs) == place


@pytest.mark.parametrize(
    ("lead", "language", "place"),
    [
        ("Wolfsried. Am Montag hat der Gemeinderat den Neubau der Brücke beschlossen.", "de", "WOLFSRIED"),
        ("Wolfsried/Orla. Der Kurpark bleibt geschlossen.", "de", "WOLFSRIED/ORLA"),
        ("Wolfsried. The council approved the new bridge on Monday.", "en", None),
        ("Endlich 2024. Der Bau beginnt.", "de", None),
    ],
)
def test_place_and_full_stop_opens_a_german_lead(lead: str, language: str, place: str | None) -> None:
    assert find_dateline([lead, "Der zweite Absatz folgt hier."], language) == place


@pytest.mark.parametrize(
    ("lines", "wire"),
    [
        (["LIMA (Reuters) - Copper output fell.", "More text."], "Reuters"),
        (["Copper output fell sharply in the second quarter.", "The mine reopened. – AFP"], "AFP"),
        (["The mine reopened on Friday.", "– XPS"], "XPS"),
        (["The mine reopened.", "© Agence France-Presse"], "AFP"),
        (["The minister told AFP the mine would reopen."], None),
    ],
)
def test_find_wire(lines: list[str], wire: str | None) -> None:
    assert find_wire(lines) == wire


def test_split_credit_strips_the_trailing_credit() -> None:
    assert split_credit("The harbour will reopen in June. – AFP") == ("The harbour will reopen in June.", "AFP")
    assert split_credit("The harbour will reopen in June.") == ("The harbour will reopen in June.", None)
    assert canonical_wire("Associated Press") == "AP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("• 2024-03-05 09:07 PM", ("2024-03-05T21:07", "minute")),
        ("Published: April 9, 2024 at 10:05 am", ("2024-04-09T10:05", "minute")),
        ("Friday, 9 February 2024", ("2024-02-09", "day")),
        ("12.03.2024, 07:45 Uhr", ("2024-03-12T07:45", "minute")),
        ("March 2024", ("2024-03", "month")),
        ("Veröffentlicht am 3. März 2025", ("2025-03-03", "day")),
        ("no date here", None),
        ("2024-02-31", None),
    ],
)
def test_parse_published(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_published(text) == expected


def test_detect_language() -> None:
    assert detect_language("The council voted on Monday to close the old bridge for repairs.") == "en"
    assert detect_language("Der Stadtrat hat am Montag beschlossen, die alte Brücke zu schließen.") == "de"
    assert detect_language("ok") is None
